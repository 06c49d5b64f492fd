import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type DocumentNode, Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/app';
import { repoRoot } from '../config';
import { assertWithinLimits, MAX_ALIASES, MAX_QUERY_LENGTH, MAX_QUERY_TOKENS } from './query-limits';

const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));

/** `fragment B0 … fragment Bn { ...Bn-1 ...Bn-1 }`: each level doubles what a naive walk visits. */
function fragmentBomb(levels: number): string {
  const parts = ['fragment B0 on Query { municipalities { id } }'];
  for (let i = 1; i <= levels; i++) parts.push(`fragment B${i} on Query { ...B${i - 1} ...B${i - 1} }`);
  return `${parts.join(' ')} { ...B${levels} }`;
}

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

function spaSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'gql' ? [] : spaSources(file);
    return /\.tsx?$/.test(name) && !name.includes('.test.') ? [readFileSync(file, 'utf8')] : [];
  });
}

/** Every operation and fragment the SPAs send, as codegen finds them (`graphql(\`…\`)`). */
function spaDocuments(spa: string): DocumentNode[] {
  const texts = spaSources(path.join(repoRoot, 'packages', spa, 'src')).flatMap((src) => [...src.matchAll(/graphql\(`([^`]*)`\)/g)].map((m) => m[1]));
  const docs = texts.map((t) => parse(t));
  const fragments = docs.flatMap((d) => d.definitions.filter((def) => def.kind === Kind.FRAGMENT_DEFINITION));
  return docs
    .filter((d) => d.definitions.some((def) => def.kind === Kind.OPERATION_DEFINITION))
    .map((d) => ({ ...d, definitions: [...d.definitions.filter((def) => def.kind === Kind.OPERATION_DEFINITION), ...fragments] }));
}

describe('query limits', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('refuses a 40-level fragment bomb in milliseconds while /healthz keeps answering', async () => {
    const bomb = fragmentBomb(40);
    expect(bomb.length).toBeLessThan(2000);
    const [refused, health] = await Promise.all([post(t.url, bomb), fetch(`${t.url}/healthz`)]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.body.errors![0].message).toMatch(/слишком сложный/);
    expect(health.status).toBe(200);
    // Best of five round trips, beside those of a trivial query: on a busy shared machine a single sample measures the neighbours too.
    const sample = async (query: string) => {
      const started = performance.now();
      await post(t.url, query);
      return performance.now() - started;
    };
    const bombTimes: number[] = [];
    const trivialTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      bombTimes.push(await sample(bomb));
      trivialTimes.push(await sample('{ __typename }'));
    }
    expect(Math.min(...bombTimes)).toBeLessThan(Math.max(50, Math.min(...trivialTimes) + 50));
  });

  it('measures each fragment once, so a 1000-level bomb is measured as fast', () => {
    const document = parse(fragmentBomb(1000));
    const started = performance.now();
    expect(() => assertWithinLimits(schema, document)).toThrow(/слишком сложный/);
    // Naively this would be 2^1000 walks; linear, it is a few milliseconds (generous bound for a busy machine).
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('tolerates fragment cycles and unknown fragments, leaving them to validation', async () => {
    const res = await post(t.url, 'fragment A on Query { ...B } fragment B on Query { ...A } { ...A ...Nowhere }');
    expect(res.status).toBe(400);
    expect(res.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses depth 20 with 400, not 500', async () => {
    let deep = 'id';
    for (let i = 0; i < 10; i++) deep = `program { groups { ${deep} } }`;
    const res = await post(t.url, `{ programs { edges { node { groups { ${deep} } } } } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors![0].message).toMatch(/слишком глубокий/);
  });

  it('refuses many aliases, also when fragments repeat them', async () => {
    const fields = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `m${i}: municipalities { id }`).join(' ');
    const direct = await post(t.url, `{ ${fields} }`);
    expect(direct.status).toBe(400);
    expect(direct.body.errors![0].message).toMatch(/псевдонимов/);
    const spread = await post(t.url, `fragment F on Query { a: municipalities { id } b: municipalities { id } } { ${'... on Query { ...F } '.repeat(16)} }`);
    expect(spread.status).toBe(400);
    expect(spread.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    const inList = await post(t.url, `{ programs(first: 100) { edges { node { name: title } } } }`);
    expect(inList.status).toBe(200);
  });

  it('caps tokens and text length before anything else', async () => {
    const manyTokens = `{ ${'__typename '.repeat(MAX_QUERY_TOKENS)} }`;
    const tokens = await post(t.url, manyTokens);
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(tokens.body.errors![0].message).toMatch(/слишком длинный/);
    const long = await post(t.url, `{ municipalities { id } } #${'x'.repeat(MAX_QUERY_LENGTH)}`);
    expect(long.status).toBe(400);
    expect(long.body.errors![0].message).toMatch(/слишком длинный/);
  });

  it('checks the cost with this request\'s variables even when the document was validated before', async () => {
    const query = `query($n: Int) { programs(first: $n) { edges { node { groups { program { groups { program { groups { id name } } } } } } } } }`;
    const cheap = await post(t.url, query, { n: 1 });
    expect(cheap.status).toBe(200);
    const costly = await post(t.url, query, { n: 100 });
    expect(costly.status).toBe(400);
    expect(costly.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('lets a documented page size through with the fields a parent asks for', async () => {
    const res = await post(
      t.url,
      `{ programs(first: 100) { totalCount edges { node { id title groups { id name capacity freeSeats address teacher startsOn endsOn schedule { weekday startTime endTime } } } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it.each(['web-parent', 'web-provider'])('passes every %s operation at the largest page size', (spa) => {
    const docs = spaDocuments(spa);
    expect(docs.length).toBeGreaterThan(5);
    for (const doc of docs) expect(() => assertWithinLimits(schema, doc, { first: 100 })).not.toThrow();
  });
});
