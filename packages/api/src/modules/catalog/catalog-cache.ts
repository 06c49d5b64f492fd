import { AppSettings, Service } from '../../common/container';
import { CatalogChanges } from './catalog-changes';

export interface CacheStats {
  hits: number;
  misses: number;
  hitRate: number;
  entries: number;
}

/**
 * Search results by query, valid while the catalog stands still as this
 * process hears it (CatalogChanges): checking an entry reads no database. A
 * search filtered by free seats also depends on the programs' free-seat
 * flags; any other does not, so groups filling up at a season start do not
 * empty the cache. Seats themselves (group counts, a card's free-seat flag)
 * are not part of a search result: they are read per request, or kept with a
 * whole answer by CatalogResponses.
 */
@Service()
export class CatalogCache {
  private readonly entries = new Map<string, { since: number; value: unknown }>();
  private hits = 0;
  private misses = 0;

  private readonly maxEntries: number;

  constructor(
    private readonly changes: CatalogChanges,
    settings: AppSettings,
  ) {
    this.maxEntries = settings.config.catalogCacheEntries;
  }

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  /** `dependsOnSeats`: the result changes when a program's free-seat flag does (a search filtered by free seats). */
  async read<T>(key: string, compute: () => Promise<T>, { dependsOnSeats = false } = {}): Promise<T> {
    if (!this.enabled) return compute();
    const dependencies = { freeSeats: dependsOnSeats };
    const entry = this.entries.get(key);
    if (entry && this.changes.holds(entry.since, dependencies)) {
      this.hits++;
      // Re-inserting keeps the Map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value as T;
    }
    this.misses++;
    // Stamped before computing: a change heard meanwhile outdates the entry at once, so it is never older than its stamp.
    const since = this.changes.now();
    const value = await compute();
    this.entries.delete(key);
    if (since !== null && this.changes.holds(since, dependencies)) this.remember(key, { since, value });
    return value;
  }

  /** A search answered whole by the response cache, without reaching `read`: counted as a hit of the catalog's caching. */
  countHit(): void {
    this.hits++;
  }

  private remember(key: string, entry: { since: number; value: unknown }): void {
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  stats(): CacheStats {
    const total = this.hits + this.misses;
    return { hits: this.hits, misses: this.misses, hitRate: total ? this.hits / total : 0, entries: this.entries.size };
  }
}
