import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printAppSchema, SCHEMA_FILE } from './print-schema';

describe('schema.graphql', () => {
  it('matches the schema the resolvers build (run `pnpm --filter @navigator/api emit-schema` after changing them)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printAppSchema());
  });
});
