import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/app';

describe('HTTP server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('reports health with a database round trip', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', catalogCache: { hits: expect.any(Number), misses: expect.any(Number) } });
  });

  it('serves a playground landing page to browsers at /graphql', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<html/i);
  });

  it('answers a malformed id with BAD_USER_INPUT, not an internal error or a stack trace', async () => {
    const res = await t.gql(`{ program(id: "not-a-uuid") { id } }`);
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('refuses queries nested beyond the depth limit', async () => {
    const deep = `{ programs { edges { node { groups { program { groups { program { groups { program { groups { id } } } } } } } } } } }`;
    const res = await t.gql(deep);
    expect(res.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0].message).toMatch(/слишком глубокий/);
  });

  it('refuses queries whose cost exceeds the limit', async () => {
    const costly = `{ programs(first: 100) { edges { node { groups { program { groups { program { groups { id name capacity } } } } } } } } }`;
    const res = await t.gql(costly);
    expect(res.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('reports unknown fields as validation errors', async () => {
    const res = await t.gql(`{ programs { nonsense } }`);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('HTTP server in production', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: 'production', config: { introspection: false } });
  });
  afterAll(() => t.close());

  it('refuses introspection', async () => {
    const res = await t.gql(`{ __schema { queryType { name } } }`);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.data).toBeUndefined();
  });

  it('offers no Sandbox landing page', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/<html/i);
  });

  it('answers malformed JSON without a stack trace', async () => {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
