import { DataSource } from 'typeorm';
import { AppSettings, Service } from '../../common/container';

export interface CacheStats {
  hits: number;
  misses: number;
  hitRate: number;
  entries: number;
}

/** The read model's two counters, bumped by triggers in the transaction that changes the data. */
interface Versions {
  /** Any change of programs or organizations. */
  catalog: string;
  /** A program's free-seat flag flipped, nothing else about it changed. */
  seats: string;
}

/**
 * Search results by query, valid while the catalog's versions stand still, so
 * one read of two one-row tables tells whether an entry still holds — in this
 * process and in any other serving the same database. A search filtered by
 * free seats depends on both versions; any other only on `catalog`, so groups
 * filling up at a season start do not empty the cache. Seats themselves
 * (group counts, a card's free-seat flag) are not cached: they are read per
 * request.
 */
@Service()
export class CatalogCache {
  private readonly entries = new Map<string, { versions: Versions; value: unknown }>();
  private hits = 0;
  private inFlight: Promise<Versions> | null = null;
  private queued: Promise<Versions> | null = null;
  private misses = 0;

  private readonly maxEntries: number;

  constructor(
    private readonly dataSource: DataSource,
    settings: AppSettings,
  ) {
    this.maxEntries = settings.config.catalogCacheEntries;
  }

  /** `dependsOnSeats`: the result changes when a program's free-seat flag does (a search filtered by free seats). */
  async read<T>(key: string, compute: () => Promise<T>, { dependsOnSeats = false } = {}): Promise<T> {
    if (this.maxEntries === 0) return compute();
    const versions = await this.versions();
    const entry = this.entries.get(key);
    if (entry && entry.versions.catalog === versions.catalog && (!dependsOnSeats || entry.versions.seats === versions.seats)) {
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
    this.entries.set(key, { versions, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /**
   * The versions as of some moment after the call: concurrent callers share
   * one read, and a caller arriving while a read is in flight joins the next
   * one (the one in flight may have missed a commit just before the call), so
   * under load there is about one version read per round trip, not per request.
   */
  private versions(): Promise<Versions> {
    if (!this.inFlight) return this.startRead();
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.startRead();
      });
    return this.queued;
  }

  private startRead(): Promise<Versions> {
    const read = this.dataSource
      .query(`SELECT (SELECT version FROM catalog_version WHERE id = 1) AS catalog, (SELECT version FROM catalog_seats_version WHERE id = 1) AS seats`)
      .then((rows: Versions[]) => rows[0]);
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
