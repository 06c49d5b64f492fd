import PgBoss from 'pg-boss';
import type { Container } from '../common/container';
import type { JobDefinition, JobQueue } from '../common/jobs';
import type { Logger } from '../logger';

export async function startJobQueue(connectionString: string, jobs: JobDefinition[], container: Container, logger: Logger): Promise<JobQueue> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'navigator-jobs', max: 4 });
  boss.on('error', (err: unknown) => logger.error({ err }, 'job queue error'));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    await boss.work(job.name, async (batch) => {
      for (const item of batch) {
        try {
          await job.run(container, item.data);
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
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
