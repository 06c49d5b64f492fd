import type { JobDefinition } from '../../jobs/job-queue';
import { EnrollmentService } from './enrollment.service';

/** Unsigned offers expire on their own, every minute, on the Postgres-backed queue (it survives restarts). */
export const expireOffersJob: JobDefinition = {
  name: 'expire-offers',
  cron: '* * * * *',
  async run(container) {
    await container.get(EnrollmentService).expireOffers();
  },
};
