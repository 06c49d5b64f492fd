import 'reflect-metadata';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from './config';
import { createDataSource, migrate } from './db/data-source';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded-postgres';
import { isDatabaseEmpty, seedDemoData } from './db/seed/demo-data';
import type { JobQueue } from './common/jobs';
import { startJobQueue } from './jobs/job-queue';
import { jobs } from './jobs/jobs';
import { createLogger, type Logger } from './logger';
import { type Mailbox, startMailbox } from './modules/notifications/mailbox';
import { type AppServer, createContainer, createServer } from './server';
import { Clock, SystemClock, TravelClock } from './common/clock';

/** Each shutdown step gets this long; a database that is gone must not hold the process (a supervisor waits on it). */
const STEP_TIMEOUT_MS = 3_000;

interface Running {
  embedded?: EmbeddedDatabase;
  dataSource?: DataSource;
  queue?: JobQueue;
  server?: AppServer;
  devMailbox?: Mailbox;
}

async function step(logger: Logger, name: string, run: (() => Promise<unknown>) | undefined): Promise<void> {
  if (!run) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([run(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS)))]);
    logger.info(`${name} stopped`);
  } catch (err) {
    logger.warn({ err }, `${name} did not stop cleanly`);
  } finally {
    clearTimeout(timer);
  }
}

/** Stops whatever has started, in reverse order: HTTP, jobs, pool, then the embedded Postgres. */
async function stopAll(logger: Logger, running: Running): Promise<void> {
  await step(logger, 'HTTP server', running.server && (() => running.server!.stop()));
  await step(logger, 'job queue', running.queue && (() => running.queue!.stop()));
  await step(logger, 'connection pool', running.dataSource?.isInitialized ? () => running.dataSource!.destroy() : undefined);
  await step(logger, 'development mailbox', running.devMailbox && (() => running.devMailbox!.stop()));
  await step(logger, 'embedded PostgreSQL', running.embedded && (() => running.embedded!.stop()));
}

async function start(logger: Logger, running: Running) {
  const config = loadConfig();
  logger.level = config.logLevel;
  const clock: Clock = config.clockStart ? new TravelClock(config.clockStart) : new SystemClock();
  if (config.clockStart) logger.warn({ today: clock.today() }, 'CLOCK_START: the calendar is shifted and can be moved at /dev/clock');
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const dir = path.join(config.dataDir, 'postgres');
    logger.info({ dir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    running.embedded = await startEmbeddedPostgres({ dir, port: config.embeddedPgPort, database: 'navigator', logger });
    databaseUrl = running.embedded.url;
  }

  running.dataSource = createDataSource(databaseUrl, { poolSize: config.dbPoolSize });
  await running.dataSource.initialize();
  await migrate(running.dataSource);
  logger.info('migrations applied');
  if (config.seedDemoData && (await isDatabaseEmpty(running.dataSource))) {
    logger.info('empty database: seeding demo data');
    await seedDemoData(running.dataSource, clock.now(), config.dataEncryptionKey);
  }

  // With no SMTP in development, letters go to an in-process mailbox shown at /dev/mail (README: «Почта в разработке»).
  if (!config.smtpUrl && config.env === 'development') {
    running.devMailbox = await startMailbox();
    config.smtpUrl = running.devMailbox.url;
  }

  running.server = await createServer(running.dataSource, config, logger, createContainer(running.dataSource, config, logger, clock), { devMailbox: running.devMailbox });
  running.queue = await startJobQueue(databaseUrl, jobs, running.server.container, logger);
  const port = await running.server.listen(config.port);
  logger.info(`Navigator is up: http://localhost:${port}/ (parent), /provider (organizations), /graphql (API)`);
  if (running.devMailbox) logger.info(`development mailbox: every letter the system sends is at http://localhost:${port}/dev/mail`);
}

async function main() {
  // Made before the configuration is read, so that a configuration error is logged like any other.
  const logger = createLogger(process.env.LOG_LEVEL || 'info');
  const running: Running = {};
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stopAll(logger, running);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await start(logger, running);
  } catch (err) {
    // The real reason, whatever was thrown (embedded-postgres used to reject with `undefined`).
    const reason = err instanceof Error ? err.message : `non-error thrown: ${String(err)}`;
    logger.fatal({ err }, `startup failed: ${reason}`);
    stopping = true;
    await stopAll(logger, running);
    process.exit(1);
  }
}

void main();
