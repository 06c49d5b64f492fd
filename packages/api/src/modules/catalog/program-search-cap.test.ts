import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';
import { copyRows } from '../../../test/bulk';
import { CatalogChanges } from './catalog-changes';
import { TEXT_MATCH_CAP } from './program-search.sql';

interface Found {
  programs: { totalCount: number; countsCapped: boolean; edges: { node: { id: string } }[]; facets: { municipalities: { value: string; count: number }[] } };
}

/** A word more programs share than the cap, as common words do at season-start scale; its own database, so other searches keep their counts. */
describe('text search whose matches pass the cap', () => {
  let t: TestServer;
  let zeyaId: string;
  const WORD = 'Каллиграфия';
  const LATE = 40;

  beforeAll(async () => {
    t = await startTestServer();
    [{ id: zeyaId }] = await t.dataSource.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
    // Copies of a published program elsewhere first, then of one in Zeya: the index returns matches in table order, so
    // Zeya's lie beyond the first TEXT_MATCH_CAP of the word.
    const copy = (count: number, where: string) =>
      copyRows(t.dataSource, 'programs', { where: `status = 'PUBLISHED' AND ${where}`, count, set: { title: `$1 || ' ' || i` }, params: [WORD] });
    await copy(TEXT_MATCH_CAP + 100, `municipality_id <> '${zeyaId}'`);
    await copy(LATE, `municipality_id = '${zeyaId}'`);
    await t.server.container.get(CatalogChanges).caughtUp();
  });
  afterAll(() => t.close());

  it('finds every program of the chosen municipality, not only those among the first matches', async () => {
    const res = await t.gql<Found>(
      `query($filter: ProgramFilter) { programs(filter: $filter, first: 100) { totalCount countsCapped edges { node { id } } facets { municipalities { value count } } } }`,
      { filter: { text: WORD.toLowerCase(), municipalityId: zeyaId } },
    );
    expect(res.errors).toBeUndefined();
    const expected: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM programs WHERE status = 'PUBLISHED' AND municipality_id = $1 AND search_vector @@ websearch_to_tsquery('russian', $2)`,
      [zeyaId, WORD],
    );
    expect(expected.length).toBeGreaterThanOrEqual(LATE);
    const { programs } = res.data!;
    expect(programs.edges.map((e) => e.node.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(programs.totalCount).toBe(expected.length);
    // Facets still count the first matches of every municipality, and say they are a lower bound.
    expect(programs.countsCapped).toBe(true);
    expect(programs.facets.municipalities.reduce((s, f) => s + f.count, 0)).toBe(TEXT_MATCH_CAP);
  });
});
