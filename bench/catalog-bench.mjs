/**
 * Catalog search benchmark (issue 14 targets at 100,000 programs and 32
 * clients on 2 cores: ≥ 500 req/s for the mix, p95 ≤ 50 ms for every kind,
 * ≤ 2 ms of database and of API CPU per request, p95 at 300k ≤ 1.5 × p95 at 100k).
 *
 *   npx -y pnpm@10 --filter @navigator/api build && node bench/catalog-bench.mjs
 *   BENCH_PROGRAMS=10000,100000 node bench/catalog-bench.mjs   # chosen sizes
 *   BENCH_CATALOG_CACHE=0 node bench/catalog-bench.mjs         # in-process cache off
 *   BENCH_SCALE=0.01 node bench/catalog-bench.mjs              # smoke size (the test suite)
 *
 * Per size: a fresh PostgreSQL and dataset, the built API as its own process,
 * ≥ 10,000 distinct queries drawn Zipf-weighted at 1, 8, 32 and 64 clients;
 * per kind req/s and p50/p95/p99, API and PostgreSQL CPU ms per request (from
 * /proc), the cache hit rate, pgbench replaying the same SQL at 32 clients,
 * and EXPLAIN (ANALYZE, BUFFERS) of the slowest query of each kind.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import api from '@navigator/api/dist/bench-support.js';
import search from '@navigator/api/dist/modules/catalog/program-search.service.js';
import { loadCatalog } from './lib/catalog-dataset.mjs';
import { buildQueries, cursorReader, zipfDraws } from './lib/catalog-queries.mjs';
import { createClient, summarize } from './lib/load.mjs';
import { findPgbench } from './lib/pgbench.mjs';
import { cpuBoundCeiling, cpuMs, parentPid } from './lib/proc-cpu.mjs';
import { scale, startApi, startDatabase } from './lib/system.mjs';

const QUERY = `query Catalog($filter: ProgramFilter, $first: Int, $after: String) {
  programs(filter: $filter, first: $first, after: $after) {
    totalCount fuzzy countsCapped pageInfo { hasNextPage endCursor }
    edges { cursor node { id title monthlyPrice fundingType hasFreeSeats certificatePaymentAvailable organization { shortName } groups { id freeSeats waitlistLength } } }
    facets { directions { value count } fundingTypes { value count } municipalities { value count } }
  }
}`;
const LEVELS = [1, 8, 32, 64];
const KINDS = ['home', 'text', 'text+filters', 'filters', 'deep-page', 'typo'];
const ms = (v) => `${v.toFixed(1)} ms`;
const fmt = (s) => `${String(s.requests).padStart(5)} req ${s.rps.toFixed(0).padStart(5)} req/s  p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  p99 ${ms(s.p99).padStart(9)}`;

/** Closed loop: `clients` workers each send the next draw when the previous answers; latency per draw, kept per kind and per query. */
async function run(post, draws, clients) {
  const byKind = new Map();
  const byQuery = new Map();
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < draws.length; i = next++) {
        const q = draws[i];
        const t0 = performance.now();
        const res = await post({ query: QUERY, variables: q.variables }).catch((err) => ({ errors: [err] }));
        const took = performance.now() - t0;
        if (res.errors || !res.data?.programs) {
          if (errors++ === 0) console.error(`first error (${q.key}): ${JSON.stringify(res.errors)}`);
        }
        if (!byKind.has(q.kind)) byKind.set(q.kind, []);
        byKind.get(q.kind).push(took);
        if ((byQuery.get(q.key)?.ms ?? -1) < took) byQuery.set(q.key, { q, ms: took });
      }
    }),
  );
  const wallMs = performance.now() - started;
  return {
    wallMs,
    errors,
    total: summarize([...byKind.values()].flat(), wallMs, errors),
    kinds: Object.fromEntries([...byKind].map(([k, v]) => [k, summarize(v, wallMs)])),
    slowest: byQuery,
  };
}

