import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';
import { CatalogChanges } from './catalog-changes';
import { takeSeat } from './group-seats';

interface Card {
  id: string;
  hasFreeSeats: boolean;
  groups: { id: string; freeSeats: number }[];
}

const CARDS = `query($filter: ProgramFilter) { programs(filter: $filter, first: 10) { totalCount edges { node { id hasFreeSeats groups { id freeSeats } } } } }`;

/** Retries `check` until it holds or `ms` pass: for a state another connection reaches on its own time. */
async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('kept answers to anonymous catalog queries', () => {
  let t: TestServer;
  let changes: CatalogChanges;
  let organizations: string[];

  beforeAll(async () => {
    t = await startTestServer();
    changes = t.server.container.get(CatalogChanges);
    organizations = (
      await t.dataSource.query(`SELECT organization_id AS id FROM programs WHERE status = 'PUBLISHED' AND has_free_seats GROUP BY 1 ORDER BY count(*) DESC LIMIT 2`)
    ).map((r: { id: string }) => r.id);
  });
  afterAll(() => t.close());

  const responses = async (): Promise<{ hits: number; misses: number }> => (await (await fetch(`${t.url}/healthz`)).json()).catalogCache.responses;
  const cards = async (organizationId: string, token?: string): Promise<Card[]> => {
    const res = await t.gql<{ programs: { edges: { node: Card }[] } }>(CARDS, { filter: { organizationId } }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.programs.edges.map((e) => e.node);
  };
  /** A group of the organization's first card with a free seat. */
  const openGroup = async (organizationId: string) => (await cards(organizationId)).flatMap((c) => c.groups.map((g) => ({ ...g, program: c.id }))).find((g) => g.freeSeats > 0)!;

  it('replays an answer until a seat is taken in a program it shows, and only those answers', async () => {
    const [mine, other] = organizations;
    const group = await openGroup(mine);
    const first = await cards(mine);
    await cards(other);
    const before = await responses();
    expect(await cards(mine)).toEqual(first);
    expect(await cards(other)).toBeDefined();
    expect((await responses()).hits).toBe(before.hits + 2);

    await t.dataSource.transaction((m) => takeSeat(m, group.id));
    await changes.caughtUp();
    const after = await responses();
    const seats = (await cards(mine)).find((c) => c.id === group.program)!.groups.find((g) => g.id === group.id)!.freeSeats;
    expect(seats).toBe(group.freeSeats - 1);
    await cards(other);
    expect(await responses()).toMatchObject({ hits: after.hits + 1, misses: after.misses + 1 });
  });

  it('keeps nothing for a signed-in visitor, nor an answer with fields the change notices do not cover', async () => {
    const token = await t.login('parent@demo.ru');
    const [mine] = organizations;
    const before = await responses();
    await cards(mine, token);
    await cards(mine, token);
    const supportCenter = `{ programs(first: 3) { edges { node { id municipality { name supportCenter { phone } } } } } }`;
    await t.gql(supportCenter);
    await t.gql(supportCenter);
    expect((await responses()).hits).toBe(before.hits);
  });

  it('keeps an answer that names municipalities, and outdates it when one is renamed', async () => {
    const named = async () =>
      (await t.gql<{ programs: { edges: { node: { municipality: { id: string; name: string } } }[] } }>(`{ programs(first: 1) { edges { node { municipality { id name } } } } }`))
        .data!.programs.edges[0].node.municipality;
    const { id, name } = await named();
    const before = await responses();
    expect(await named()).toEqual({ id, name });
    expect((await responses()).hits).toBe(before.hits + 1);

    await t.dataSource.query(`UPDATE municipalities SET name = $2 WHERE id = $1`, [id, `${name} (переименован)`]);
    await changes.caughtUp();
    expect((await named()).name).toBe(`${name} (переименован)`);
    await t.dataSource.query(`UPDATE municipalities SET name = $2 WHERE id = $1`, [id, name]);
  });

  it('outdates everything it kept when the listening connection is lost, and keeps nothing until it listens again', async () => {
    const [mine] = organizations;
    const group = await openGroup(mine);
    await cards(mine);
    const listener = `SELECT pid FROM pg_stat_activity WHERE application_name = 'navigator-catalog-changes' AND datname = current_database()`;
    const [{ pid }] = await t.dataSource.query(listener);

    await t.dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);
    // Taken while nobody listens: no notice of it will ever arrive.
    await t.dataSource.transaction((m) => takeSeat(m, group.id));
    await until(async () => {
      const [now] = await t.dataSource.query(listener);
      return !!now && now.pid !== pid && changes.now() !== null;
    });
    const seats = (await cards(mine)).find((c) => c.id === group.program)!.groups.find((g) => g.id === group.id)!.freeSeats;
    expect(seats).toBe(group.freeSeats - 1);
  });
});
