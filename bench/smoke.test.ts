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
  it('runs the catalog search benchmark over HTTP without errors: Zipf-drawn queries, four client counts, CPU per request, pgbench beside it', () => {
    const { status, output } = run('catalog-bench.mjs');
    expect(output).toMatch(/queries: \d+ distinct/);
    for (const clients of [1, 8, 32, 64]) expect(output).toMatch(new RegExp(`${clients} clients: +\\d+ req`));
    expect(output).toMatch(/CPU per request: API [\d.]+ ms, PostgreSQL [\d.]+ ms/);
    expect(output).toMatch(/pgbench replaying the same SQL/);
    expect(output).toMatch(/EXPLAIN \(ANALYZE, BUFFERS\)/);
    expect(status, output).toBe(0);
  });

  it('runs the enrollment rush: exactly the seats that exist are taken, zero invariant violations, pgbench beside it', () => {
    const { status, output } = run('rush-bench.mjs');
    expect(output).toMatch(/API: \d+ worker process/);
    expect(output).toMatch(/invariant violations: 0/);
    expect(output).toMatch(/seats taken == seats that exist: yes/);
    for (const phase of ['submissions', 'confirmations', 'signatures']) expect(output).toMatch(new RegExp(`${phase} +\\d+/s = [\\d.]+ × pgbench tps; p50 `));
    expect(output).toMatch(/confirmations\/s ÷ pgbench tps = /);
    expect(output).toMatch(/CPU-bound ceilings on \d+ cores .*confirmations \d+\/s \(target 400\)/);
    expect(output).toMatch(/pgbench [\d]+ tps, [\d.]+ ms: the mean of \d+ before and \d+ after/);
    expect(status, output).toBe(0);
  });
});
