import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createTestCertificate } from '../../../test/certificates';
import { createTestGroup } from '../../../test/enrollment';
import { AppSettings, type Container } from '../../common/container';
import { startJobQueue } from '../../jobs/job-queue';
import { expireOffersJob } from './enrollment.jobs';
import { EnrollmentService } from './enrollment.service';
import { Clock } from '../../common/clock';

describe('offer expiry job', () => {
  let ds: DataSource;
  let container: Container;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ dataSource: ds, container, close } = await createTestApp());
  });
  afterAll(() => close());

  const statusOf = async (applicationId: string): Promise<string> => (await ds.query(`SELECT status FROM applications WHERE id = $1`, [applicationId]))[0].status;

  it('runs a job queued before a restart of the queue, and expires the overdue offer', async () => {
    const enrollment = container.get(EnrollmentService);
    const parent = await actorByEmail(ds, 'parent@demo.ru');
    const staff = await actorByEmail(ds, 'staff@demo.ru');
    const { childId } = await createTestCertificate(ds);
    const { groupId } = await createTestGroup(ds);
    const application = await enrollment.submitApplication(parent, { childId, groupId });
    await enrollment.confirmApplication(staff, application.id);
    await ds.query(`UPDATE contracts SET offer_expires_at = $2::timestamptz - interval '1 minute' WHERE application_id = $1`, [application.id, container.get(Clock).now()]);

    const url = (ds.options as { url: string }).url;
    const { logger } = container.get(AppSettings);
    // Without the cron schedule, only the queued one-off run can expire the offer.
    const job = { ...expireOffersJob, cron: undefined };
    const before = await startJobQueue(url, [job], container, logger);
    await before.send(job.name, {}, new Date(Date.now() + 3000));
    await before.stop();
    expect(await statusOf(application.id)).toBe('CONFIRMED');

    const after = await startJobQueue(url, [job], container, logger);
    try {
      const deadline = Date.now() + 45_000;
      while ((await statusOf(application.id)) === 'CONFIRMED' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    } finally {
      await after.stop();
    }
    expect(await statusOf(application.id)).toBe('EXPIRED');
  });
});
