/**
 * Starts what a benchmark measures: a fresh embedded PostgreSQL (or
 * BENCH_DATABASE_URL's server) with the schema migrated, and the built API as
 * a separate process, so the load generator does not share its event loop.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import api from '@navigator/api/dist/bench-support.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), 'navigator-bench-'));
  chmodSync(dir, 0o755);
  const pgPort = await freePort();
  // As the start command sizes it (its figures depend on it: the 300k catalog did not fit in 256 MB).
  const sharedBuffers = api.embeddedPgSharedBuffers() ?? api.defaultSharedBuffers();
  const db = await api.startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: pgPort, database: 'navigator', persistent: false, sharedBuffers });
  console.log(`PostgreSQL: shared_buffers=${sharedBuffers} (EMBEDDED_PG_SHARED_BUFFERS to change)`);
  return {
    url: db.url,
    pgPort,
    async stop() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The API's worker processes: BENCH_API_WORKERS, else the API's own default (one per core). */
export function apiWorkers() {
  return Number(process.env.BENCH_API_WORKERS || availableParallelism());
}

/**
 * The API as the start command runs it: a primary (`pid`; it serves nothing)
 * and `workers` HTTP workers, its children, with `poolSize` connections each.
 */
export async function startApi(databaseUrl, { poolSize = 20, workers = apiWorkers(), env = {} } = {}) {
  const port = await freePort();
  // BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the API under load.
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, 'packages/api/dist/main.js')], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production', DATA_ENCRYPTION_KEY: api.BENCH_ENCRYPTION_KEY_HEX, DB_POOL_SIZE: String(poolSize), API_WORKERS: String(workers), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('API exited during start');
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('API did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** BENCH_SCALE=0.01 gives a smoke-sized run (CI); 1 is the design's full size. */
export function scale() {
  const s = Number(process.env.BENCH_SCALE ?? '1');
  if (!(s > 0 && s <= 1)) throw new Error('BENCH_SCALE must be in (0, 1]');
  return s;
}
