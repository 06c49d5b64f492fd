import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');

export interface AppConfig {
  /** Catalog search results kept in process (0 turns the cache off). */
  catalogCacheEntries: number;
  port: number;
  /**
   * HTTP worker processes the start command forks (node:cluster) on one
   * database; the primary owns the embedded PostgreSQL, migrations and seed.
   */
  apiWorkers: number;
  /** External Postgres; when absent an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  /** The embedded PostgreSQL's `shared_buffers` (e.g. `1GB`); absent: sized from the machine's memory. */
  embeddedPgSharedBuffers?: string;
  env: 'development' | 'production' | 'test';
  logLevel: string;
  /** 32-byte key (hex) encrypting personal data at rest, e.g. SNILS. */
  dataEncryptionKey: Buffer;
  sessionTtlHours: number;
  offerValidDays: number;
  /** Days a parent has to decide about a contract the new period could not fund. */
  fundingDecisionDays: number;
  dbPoolSize: number;
  /** Keep parameterized statements prepared per connection (off behind a transaction-mode pooler). */
  dbPrepareStatements: boolean;
  seedDemoData: boolean;
  /** Introspection and the GraphQL playground at /graphql: on outside production, off in it unless ENABLE_INTROSPECTION=true. */
  introspection: boolean;
  webParentDist: string;
  webProviderDist: string;
  /** The GraphiQL build shown to browsers at /graphql. */
  webPlaygroundDist: string;
  smtpUrl?: string;
  /** Where people reach the system: the links in e-mails start with it. */
  publicUrl: string;
  /**
   * Development and tests only: the region's calendar starts on this day and
   * can be moved through `/dev/clock`, so a demo or a browser journey can live
   * through New Year without waiting for it.
   */
  clockStart?: string;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw == null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/**
 * EMBEDDED_PG_SHARED_BUFFERS in the units PostgreSQL accepts here (`512MB`,
 * `2GB`), checked before the database is started with it; the benchmarks
 * read it here too, so they honour and refuse the same values.
 */
export function embeddedPgSharedBuffers(): string | undefined {
  const name = 'EMBEDDED_PG_SHARED_BUFFERS';
  const raw = process.env[name];
  if (raw == null || raw === '') return undefined;
  if (!/^[1-9]\d*(kB|MB|GB)$/.test(raw)) throw new Error(`${name} must be a size such as 512MB or 2GB, got "${raw}"`);
  return raw;
}

/**
 * Development gets a generated key kept beside the embedded database, so data
 * stays readable across restarts; production must configure DATA_ENCRYPTION_KEY.
 */
function loadEncryptionKey(dataDir: string, env: AppConfig['env']): Buffer {
  const raw = process.env.DATA_ENCRYPTION_KEY;
  if (raw) {
    const key = Buffer.from(raw, 'hex');
    if (key.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be 64 hex characters (32 bytes)');
    return key;
  }
  if (env === 'production') throw new Error('DATA_ENCRYPTION_KEY is required in production');
  const file = path.join(dataDir, 'dev-encryption.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

function flag(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw == null || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new Error(`${name} must be "true" or "false", got "${raw}"`);
  return raw === 'true';
}

function environment(): AppConfig['env'] {
  const raw = process.env.NODE_ENV || 'development';
  if (raw !== 'development' && raw !== 'production' && raw !== 'test') throw new Error(`NODE_ENV must be development, production or test, got "${raw}"`);
  return raw;
}

/**
 * The demo accounts share a published password: a production database must
 * never get them, so asking for them there stops the start.
 */
function demoData(env: AppConfig['env']): boolean {
  const wanted = flag('SEED_DEMO_DATA', env !== 'production');
  if (wanted && env === 'production') {
    throw new Error('SEED_DEMO_DATA=true is refused with NODE_ENV=production: the demo accounts have a published password. Unset it, or run with NODE_ENV=development.');
  }
  return wanted;
}

function clockStart(env: AppConfig['env']): string | undefined {
  const raw = process.env.CLOCK_START;
  if (!raw) return undefined;
  if (env === 'production') throw new Error('CLOCK_START moves the calendar for demos and tests; it is refused in production');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) || new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw) {
    throw new Error(`CLOCK_START must be a calendar date YYYY-MM-DD, got "${raw}"`);
  }
  return raw;
}

/** Each worker holds DB_POOL_SIZE + 4 (job queue) connections; past this many workers a server's connections, not its cores, run out. */
const MAX_WORKERS = 64;

/**
 * Default: one worker per core. With CLOCK_START exactly one, because the
 * travel clock lives in a process and /dev/clock moves only the process it
 * reaches: two workers would disagree about today.
 */
function apiWorkers(clockStart: string | undefined): number {
  const raw = process.env.API_WORKERS;
  if (raw == null || raw === '') return clockStart ? 1 : availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) throw new Error(`API_WORKERS must be an integer from 1 to ${MAX_WORKERS}, got "${raw}"`);
  if (clockStart && n > 1) throw new Error('CLOCK_START keeps the moved calendar in one process: it runs with API_WORKERS=1 (its default)');
  return n;
}

export function loadConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const env = overrides.env ?? environment();
  const port = int('PORT', 4000);
  const dataDir = overrides.dataDir ?? path.resolve(process.env.DATA_DIR || path.join(repoRoot, '.data'));
  const clock = clockStart(env);
  return {
    port,
    apiWorkers: apiWorkers(overrides.clockStart ?? clock),
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir,
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329),
    embeddedPgSharedBuffers: embeddedPgSharedBuffers(),
    env,
    logLevel: process.env.LOG_LEVEL || (env === 'test' ? 'warn' : 'info'),
    dataEncryptionKey: overrides.dataEncryptionKey ?? loadEncryptionKey(dataDir, env),
    sessionTtlHours: int('SESSION_TTL_HOURS', 24 * 14),
    offerValidDays: int('OFFER_VALID_DAYS', 5),
    fundingDecisionDays: int('FUNDING_DECISION_DAYS', 14),
    // Per worker, and workers default to one per core: ~10 connections per core. More transactions in flight than that
    // spend the CPU on contention (the rush measured PostgreSQL's CPU per request halved going from 40 to 10).
    dbPoolSize: int('DB_POOL_SIZE', 10),
    dbPrepareStatements: flag('DB_PREPARE_STATEMENTS', true),
    catalogCacheEntries: int('CATALOG_CACHE_ENTRIES', 10_000),
    seedDemoData: demoData(env),
    introspection: flag('ENABLE_INTROSPECTION', env !== 'production'),
    webParentDist: path.join(repoRoot, 'packages/web-parent/dist'),
    webProviderDist: path.join(repoRoot, 'packages/web-provider/dist'),
    webPlaygroundDist: path.join(repoRoot, 'packages/web-playground/dist'),
    smtpUrl: process.env.SMTP_URL || undefined,
    publicUrl: (process.env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    clockStart: clock,
    ...overrides,
  };
}
