import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/db/data-source';
import { DEMO_PASSWORD } from '../src/db/seed/demo-data';

const MAIN = path.resolve(__dirname, '../dist/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  exited: Promise<number | null>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
}

export interface ApiPlace {
  dataDir: string;
  port: number;
  pgPort: number;
}

/**
 * The built API (`dist/main.js`) as its own process with an embedded
 * PostgreSQL under `dataDir` (or `env.DATABASE_URL`'s), as an operator runs
 * it; resolves once /healthz answers. The build runs before the suite (`pnpm test`).
 */
export async function spawnApi(place: ApiPlace, env: Record<string, string> = {}): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the API first`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      SEED_DEMO_DATA: 'true',
      PORT: String(place.port),
      DATA_DIR: place.dataDir,
      EMBEDDED_PG_PORT: String(place.pgPort),
      DATABASE_URL: '',
      DATA_ENCRYPTION_KEY: '5a'.repeat(32),
      LOG_LEVEL: 'info',
      // Always a real cluster, also on a one-core runner: the primary supervises, workers serve.
      API_WORKERS: '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout!.on('data', (d) => chunks.push(String(d)));
  child.stderr!.on('data', (d) => chunks.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${place.port}`;
  const output = () => chunks.join('');
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`API did not become healthy:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output,
    exited,
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
  };
}

/** The pid of the PostgreSQL serving `dataDir`, from its postmaster.pid. */
export function postmasterPid(place: ApiPlace): number | undefined {
  const file = path.join(place.dataDir, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function databaseUrl(place: ApiPlace): string {
  return `postgres://postgres:postgres@127.0.0.1:${place.pgPort}/navigator`;
}

/** A short-lived pool on the process's database, for checks from outside it. */
export async function withDatabase<T>(place: ApiPlace, applicationName: string, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = createDataSource(databaseUrl(place), { poolSize: 2, applicationName });
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

/** A demo account's bearer token from the process. */
export async function loginAs(api: ApiProcess, email: string): Promise<string> {
  const res = await api.gql<{ login: { token: string } }>(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password: DEMO_PASSWORD } });
  return res.data!.login.token;
}
