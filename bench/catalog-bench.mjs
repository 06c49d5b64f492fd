/**
 * Catalog search benchmark (DESIGN.md target: p95 ≤ 50 ms and ≥ 500 req/s at
 * 32 clients on 2 cores, over 100,000 programs and 250,000 groups).
 *
 *   npx -y pnpm@10 --filter @navigator/api build && node bench/catalog-bench.mjs
 *   BENCH_SCALE=0.02 node bench/catalog-bench.mjs      # smoke size
 */
import api from '@navigator/api/dist/bench-support.js';
import search from '@navigator/api/dist/modules/catalog/program-search.service.js';
import { loadCatalog } from './lib/catalog-dataset.mjs';
import { createClient, fmt, runTasks } from './lib/load.mjs';
import { scale, startApi, startDatabase } from './lib/system.mjs';

const QUERY = `query Catalog($filter: ProgramFilter, $first: Int, $after: String) {
  programs(filter: $filter, first: $first, after: $after) {
    totalCount fuzzy pageInfo { hasNextPage endCursor }
    edges { node { id title monthlyPrice fundingType certificatePaymentAvailable organization { shortName } groups { id freeSeats } } }
    facets { directions { value count } fundingTypes { value count } municipalities { value count } }
  }
}`;

const TEXTS = ['робототехника', 'футбол', 'шахматы', 'английский язык', 'хореография', 'программирование', 'юный эколог', 'театральная студия'];
const TYPOS = ['робатехника', 'шахмоты', 'харяграфия', 'праграммирование'];
const cursorAt = (offset) => Buffer.from(`o:${offset - 1}`).toString('base64url');

function mix(municipalityIds, count, deepOffset) {
  const kinds = [
    ['text', (i) => ({ filter: { text: TEXTS[i % TEXTS.length] } })],
    ['text+filters', (i) => ({ filter: { text: TEXTS[i % TEXTS.length], municipalityId: municipalityIds[i % municipalityIds.length], age: 6 + (i % 11) } })],
    ['filters', (i) => ({ filter: { municipalityId: municipalityIds[i % municipalityIds.length], direction: ['TECHNICAL', 'ARTS', 'PHYSICAL_SPORTS'][i % 3], fundingType: 'CERTIFICATE', hasFreeSeats: true } })],
    ['home', () => ({ filter: {} })],
    ['deep-page', (i) => ({ filter: { direction: ['TECHNICAL', 'ARTS', 'NATURAL_SCIENCE'][i % 3] }, after: cursorAt(deepOffset) })],
    ['typo', (i) => ({ filter: { text: TYPOS[i % TYPOS.length] } })],
  ];
  return Array.from({ length: count }, (_, i) => {
    const [kind, vars] = kinds[i % kinds.length];
    return { kind, variables: { first: 20, ...vars(i) } };
  });
}

async function explainSlowest(dataSource, kind, variables) {
  const captured = [];
  const logger = { logQuery: (q, p) => captured.push([q, p]), logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
  const ds = api.createDataSource(dataSource.options.url, { poolSize: 2, logger });
  await ds.initialize();
  try {
    await new search.ProgramSearchService(ds).search(variables.filter, variables.first, variables.after);
    const plans = [];
    for (const [sql, params] of captured.filter(([q]) => /^\s*(WITH|SELECT)/i.test(q) && /programs/.test(q))) {
      const rows = await ds.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
      plans.push(`-- ${kind}\n${sql}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    return plans.join('\n\n');
  } finally {
    await ds.destroy();
  }
}

async function main() {
  const s = scale();
  const db = await startDatabase();
  const dataSource = api.createDataSource(db.url, { poolSize: 4 });
  await dataSource.initialize();
  let server;
  try {
    await api.migrate(dataSource);
    const loaded = await loadCatalog(dataSource, { organizations: Math.max(10, Math.round(1000 * s)), programs: Math.round(100_000 * s) });
    console.log(`dataset: ${loaded.programs} programs, ${loaded.groups} groups in ${loaded.seconds.toFixed(1)} s`);
    const municipalityIds = (await dataSource.query(`SELECT id FROM municipalities ORDER BY code`)).map((r) => r.id);

    server = await startApi(db.url, { poolSize: 40 });
    const post = createClient(server.baseUrl, 64);
    const requestsPerLevel = Math.max(60, Math.round(600 * s));
    const deepOffset = Math.max(40, Math.round(1000 * s));
    const task = ({ kind, variables }) => ({
      kind,
      run: async () => {
        const res = await post({ query: QUERY, variables });
        return !res.errors && !!res.data?.programs;
      },
    });
    await runTasks(mix(municipalityIds, 120, deepOffset).map(task), 8); // warm-up: plans, caches, JIT

    const results = {};
    for (const concurrency of [1, 8, 32]) {
      const r = await runTasks(mix(municipalityIds, requestsPerLevel, deepOffset).map(task), concurrency);
      results[concurrency] = r;
      console.log(`\n${concurrency} clients: ${fmt(r.total)}${r.errors ? `, ${r.errors} ERRORS` : ''}`);
      for (const [kind, k] of Object.entries(r.kinds)) console.log(`  ${kind.padEnd(13)} ${fmt(k)}`);
    }
    const at32 = results[32].total;
    console.log(`\ntarget at 32 clients: p95 ≤ 50 ms (${at32.p95.toFixed(1)} ms: ${at32.p95 <= 50 ? 'met' : 'MISSED'}), ≥ 500 req/s (${at32.rps.toFixed(0)}: ${at32.rps >= 500 ? 'met' : 'MISSED'})`);

    const slowest = Object.entries(results[1].kinds).sort((a, b) => b[1].p95 - a[1].p95)[0][0];
    const sample = mix(municipalityIds, 6, deepOffset).find((m) => m.kind === slowest);
    console.log(`\nEXPLAIN ANALYZE of the slowest kind at 1 client (${slowest}):\n${await explainSlowest(dataSource, slowest, sample.variables)}`);
    if (results[32].errors > 0) process.exitCode = 1;
  } finally {
    await server?.stop();
    await dataSource.destroy();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
