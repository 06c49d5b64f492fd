import type { JobDefinition } from '../../common/jobs';
import { EnrollmentService } from './enrollment.service';

/** Unsigned offers expire on their own, every minute, on the Postgres-backed queue (it survives restarts). */
export const expireOffersJob: JobDefinition = {
  name: 'expire-offers',
  cron: '* * * * *',
  async run(container, _data, stopping) {
    await container.get(EnrollmentService).expireOffers(undefined, stopping);
  },
};
