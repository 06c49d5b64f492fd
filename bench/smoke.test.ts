import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

/** CI runs both benchmarks at a smoke size: they must run end to end, and the rush must end with zero invariant violations. */
function run(script: string) {
  const result = spawnSync(process.execPath, [path.join(here, script)], { env: { ...process.env, BENCH_SCALE: '0.01' }, encoding: 'utf8', timeout: 480_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('benchmarks at smoke size', () => {
  it('runs the catalog search benchmark over HTTP without errors', () => {
    const { status, output } = run('catalog-bench.mjs');
    expect(output).toMatch(/32 clients: \d+ req/);
    expect(output).toMatch(/EXPLAIN ANALYZE/);
    expect(status, output).toBe(0);
  });

  it('runs the enrollment rush: exactly the seats that exist are taken, zero invariant violations, pgbench beside it', () => {
    const { status, output } = run('rush-bench.mjs');
    expect(output).toMatch(/invariant violations: 0/);
    expect(output).toMatch(/confirmations\/s ÷ pgbench tps = /);
    expect(status, output).toBe(0);
  });
});
