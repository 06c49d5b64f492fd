import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';
import { CatalogCache } from './catalog-cache';
import { CatalogChanges } from './catalog-changes';
import { CatalogFacets } from './catalog-facets';
import { Direction, FundingType, ProgramFormat } from './catalog.enums';
import type { ProgramFilter } from './inputs/program-filter.input';
import { ProgramSearchService } from './program-search.service';

describe('filter-only facets counted in the process', () => {
  let t: TestServer;
  let inProcess: ProgramSearchService;
  let bySql: ProgramSearchService;
  let municipalities: string[];

  beforeAll(async () => {
    t = await startTestServer();
    const container = t.server.container;
    inProcess = container.get(ProgramSearchService);
    // The same service with no cache and no copy of the cells: the statement counts, as before.
    const uncached = { read: (_key: string, compute: () => Promise<unknown>) => compute() } as unknown as CatalogCache;
    bySql = new ProgramSearchService(t.dataSource, uncached, { count: async () => null } as unknown as CatalogFacets);
    municipalities = (await t.dataSource.query(`SELECT DISTINCT municipality_id AS id FROM programs WHERE status = 'PUBLISHED' ORDER BY 1`)).map((r: { id: string }) => r.id);
  });
  afterAll(() => t.close());

  const both = async (filter: ProgramFilter) => {
    const [mine, theirs] = [await inProcess.search(filter, 5), await bySql.search(filter, 5)];
    return { mine: { totalCount: mine.totalCount, facets: mine.facets }, theirs: { totalCount: theirs.totalCount, facets: theirs.facets } };
  };

  it('equals the statement’s counts for every combination of filters, and follows a free-seat flip', async () => {
    expect(await t.server.container.get(CatalogFacets).count({})).not.toBeNull();
    const filters: ProgramFilter[] = [
      {},
      { municipalityId: municipalities[0] },
      { direction: Direction.TECHNICAL, fundingType: FundingType.CERTIFICATE },
      { municipalityId: municipalities[1], direction: Direction.ARTS, age: 10 },
      { format: ProgramFormat.ONLINE, hasFreeSeats: true },
      { age: 7, hasFreeSeats: true, fundingType: FundingType.PAID, municipalityId: municipalities[0] },
    ];
    for (const filter of filters) {
      const { mine, theirs } = await both(filter);
      expect(mine, JSON.stringify(filter)).toEqual(theirs);
    }

    const [program] = await t.dataSource.query(`SELECT id FROM programs WHERE status = 'PUBLISHED' AND has_free_seats ORDER BY id LIMIT 1`);
    const before = (await inProcess.search({ hasFreeSeats: true })).totalCount;
    await t.dataSource.query(`UPDATE groups SET seats_taken = capacity - pending_count WHERE program_id = $1`, [program.id]);
    await t.server.container.get(CatalogChanges).caughtUp();
    const { mine, theirs } = await both({ hasFreeSeats: true });
    expect(mine).toEqual(theirs);
    expect(mine.totalCount).toBe(before - 1);
  });
});
