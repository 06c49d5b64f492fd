import { DataSource } from 'typeorm';
import { Service } from '../../common/container';
import { CatalogCache } from './catalog-cache';
import { CatalogChanges } from './catalog-changes';
import type { ProgramFilter } from './inputs/program-filter.input';
import { type Facet, FACETS, type FacetTriple } from './program-search.sql';

type Cell = Record<Facet | 'format', string> & { free: boolean; programs: number };

/**
 * Facet counts of filter-only searches, counted in this process over a copy
 * of catalog_facet_counts' cells for one age (a few thousand rows whatever
 * the catalog's size), instead of by PostgreSQL on every search that misses
 * the cache. A copy holds while CatalogChanges hears neither a catalog change
 * nor a free-seat flip — the only commits that change the cells — so the
 * counts are the database's as of the last notice.
 */
@Service()
export class CatalogFacets {
  private readonly slices = new Map<number, { since: number; cells: Cell[] }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: CatalogChanges,
    private readonly cache: CatalogCache,
  ) {}

  /** [facet, value, count] triples (`total` included) as the search statement gives them, or null when they must come from it (not listening). */
  async count(filter: ProgramFilter): Promise<FacetTriple[] | null> {
    const cells = await this.cells(filter.age ?? -1);
    if (!cells) return null;
    const wanted: Partial<Record<Facet, string>> = { direction: filter.direction, funding_type: filter.fundingType, municipality_id: filter.municipalityId };
    const counts = new Map<Facet, Map<string, number>>(FACETS.map((f) => [f, new Map()]));
    let total = 0;
    const add = (f: Facet, cell: Cell) => {
      const byValue = counts.get(f)!;
      byValue.set(cell[f], (byValue.get(cell[f]) ?? 0) + cell.programs);
    };
    // Each facet counts the cells passing the other facets' filters. Thousands of cells per miss: no allocation per cell.
    for (const cell of cells) {
      if ((filter.format && cell.format !== filter.format) || (filter.hasFreeSeats && !cell.free)) continue;
      let misses = 0;
      let missed: Facet = FACETS[0];
      for (const f of FACETS) {
        if (wanted[f] && cell[f] !== wanted[f]) {
          misses++;
          missed = f;
        }
      }
      if (misses === 1) add(missed, cell);
      if (misses > 0) continue;
      total += cell.programs;
      for (const f of FACETS) add(f, cell);
    }
    const triples = FACETS.flatMap((f) => [...counts.get(f)!].map(([value, n]): FacetTriple => [f, value, n]));
    return [...triples, ['total', null, total]];
  }

  private async cells(age: number): Promise<Cell[] | null> {
    if (!this.cache.enabled) return null;
    const dependencies = { freeSeats: true };
    const slice = this.slices.get(age);
    if (slice && this.changes.holds(slice.since, dependencies)) return slice.cells;
    const since = this.changes.now();
    if (since === null) return null;
    const cells: Cell[] = await this.dataSource.query(
      `SELECT direction, funding_type, municipality_id, format, has_free_seats AS free, programs FROM catalog_facet_counts WHERE age = $1 AND programs > 0`,
      [age],
    );
    if (this.changes.holds(since, dependencies)) this.slices.set(age, { since, cells });
    return cells;
  }
}
