import cluster from 'node:cluster';
import type { DataSource } from 'typeorm';
import { Clock, SystemClock, TravelClock } from '../common/clock';
import { loadConfig } from '../config';
import { isDatabaseUnavailable } from '../db/availability';
import { createDataSource } from '../db/data-source';
import type { JobQueue } from '../common/jobs';
import { startJobQueue } from '../jobs/job-queue';
import { jobs } from '../jobs/jobs';
import type { Logger } from '../logger';
import type { ReadLetters, ReceivedMail } from '../modules/notifications/mailbox';
import { type AppServer, createContainer, createServer } from '../server';
import { type PrimaryMessage, PRIMARY_MAILBOX_ENV, type WorkerMessage } from './messages';
import { failureReason, onTerminationSignals, STEP_TIMEOUT_MS, step } from './shutdown';

interface Running {
  dataSource?: DataSource;
  queue?: JobQueue;
  server?: AppServer;
}

/** Stops whatever has started, in reverse order: HTTP, jobs, then the pool. The database belongs to the primary. */
async function stopAll(logger: Logger, running: Running): Promise<void> {
  await step(logger, 'HTTP server', running.server && (() => running.server!.stop()));
  // The queue's own grace ends inside the step, so pg-boss, not the step's timeout, decides what a stuck job leaves.
  await step(logger, 'job queue', running.queue && (() => running.queue!.stop(STEP_TIMEOUT_MS - 500)));
  await step(logger, 'connection pool', running.dataSource?.isInitialized ? () => running.dataSource!.destroy() : undefined);
}

function send(message: WorkerMessage): void {
  process.send!(message);
}

/** /dev/mail in a worker: the letters are in the primary's mailbox, one for the whole cluster. */
function lettersFromPrimary(): ReadLetters {
  let serial = 0;
  const pending = new Map<number, (letters: ReceivedMail[]) => void>();
  process.on('message', (message: PrimaryMessage) => {
    if (message.type !== 'letters') return;
    pending.get(message.request)?.(message.letters);
    pending.delete(message.request);
  });
  return () =>
    new Promise((resolve) => {
      const request = ++serial;
      pending.set(request, resolve);
      send({ type: 'letters?', request });
    });
}

/**
 * One HTTP worker of the cluster: serves the shared port and works the job
 * queue (pg-boss hands each job to one process and fires each cron once
 * across all of them). The primary has migrated and seeded the database and
 * passed its address in DATABASE_URL.
 */
export async function runWorker(rootLogger: Logger): Promise<void> {
  const logger = rootLogger.child({ worker: cluster.worker!.id });
  // pg-boss records a failed job in the database without catching that write: with the database gone the rejection
  // would be unhandled and take the worker down with every request it holds. The pool reconnects; the worker stays.
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseUnavailable(reason)) return logger.error({ err: reason }, 'database out of reach in a background task');
    logger.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
  const running: Running = {};
  const signals = onTerminationSignals(logger, () => stopAll(logger, running));
  try {
    const config = loadConfig();
    logger.level = config.logLevel;
    const clock: Clock = config.clockStart ? new TravelClock(config.clockStart) : new SystemClock();
    running.dataSource = createDataSource(config.databaseUrl!, { poolSize: config.dbPoolSize, prepareStatements: config.dbPrepareStatements });
    await running.dataSource.initialize();
    const devMail = process.env[PRIMARY_MAILBOX_ENV] ? lettersFromPrimary() : undefined;
    running.server = await createServer(running.dataSource, config, logger, createContainer(running.dataSource, config, logger, clock), { devMail });
    running.queue = await startJobQueue(config.databaseUrl!, jobs, running.server.container, logger);
    await running.server.listen(config.port);
    send({ type: 'ready' });
  } catch (err) {
    logger.fatal({ err }, `worker failed to start: ${failureReason(err)}`);
    signals.markStopping();
    await stopAll(logger, running);
    process.exit(1);
  }
}
