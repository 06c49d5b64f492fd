import PgBoss from 'pg-boss';
import type { Container } from '../common/container';
import type { JobDefinition, JobQueue } from '../common/jobs';
import type { Logger } from '../logger';

/** Queues and cron schedules: created if missing, so each is declared once however many processes start. */
async function declareJobs(boss: PgBoss, jobs: JobDefinition[]): Promise<void> {
  for (const job of jobs) {
    await boss.createQueue(job.name);
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
  }
}

/**
 * Installs pg-boss's schema and declares the queues before any worker starts:
 * on a fresh database, workers creating the same queue at once deadlock in
 * pg-boss's DDL. Afterwards every declaration in a worker finds its queue.
 */
export async function prepareJobQueue(connectionString: string, jobs: JobDefinition[]): Promise<void> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'navigator-jobs', max: 1, supervise: false, schedule: false });
  await boss.start();
  try {
    await declareJobs(boss, jobs);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export async function startJobQueue(connectionString: string, jobs: JobDefinition[], container: Container, logger: Logger): Promise<JobQueue> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'navigator-jobs', max: 4 });
  const stopping = new AbortController();
  boss.on('error', (err: unknown) => logger.error({ err }, 'job queue error'));
  await boss.start();
  await declareJobs(boss, jobs);
  for (const job of jobs) {
    await boss.work(job.name, async (batch) => {
      for (const item of batch) {
        try {
          await job.run(container, item.data, stopping.signal);
        } catch (err) {
          logger.error({ err, job: job.name }, 'job failed');
          throw err;
        }
      }
    });
  }
  return {
    boss,
    send: async (name, data = {}, startAfter) => {
      await boss.send(name, data, startAfter ? { startAfter } : {});
    },
    stop: (graceMs = 10_000) => {
      stopping.abort();
      // A job between items notices the abort at once; one mid-item gets the grace to finish it.
      return boss.stop({ graceful: true, wait: true, timeout: graceMs });
    },
  };
}