/** The SQL one search sends, parameters inlined (for pgbench and EXPLAIN). */
async function capture(url, variables) {
  const captured = [];
  const logger = { logQuery: (q, p) => captured.push([q, p ?? []]), logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
  const ds = api.createDataSource(url, { poolSize: 1, logger });
  await ds.initialize();
  try {
    const uncached = { read: (_key, compute) => compute() };
    // Facets counted by the statement, as on a process that is not listening: pgbench and EXPLAIN see the whole search.
    const sqlFacets = { count: async () => null };
    await new search.ProgramSearchService(ds, uncached, sqlFacets).search(variables.filter, variables.first, variables.after);
  } finally {
    await ds.destroy();
  }
  const literal = (v) =>
    v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : Array.isArray(v) ? `ARRAY[${v.map(literal).join(', ')}]` : `'${String(v).replace(/'/g, "''")}'`;
  return captured
    .filter(([q]) => /^\s*(\/\*.*?\*\/\s*)?WITH/i.test(q))
    .map(([q, params]) => q.replace(/\$(\d+)/g, (_, n) => literal(params[Number(n) - 1])));
}

async function pgbenchReplay(url, draws, clients, seconds) {
  const counts = new Map();
  for (const d of draws) counts.set(d.key, { q: d, n: (counts.get(d.key)?.n ?? 0) + 1 });
  const top = [...counts.values()].sort((a, b) => b.n - a.n).slice(0, 100);
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-pgbench-'));
  try {
    const files = [];
    for (const [i, { q, n }] of top.entries()) {
      const file = path.join(dir, `q${i}.sql`);
      writeFileSync(file, `${(await capture(url, q.variables)).join(';\n')};\n`);
      files.push('-f', `${file}@${n}`);
    }
    const u = new URL(url);
    const out = execFileSync(
      findPgbench(),
      ['-h', u.hostname, '-p', u.port, '-U', decodeURIComponent(u.username), '-n', '-c', String(clients), '-j', '2', '-T', String(seconds), ...files, u.pathname.slice(1)],
      { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password), PGOPTIONS: '-c pg_trgm.word_similarity_threshold=0.4' }, encoding: 'utf8' },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    return { tps, covered: top.reduce((s, t) => s + t.n, 0) / draws.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function cacheStats(baseUrl) {
  return (await (await fetch(`${baseUrl}/healthz`)).json()).catalogCache;
}

async function benchSize(programs, s) {
  const db = await startDatabase();
  const dataSource = api.createDataSource(db.url, { poolSize: 4 });
  await dataSource.initialize();
  let server;
  try {
    await api.migrate(dataSource);
    const loaded = await loadCatalog(dataSource, { organizations: Math.max(10, Math.round(programs / 100)), programs });
    console.log(`\n=== ${loaded.programs} programs, ${loaded.groups} groups (generated in ${loaded.seconds.toFixed(1)} s)`);
    const municipalityIds = (await dataSource.query(`SELECT id FROM municipalities ORDER BY code`)).map((r) => r.id);
    const queries = await buildQueries(municipalityIds, cursorReader(dataSource));
    const perKind = Object.fromEntries(KINDS.map((k) => [k, queries.filter((q) => q.kind === k).length]));
    console.log(`queries: ${queries.length} distinct (${Object.entries(perKind).map(([k, n]) => `${k} ${n}`).join(', ')}), Zipf s = 1`);
    const [{ pid }] = await dataSource.query(`SELECT pg_backend_pid() AS pid`);
    const postmaster = parentPid(pid);

    const cacheEnv = process.env.BENCH_CATALOG_CACHE === '0' ? { CATALOG_CACHE_ENTRIES: '0' } : {};
    // One worker: the cache hit rate is read from /healthz, and each worker has its own cache.
    server = await startApi(db.url, { poolSize: 20, workers: 1, env: cacheEnv });
    const post = createClient(server.baseUrl, 64);
    const full = s >= 1;
    await run(post, zipfDraws(queries, full ? 1500 : 100, { seed: 99 }), 8); // warm-up: plans, JIT, buffers

    const requests = { 1: full ? 400 : 30, 8: full ? 2000 : 60, 32: full ? 4000 : 120, 64: full ? 4000 : 120 };
    const results = {};
    for (const clients of LEVELS) {
      const draws = zipfDraws(queries, requests[clients], { seed: clients });
      const before = { api: cpuMs(server.pid, { withChildren: true }), pg: cpuMs(postmaster, { withChildren: true }), cache: await cacheStats(server.baseUrl) };
      const r = await run(post, draws, clients);
      const after = { api: cpuMs(server.pid, { withChildren: true }), pg: cpuMs(postmaster, { withChildren: true }), cache: await cacheStats(server.baseUrl) };
      const n = r.total.requests;
      const hits = after.cache.hits - before.cache.hits;
      const lookups = hits + after.cache.misses - before.cache.misses;
      const whole = after.cache.responses.hits - before.cache.responses.hits;
      const wholeLookups = whole + after.cache.responses.misses - before.cache.responses.misses;
      r.cpu = { api: (after.api - before.api) / n, pg: (after.pg - before.pg) / n, hitRate: lookups ? hits / lookups : 0, wholeRate: wholeLookups ? whole / wholeLookups : 0 };
      r.draws = draws;
      results[clients] = r;
      console.log(`\n${clients} clients: ${fmt(r.total)}${r.errors ? `  ${r.errors} ERRORS` : ''}`);
      // What the otherwise idle cores could serve if CPU were the only limit: the figure that survives a shared machine.
      const ceiling = cpuBoundCeiling(r.cpu.api, r.cpu.pg);
      console.log(`  CPU per request: API ${ms(r.cpu.api)}, PostgreSQL ${ms(r.cpu.pg)} (CPU-bound ceiling on ${availableParallelism()} idle cores ≈ ${ceiling.toFixed(0)} req/s); catalog cache hit rate ${(100 * r.cpu.hitRate).toFixed(0)}% (whole answers replayed: ${(100 * r.cpu.wholeRate).toFixed(0)}%)`);
      for (const kind of KINDS) if (r.kinds[kind]) console.log(`  ${kind.padEnd(13)} ${fmt(r.kinds[kind])}`);
    }

    const replay = await pgbenchReplay(db.url, results[32].draws, 32, full ? 10 : 2);
    console.log(
      `\npgbench replaying the same SQL (top 100 queries, ${(100 * replay.covered).toFixed(0)}% of draws, 32 clients, no cache): ${replay.tps.toFixed(0)} tps; ` +
        `API req/s ÷ pgbench tps = ${(results[32].total.rps / replay.tps).toFixed(2)}`,
    );

    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the slowest query of each kind at 1 client:`);
    for (const kind of KINDS) {
      const slowest = [...results[1].slowest.values()].filter((e) => e.q.kind === kind).sort((a, b) => b.ms - a.ms)[0];
      if (!slowest) continue;
      for (const sql of await capture(db.url, slowest.q.variables)) {
        // The second run: the first one on a connection also pays for loading the catalog's relation cache.
        await dataSource.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`);
        const plan = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`);
        const execution = plan.map((r) => r['QUERY PLAN']).find((l) => /Execution Time/.test(l));
        console.log(`\n-- ${kind}: ${slowest.q.key} (${ms(slowest.ms)} over HTTP; ${execution})`);
        if (process.env.BENCH_PLANS !== '0') console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
      }
    }
    return { programs: loaded.programs, results };
  } finally {
    await server?.stop();
    await dataSource.destroy();
    await db.stop();
  }
}

async function main() {
  const s = scale();
  const sizes = process.env.BENCH_PROGRAMS ? process.env.BENCH_PROGRAMS.split(',').map(Number) : s < 1 ? [Math.round(100_000 * s)] : [10_000, 100_000, 300_000];
  const runs = [];
  for (const size of sizes) runs.push(await benchSize(size, s));

  console.log(`\n=== growth at 32 clients (p95 per kind; × previous size)`);
  console.log(`programs  ${['mix', ...KINDS].map((k) => k.padStart(13)).join('')}      req/s`);
  runs.forEach((r, i) => {
    const cell = (k) => {
      const p95 = (k === 'mix' ? r.results[32].total : r.results[32].kinds[k])?.p95;
      const prev = i ? (k === 'mix' ? runs[i - 1].results[32].total : runs[i - 1].results[32].kinds[k])?.p95 : null;
      return p95 === undefined ? '—' : `${p95.toFixed(1)}${prev ? ` ×${(p95 / prev).toFixed(2)}` : ''}`;
    };
    console.log(`${String(r.programs).padStart(8)}  ${['mix', ...KINDS].map((k) => cell(k).padStart(13)).join('')} ${r.results[32].total.rps.toFixed(0).padStart(10)}`);
  });
  const target = runs.find((r) => r.programs >= 90_000) ?? runs[runs.length - 1];
  const t = target.results[32];
  const worst = Math.max(...Object.values(t.kinds).map((k) => k.p95));
  console.log(
    `\ntargets at ${target.programs} programs, 32 clients: ≥ 500 req/s (${t.total.rps.toFixed(0)}: ${t.total.rps >= 500 ? 'met' : 'MISSED'}), ` +
      `p95 ≤ 50 ms for every kind (worst ${ms(worst)}: ${worst <= 50 ? 'met' : 'MISSED'}), ` +
      `API CPU ≤ 2 ms (${ms(t.cpu.api)}: ${t.cpu.api <= 2 ? 'met' : 'MISSED'}), database CPU ≤ 2 ms (${ms(t.cpu.pg)}: ${t.cpu.pg <= 2 ? 'met' : 'MISSED'})`,
  );
  if (runs.some((r) => LEVELS.some((c) => r.results[c].errors > 0))) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
