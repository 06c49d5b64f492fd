import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Apollo refetches by operation name and silently skips a name no mounted query has, so a stale name only shows as stale screens.
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith('gql'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

describe.each(['web-parent', 'web-provider'])('%s refetches only queries it defines', (app) => {
  const files = sources(path.resolve(import.meta.dirname, '../..', app, 'src'));
  const defined = new Set(files.flatMap((s) => [...s.matchAll(/\bquery (\w+)/g)].map((m) => m[1])));
  const refetched = files.flatMap((s) => [...s.matchAll(/refetchQueries: \[([^\]]*)\]/g)].flatMap((m) => [...m[1].matchAll(/'(\w+)'/g)].map((n) => n[1])));

  it('names only existing queries', () => {
    expect(refetched.length).toBeGreaterThan(0);
    expect(refetched.filter((name) => !defined.has(name))).toEqual([]);
  });
});
