import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';
import { StatementCounter } from '../../../test/statements';
import { CatalogChanges } from './catalog-changes';

interface ProgramsResult {
  programs: {
    totalCount: number;
    fuzzy: boolean;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; title: string; direction: string; fundingType: string; certificatePaymentAvailable: boolean } }[];
    facets: Record<'directions' | 'fundingTypes' | 'municipalities', { value: string; count: number }[]>;
  };
}

const PROGRAMS = `query($filter: ProgramFilter, $first: Int, $after: String) {
  programs(filter: $filter, first: $first, after: $after) {
    totalCount fuzzy pageInfo { hasNextPage endCursor }
    edges { cursor node { id title direction fundingType certificatePaymentAvailable } }
    facets { directions { value count } fundingTypes { value count } municipalities { value count } }
  }
}`;

describe('programs search over HTTP', () => {
  let t: TestServer;
  let zeyaId: string;
  const search = async (filter: Record<string, unknown>, first = 20, after?: string) => {
    const res = await t.gql<ProgramsResult>(PROGRAMS, { filter, first, after });
    expect(res.errors).toBeUndefined();
    return res.data!.programs;
  };

  beforeAll(async () => {
    t = await startTestServer();
    [{ id: zeyaId }] = await t.dataSource.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
  });
  afterAll(() => t.close());

  it('finds robotics programs by a word form, with facet counts', async () => {
    const result = await search({ text: 'робототехника' });
    expect(result.totalCount).toBeGreaterThan(0);
    expect(result.fuzzy).toBe(false);
    for (const e of result.edges) expect(e.node.title).toMatch(/Робототехника/);
    const facetTotal = result.facets.directions.reduce((s, f) => s + f.count, 0);
    expect(facetTotal).toBe(result.totalCount);
  });

  it('still finds them with a typo, and says the match is fuzzy', async () => {
    const result = await search({ text: 'робатехника' });
    expect(result.fuzzy).toBe(true);
    expect(result.totalCount).toBeGreaterThan(0);
    expect(result.edges[0].node.title).toMatch(/Робототехника/);
  });

  it('computes each facet with the other filters but not its own', async () => {
    const all = await search({ municipalityId: zeyaId });
    const technical = await search({ municipalityId: zeyaId, direction: 'TECHNICAL' });
    // The direction facet ignores the direction filter: it still lists every direction of Zeya.
    expect(technical.facets.directions).toEqual(all.facets.directions);
    const technicalCount = all.facets.directions.find((f) => f.value === 'TECHNICAL')!.count;
    expect(technical.totalCount).toBe(technicalCount);
    // Other facets honour it: funding types now count technical programs only.
    expect(technical.facets.fundingTypes.reduce((s, f) => s + f.count, 0)).toBe(technicalCount);
    // The municipality facet ignores the municipality filter but honours direction.
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM programs WHERE status = 'PUBLISHED' AND direction = 'TECHNICAL'`);
    expect(technical.facets.municipalities.reduce((s, f) => s + f.count, 0)).toBe(n);
  });

  it('filters by age, funding type, format and free seats exactly as the database says', async () => {
    const result = await search({ age: 10, fundingType: 'CERTIFICATE', format: 'IN_PERSON', hasFreeSeats: true }, 100);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM programs p WHERE status = 'PUBLISHED' AND age_from <= 10 AND age_to >= 10
         AND funding_type = 'CERTIFICATE' AND format = 'IN_PERSON'
         AND EXISTS (SELECT 1 FROM groups g WHERE g.program_id = p.id AND g.enrollment_open AND g.seats_taken + g.pending_count < g.capacity)`,
    );
    expect(result.totalCount).toBe(n);
    expect(result.edges.every((e) => e.node.fundingType === 'CERTIFICATE')).toBe(true);
  });

  it('filters text matches by age, format, free seats and organization exactly as the database says', async () => {
    const programs = `FROM programs p WHERE status = 'PUBLISHED' AND search_vector @@ websearch_to_tsquery('russian', 'студия')`;
    const [{ organization_id: organizationId, format }] = await t.dataSource.query(`SELECT organization_id, format ${programs} GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1`);
    const cases: [Record<string, unknown>, string][] = [
      [{ age: 10, format: 'IN_PERSON' }, `age_from <= 10 AND age_to >= 10 AND format = 'IN_PERSON'`],
      [{ hasFreeSeats: true, age: 16 }, `has_free_seats AND age_from <= 16 AND age_to >= 16`],
      [{ organizationId, format }, `organization_id = '${organizationId}' AND format = '${format}'`],
      [{ organizationId }, `organization_id = '${organizationId}'`],
    ];
    const found: number[] = [];
    for (const [filter, where] of cases) {
      const result = await search({ text: 'студия', ...filter }, 100);
      const ids: { id: string }[] = await t.dataSource.query(`SELECT id ${programs} AND ${where}`);
      expect(result.edges.map((e) => e.node.id).sort()).toEqual(ids.map((r) => r.id).sort());
      expect(result.totalCount).toBe(ids.length);
      found.push(ids.length);
    }
    const [{ all }] = await t.dataSource.query(`SELECT count(*)::int AS all ${programs}`);
    // The cases select something, and less than the text alone.
    expect(found.every((n) => n > 0 && n < all)).toBe(true);
  });

  it('pages through results without repeating or skipping a program', async () => {
    const seen = new Set<string>();
    let after: string | undefined;
    let total = 0;
    do {
      const page = await search({ direction: 'ARTS' }, 25, after);
      total = page.totalCount;
      for (const e of page.edges) {
        expect(seen.has(e.node.id)).toBe(false);
        seen.add(e.node.id);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor! : undefined;
    } while (after);
    expect(seen.size).toBe(total);
  });

  it('pages by keyset in every order, with and without text, in the order it promises', async () => {
    const ORDERED = `query($filter: ProgramFilter, $after: String, $orderBy: ProgramOrder) {
      programs(filter: $filter, first: 7, after: $after, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title monthlyPrice } } } }`;
    for (const [filter, orderBy] of [[{ text: 'робототехника' }, 'RELEVANCE'], [{ text: 'студия' }, 'TITLE'], [{}, 'PRICE_ASC'], [{ direction: 'ARTS' }, 'PRICE_DESC']] as const) {
      const nodes: { id: string; title: string; monthlyPrice: number }[] = [];
      let after: string | undefined;
      let total = 0;
      do {
        const res = await t.gql<{ programs: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: (typeof nodes)[0] }[] } }>(ORDERED, { filter, after, orderBy });
        expect(res.errors).toBeUndefined();
        total = res.data!.programs.totalCount;
        nodes.push(...res.data!.programs.edges.map((e) => e.node));
        after = res.data!.programs.pageInfo.hasNextPage ? res.data!.programs.pageInfo.endCursor : undefined;
      } while (after);
      expect(new Set(nodes.map((n) => n.id)).size).toBe(total);
      expect(nodes).toHaveLength(total);
      const keys = nodes.map((n) => (orderBy === 'TITLE' ? n.title : n.monthlyPrice));
      if (orderBy === 'TITLE') expect(keys).toEqual([...keys].sort((a, b) => String(a).localeCompare(String(b), 'ru')));
      if (orderBy === 'PRICE_ASC') expect(keys).toEqual([...keys].sort((a, b) => Number(a) - Number(b)));
      if (orderBy === 'PRICE_DESC') expect(keys).toEqual([...keys].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it('never lists drafts', async () => {
    const [draft] = await t.dataSource.query(`SELECT id, title FROM programs WHERE status = 'DRAFT' LIMIT 1`);
    const result = await search({ text: draft.title }, 100);
    expect(result.edges.map((e) => e.node.id)).not.toContain(draft.id);
    const one = await t.gql<{ program: null }>(`query($id: ID!) { program(id: $id) { id } }`, { id: draft.id });
    expect(one.data!.program).toBeNull();
  });

  it('shows the certificate badge only for certified CERTIFICATE programs of connected organizations', async () => {
    const result = await search({}, 100);
    const ids = result.edges.map((e) => e.node.id);
    const rows: { id: string; expected: boolean }[] = await t.dataSource.query(
      `SELECT p.id, (p.funding_type = 'CERTIFICATE' AND p.certification_status = 'CERTIFIED' AND o.pf_connected) AS expected
         FROM programs p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ANY($1)`,
      [ids],
    );
    const expected = new Map(rows.map((r) => [r.id, r.expected]));
    for (const e of result.edges) expect(e.node.certificatePaymentAvailable).toBe(expected.get(e.node.id));
    expect(rows.some((r) => r.expected)).toBe(true);
    expect(rows.some((r) => !r.expected)).toBe(true);
  });

  it('rejects a malformed cursor, or one from another order, as bad input', async () => {
    const page = await search({}, 2);
    for (const after of ['garbage', Buffer.from('["n","1 OR 1=1","x"]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      const res = await t.gql(PROGRAMS, { first: 2, after });
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
    const other = await t.gql(`query($after: String) { programs(first: 2, after: $after, orderBy: TITLE) { totalCount } }`, { after: page.pageInfo.endCursor });
    expect(other.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('rejects an oversized page with a clear error', async () => {
    const res = await t.gql(PROGRAMS, { first: 500 });
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
  it('keeps cached searches while a program fills up; its card and the free-seats filter follow at once', async () => {
    const [program] = await t.dataSource.query(`SELECT id, organization_id FROM programs WHERE status = 'PUBLISHED' AND has_free_seats ORDER BY id LIMIT 1`);
    const cards = async (filter: Record<string, unknown>) => {
      const res = await t.gql<{ programs: { edges: { node: { id: string; hasFreeSeats: boolean } }[] } }>(
        `query($filter: ProgramFilter) { programs(filter: $filter, first: 100) { edges { node { id hasFreeSeats } } } }`,
        { filter },
      );
      return res.data!.programs.edges.map((e) => e.node);
    };
    const cache = async (): Promise<{ hits: number; misses: number }> => (await (await fetch(`${t.url}/healthz`)).json()).catalogCache;
    const everything = { organizationId: program.organization_id };
    const onlyFree = { ...everything, hasFreeSeats: true };
    expect((await cards(everything)).find((c) => c.id === program.id)?.hasFreeSeats).toBe(true);
    expect((await cards(onlyFree)).map((c) => c.id)).toContain(program.id);
    const seats: { id: string; seats_taken: number }[] = await t.dataSource.query(`SELECT id, seats_taken FROM groups WHERE program_id = $1`, [program.id]);

    // Each API process hears the change by NOTIFY at commit; wait until this one has, rather than for a while.
    const heard = () => t.server.container.get(CatalogChanges).caughtUp();
    await t.dataSource.query(`UPDATE groups SET seats_taken = capacity - pending_count WHERE program_id = $1`, [program.id]);
    await heard();
    const before = await cache();
    expect((await cards(everything)).find((c) => c.id === program.id)?.hasFreeSeats).toBe(false);
    expect((await cache()).hits).toBe(before.hits + 1);
    expect((await cards(onlyFree)).map((c) => c.id)).not.toContain(program.id);
    expect((await cache()).misses).toBe(before.misses + 1);

    for (const g of seats) await t.dataSource.query(`UPDATE groups SET seats_taken = $2 WHERE id = $1`, [g.id, g.seats_taken]);
    await heard();
    expect((await cards(onlyFree)).map((c) => c.id)).toContain(program.id);
  });
});

describe('nested catalog query', () => {

  it('costs a fixed number of SQL statements however many programs it returns (no N+1)', async () => {
    const counter = new StatementCounter();
    const { createTestApp } = await import('../../../test/app');
    const { createDataSource } = await import('../../db/data-source');
    const { createServer } = await import('../../server');
    const { AppSettings } = await import('../../common/container');
    const base = await createTestApp();
    const url = (base.dataSource.options as { url: string }).url;
    const dataSource = createDataSource(url, { logger: counter });
    await dataSource.initialize();
    const settings = base.container.get(AppSettings);
    const server = await createServer(dataSource, settings.config, settings.logger);
    const port = await server.listen(0);
    const run = async (first: number) => {
      const { result: res, statements } = await counter.measure(() => fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ programs(first: ${first}) { edges { node { title certificatePaymentAvailable certificateMonthlyShare
            organization { name municipality { name } } municipality { name supportCenter { phone } }
            groups { name freeSeats } } } } }`,
        }),
      }));
      const body = await res.json();
      expect(body.errors).toBeUndefined();
      expect(body.data.programs.edges).toHaveLength(first);
      return statements.length;
    };
    // A first search also copies the facet cells into the process (once, not per program): done before counting.
    await run(1);
    const few = await run(5);
    const many = await run(40);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(8);
    await server.stop();
    server.httpServer.close();
    await dataSource.destroy();
    await base.close();
  });
});
