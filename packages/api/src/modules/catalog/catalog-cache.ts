import { DataSource } from 'typeorm';
import { AppSettings, Service } from '../../common/container';

export interface CacheStats {
  hits: number;
  misses: number;
  hitRate: number;
  entries: number;
}

/**
 * Search results by query, valid while `catalog_version` stands still. The
 * version is bumped in the same transaction as any change of programs
 * or organizations (including a free-seat flag flipped by a seat change), so one primary-key
 * read tells whether an entry still holds — in this process and in any other
 * serving the same database. Group seats are not cached: they are read per
 * request.
 */
@Service()
export class CatalogCache {
  private readonly entries = new Map<string, { version: string; value: unknown }>();
  private hits = 0;
  private inFlight: Promise<string> | null = null;
  private queued: Promise<string> | null = null;
  private misses = 0;

  private readonly maxEntries: number;

  constructor(
    private readonly dataSource: DataSource,
    settings: AppSettings,
  ) {
    this.maxEntries = settings.config.catalogCacheEntries;
  }

  async read<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.maxEntries === 0) return compute();
    const version = await this.version();
    const entry = this.entries.get(key);
    if (entry?.version === version) {
      this.hits++;
      // Re-inserting keeps the Map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value as T;
    }
    this.misses++;
    // Computed after the version was read: if the catalog changes meanwhile, the entry is newer than its version, never older.
    const value = await compute();
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /**
   * The version as of some moment after the call: concurrent callers share
   * one read, and a caller arriving while a read is in flight joins the next
   * one (the one in flight may have missed a commit just before the call), so
   * under load there is about one version read per round trip, not per request.
   */
  private version(): Promise<string> {
    if (!this.inFlight) return this.startRead();
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.startRead();
      });
    return this.queued;
  }

  private startRead(): Promise<string> {
    const read = this.dataSource.query(`SELECT version FROM catalog_version WHERE id = 1`).then((rows: { version: string }[]) => rows[0].version);
    this.inFlight = read;
    const done = () => {
      if (this.inFlight === read) this.inFlight = null;
    };
    read.then(done, done);
    return read;
  }

  stats(): CacheStats {
    const total = this.hits + this.misses;
    return { hits: this.hits, misses: this.misses, hitRate: total ? this.hits / total : 0, entries: this.entries.size };
  }
}
