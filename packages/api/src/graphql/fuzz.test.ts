import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/app';
import { DEMO_ACCOUNTS } from '../db/seed/demo-data';
import { checkInvariants } from '../invariants/registry';

/**
 * Every query and mutation of the emitted schema, anonymous and in every
 * role, with hostile and mistyped values: whatever a client sends, the answer
 * is a typed client error or data — never a 5xx, an INTERNAL_SERVER_ERROR, a
 * stack trace or SQL — and the server and its invariants survive.
 */

const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
const LEAKS = /\n\s+at |node_modules|QueryFailedError|duplicate key value|violates .* constraint|column "|relation "|syntax error at or near|out of range for type|invalid input syntax/;

const HOSTILE = {
  String: ['', 'x'.repeat(10_000), "'; DROP TABLE users; --", '<script>alert(1)</script>', '\u0000\u0001', '   ', '2026-13', '🙂'.repeat(50)],
  ID: ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "1' OR '1'='1", '', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'x'.repeat(10_000)],
  Int: [-1, 0, 2_147_483_647, -2_147_483_648, 101, 3_000_000_000],
  Float: [-1e308, 1e308, 0, -91.5],
  Boolean: [true, false, 'yes'],
  Kopecks: [-1, 9_007_199_254_740_991, 1e15, 0.5, '100'],
  LocalDate: ['2016-02-30', '0000-00-00', '9999-12-31', 'yesterday', '2026-10-15T00:00:00Z'],
  DateTimeISO: ['not a date', '2026-02-30T25:61:00Z'],
} as Record<string, unknown[]>;
/** Cursors that are malformed, overflowing or negative. */
const CURSORS = ['%%%', Buffer.from('o:9999999999999999999999').toString('base64url'), Buffer.from('o:-5').toString('base64url'), Buffer.from("o:1; DROP").toString('base64url')];
/** Wrong kinds of value for any type: coercion must refuse them politely. */
const MISTYPED = [{ nested: { deep: true } }, [1, 2, 3], 12.5, 'строка'];

/** Well-formed values, so that requests get past validation into the services; ids are real rows of every kind. */
const PLAUSIBLE = {
  String: ['Проверка', 'Причина отказа: нет мест', '2026-10', 'parent@demo.ru'],
  ID: [] as string[],
  Int: [1, 5, 100],
  Float: [50.3, 127.5],
  Boolean: [true, false],
  Kopecks: [100, 150_000, 100_000_000],
  LocalDate: ['2026-10-15', '2026-12-31', '2016-02-29'],
  DateTimeISO: ['2026-10-15T10:00:00Z'],
} as Record<string, unknown[]>;

type Variant = 'hostile' | 'plausible' | 'nulls' | 'mistyped';

function leaf(typeName: string, argName: string, variant: Variant, seed: number): unknown {
  const pool = variant === 'plausible' ? (PLAUSIBLE[typeName] ?? PLAUSIBLE.String) : argName === 'after' ? CURSORS : (HOSTILE[typeName] ?? HOSTILE.String);
  return pool[seed % pool.length];
}

function valueFor(type: GraphQLInputType, name: string, variant: Variant, seed: number, depth = 0): unknown {
  if (!isNonNullType(type) && variant === 'nulls') return null;
  const bare = getNullableType(type) as GraphQLInputType;
  if (variant === 'mistyped' && depth === 0) return MISTYPED[seed % MISTYPED.length];
  if (isListType(bare)) return seed % 3 === 0 ? [] : [0, 1, 2].map((i) => valueFor(bare.ofType, name, variant, seed + i, depth + 1));
  if (isEnumType(bare)) return seed % 2 === 0 && variant !== 'plausible' ? 'NOT_A_VALUE' : bare.getValues()[seed % bare.getValues().length].value;
  if (isInputObjectType(bare)) {
    if (depth > 3) return null;
    return Object.fromEntries(Object.values(bare.getFields()).map((f, i) => [f.name, valueFor(f.type, f.name, variant, seed + i, depth + 1)]));
  }
  return leaf(bare.name, name, variant, seed);
}

/** Scalars and enums of the result, one level deep: enough to run the field's resolver and its neighbours. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return '{ __typename }';
  const leaves = Object.values((type as GraphQLObjectType).getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name);
  const connection = type.getFields().edges ? ' edges { cursor } pageInfo { hasNextPage endCursor }' : '';
  return `{ __typename ${leaves.join(' ')}${connection} }`;
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args as readonly GraphQLArgument[];
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  return `${kind} Fuzz${defs ? `(${defs})` : ''} { ${field.name}${call} ${selection(field)} }`;
}

describe('schema-driven fuzz', () => {
  let api: TestServer;
  const tokens: Record<string, string | undefined> = { anonymous: undefined };
  beforeAll(async () => {
    api = await startTestServer();
    for (const role of ['parent', 'staff', 'operator', 'admin'] as const) tokens[role] = await api.login(DEMO_ACCOUNTS[role]);
    const tables = ['children', 'certificates', 'programs', 'groups', 'organizations', 'municipalities', 'applications', 'contracts', 'invoices', 'charges', 'notifications'];
    for (const table of tables) {
      const rows: { id: string }[] = await api.dataSource.query(`SELECT id FROM ${table} ORDER BY id LIMIT 2`);
      PLAUSIBLE.ID.push(...rows.map((r) => r.id));
    }
  });
  afterAll(() => api.close());

  it('answers every operation, in every role, with hostile values, without a server error or a leak', async () => {
    const cases: { name: string; query: string; variables: Record<string, unknown>; token?: string }[] = [];
    let seed = 0;
    for (const [kind, root] of [['query', schema.getQueryType()!], ['mutation', schema.getMutationType()!]] as const) {
      for (const field of Object.values(root.getFields())) {
        // Signing out would end the session the rest of the run uses.
        if (field.name === 'logout') continue;
        const query = operation(kind, field);
        for (const [role, token] of Object.entries(tokens)) {
          for (const variant of ['hostile', 'plausible', 'nulls', 'mistyped'] as const) {
            // Mistyped values are refused by coercion before any resolver runs, whoever sends them: two roles suffice.
            if (variant === 'mistyped' && (field.args.length === 0 || (role !== 'anonymous' && role !== 'parent'))) continue;
            seed += 1;
            const variables = Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type, a.name, variant, seed)]));
            cases.push({ name: `${field.name} as ${role} (${variant})`, query, variables, token });
          }
        }
      }
    }
    expect(cases.length).toBeGreaterThan(500);

    const failures: string[] = [];
    const run = async (c: (typeof cases)[number]) => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(c.token ? { authorization: `Bearer ${c.token}` } : {}) },
        body: JSON.stringify({ query: c.query, variables: c.variables }),
      });
      const text = await res.text();
      const codes = ((JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((e) => e.extensions?.code);
      if (res.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') || codes.includes(undefined) || LEAKS.test(text)) {
        failures.push(`${c.name}: HTTP ${res.status} ${text.slice(0, 300)}`);
      }
    };
    const queue = [...cases];
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) await run(c);
    }));
    expect(failures).toEqual([]);

    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect(await checkInvariants(api.dataSource)).toEqual([]);
  });
});
