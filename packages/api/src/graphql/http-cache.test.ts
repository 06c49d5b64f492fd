import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/app';

const QUERY = `query Home { programs(first: 5) { totalCount edges { node { id title groups { freeSeats waitlistLength } } } } }`;
const HASH = createHash('sha256').update(QUERY).digest('hex');

describe('anonymous catalog reads over GET with persisted queries', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/graphql?${new URLSearchParams(params)}`, { headers: { 'x-apollo-operation-name': 'Home', ...headers } });
  const persisted = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: HASH } });

  it('answers a hashed query with Cache-Control and an ETag, and 304 when the client holds the same body', async () => {
    const unknown = await (await get({ extensions: persisted })).json();
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await get({ query: QUERY, extensions: persisted })).status).toBe(200);

    const res = await get({ extensions: persisted });
    const body = await res.json();
    expect(body.data.programs.edges).toHaveLength(5);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);

    const again = await get({ extensions: persisted }, { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('keeps signed-in and POST answers out of shared caches', async () => {
    const token = await t.login('parent@demo.ru');
    const signedIn = await get({ query: QUERY }, { authorization: `Bearer ${token}` });
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const posted = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    expect(posted.headers.get('cache-control')).toBe('no-store');
  });

  it('reports the in-process catalog cache hit rate on the health check', async () => {
    await get({ query: QUERY });
    await get({ query: QUERY });
    const health = await (await fetch(`${t.url}/healthz`)).json();
    expect(health.catalogCache.hits).toBeGreaterThan(0);
    expect(health.catalogCache.hitRate).toBeGreaterThan(0);
  });
});
