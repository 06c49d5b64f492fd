import path from 'node:path';
import { Clock, SystemClock, TravelClock } from '../common/clock';
import { type AppConfig, loadConfig } from '../config';
import { createDataSource, migrate } from '../db/data-source';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../db/embedded-postgres';
import { isDatabaseEmpty, seedDemoData } from '../db/seed/demo-data';
import { prepareJobQueue } from '../jobs/job-queue';
import { jobs } from '../jobs/jobs';
import type { Logger } from '../logger';
import { type Mailbox, startMailbox } from '../modules/notifications/mailbox';
import { PRIMARY_MAILBOX_ENV } from './messages';
import { failureReason, onTerminationSignals, step } from './shutdown';
import { Supervisor } from './supervisor';

interface Running {
  embedded?: EmbeddedDatabase;
  devMailbox?: Mailbox;
  workers?: Supervisor;
}

/** Workers first (each stops its HTTP, jobs and pool), then what they used: the mailbox and the embedded PostgreSQL. */
async function stopAll(logger: Logger, running: Running): Promise<void> {
  await running.workers?.stop();
  await step(logger, 'development mailbox', running.devMailbox && (() => running.devMailbox!.stop()));
  await step(logger, 'embedded PostgreSQL', running.embedded && (() => running.embedded!.stop()));
}

/** Any number, the same in every replica: the key of the advisory lock under which a primary prepares the database. */
const PREPARE_LOCK = 2_028_015;

/**
 * Migrations, the demo seed and the job queue's tables run here, once, before
 * any worker exists, so workers never race over a schema; primaries of
 * replicas starting together take turns under an advisory lock.
 */
async function prepareDatabase(databaseUrl: string, config: AppConfig, logger: Logger): Promise<void> {
  const dataSource = createDataSource(databaseUrl, { poolSize: 2 });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [PREPARE_LOCK]);
    await migrate(dataSource);
    logger.info('migrations applied');
    if (config.seedDemoData && (await isDatabaseEmpty(dataSource))) {
      logger.info('empty database: seeding demo data');
      const clock: Clock = config.clockStart ? new TravelClock(config.clockStart) : new SystemClock();
      await seedDemoData(dataSource, clock.now(), config.dataEncryptionKey);
    }
    await prepareJobQueue(databaseUrl, jobs);
  } finally {
    // Closing the connection releases the lock, also when a step failed.
    await lock.release();
    await dataSource.destroy();
  }
}

/**
 * The process the start command runs: owns the embedded PostgreSQL (when no
 * DATABASE_URL is given), migrates and seeds once, runs the development
 * mailbox, then forks API_WORKERS HTTP workers on the shared port and keeps
 * them running. It serves no request itself.
 */
export async function runPrimary(logger: Logger): Promise<void> {
  const running: Running = {};
  const signals = onTerminationSignals(logger, () => stopAll(logger, running));
  try {
    const config = loadConfig();
    logger.level = config.logLevel;
    if (config.clockStart) logger.warn({ today: config.clockStart }, 'CLOCK_START: the calendar is shifted and can be moved at /dev/clock (one worker)');
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const dir = path.join(config.dataDir, 'postgres');
      logger.info({ dir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
      running.embedded = await startEmbeddedPostgres({ dir, port: config.embeddedPgPort, sharedBuffers: config.embeddedPgSharedBuffers, database: 'navigator', logger });
      databaseUrl = running.embedded.url;
    }
    await prepareDatabase(databaseUrl, config, logger);

    const env: Record<string, string> = { DATABASE_URL: databaseUrl };
    // With no SMTP in development, letters go to one mailbox here, shown by every worker at /dev/mail (README: «Почта в разработке»).
    if (!config.smtpUrl && config.env === 'development') {
      running.devMailbox = await startMailbox();
      Object.assign(env, { SMTP_URL: running.devMailbox.url, [PRIMARY_MAILBOX_ENV]: '1' });
    }
    running.workers = new Supervisor(config.apiWorkers, env, logger, running.devMailbox);
    await running.workers.start();
    logger.info(`Navigator is up: http://localhost:${config.port}/ (parent), /provider (organizations), /graphql (API); ${config.apiWorkers} worker(s)`);
    if (running.devMailbox) logger.info(`development mailbox: every letter the system sends is at http://localhost:${config.port}/dev/mail`);
  } catch (err) {
    logger.fatal({ err }, `startup failed: ${failureReason(err)}`);
    signals.markStopping();
    await stopAll(logger, running);
    process.exit(1);
  }
}
