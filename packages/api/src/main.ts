import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from './config';
import { createDataSource, migrate } from './db/data-source';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded-postgres';
import { isDatabaseEmpty, seedDemoData } from './db/seed/demo-data';
import { startJobQueue } from './jobs/job-queue';
import { jobs } from './jobs/jobs';
import { createLogger } from './logger';
import { type Mailbox, startMailbox } from './modules/notifications/mailbox';
import { Clock, SystemClock, TravelClock } from './common/clock';
import { createContainer, createServer } from './server';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const clock: Clock = config.clockStart ? new TravelClock(config.clockStart) : new SystemClock();
  if (config.clockStart) logger.warn({ today: clock.today() }, 'CLOCK_START: the calendar is shifted and can be moved at /dev/clock');

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const dir = path.join(config.dataDir, 'postgres');
    logger.info({ dir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dir, port: config.embeddedPgPort, database: 'navigator', logger });
    databaseUrl = embedded.url;
  }

  const dataSource = createDataSource(databaseUrl, { poolSize: config.dbPoolSize });
  await dataSource.initialize();
  await migrate(dataSource);
  logger.info('migrations applied');
  if (config.seedDemoData && (await isDatabaseEmpty(dataSource))) {
    logger.info('empty database: seeding demo data');
    await seedDemoData(dataSource, clock.now(), config.dataEncryptionKey);
  }

  // With no SMTP in development, letters go to an in-process mailbox shown at /dev/mail (README: «Почта в разработке»).
  let devMailbox: Mailbox | undefined;
  if (!config.smtpUrl && config.env === 'development') {
    devMailbox = await startMailbox();
    config.smtpUrl = devMailbox.url;
  }

  const server = await createServer(dataSource, config, logger, createContainer(dataSource, config, logger, clock), { devMailbox });
  const queue = await startJobQueue(databaseUrl, jobs, server.container, logger);
  const port = await server.listen(config.port);
  logger.info(`Navigator is up: http://localhost:${port}/ (parent), /provider (organizations), /graphql (API)`);
  if (devMailbox) logger.info(`development mailbox: every letter the system sends is at http://localhost:${port}/dev/mail`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await server.stop();
      logger.info('HTTP server stopped');
      await queue.stop();
      logger.info('job queue stopped');
      await dataSource.destroy();
      await devMailbox?.stop();
      await embedded?.stop();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
