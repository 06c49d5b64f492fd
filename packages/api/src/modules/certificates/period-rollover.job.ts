import { CertificateService } from './certificate.service';
import type { JobDefinition } from '../../common/jobs';
import { PeriodRolloverService } from './period-rollover.service';

/**
 * Daily: a period that ended yesterday is closed and the next one opened the
 * same night; certificates of children who turned 18 close; requests that
 * waited out a year-end freeze are granted where financing is automatic.
 * Re-runs change nothing.
 */
export const periodRolloverJob: JobDefinition = {
  name: 'certificates.period-rollover',
  // 00:05 in Amur (UTC+9): the new year's money is there minutes after midnight, before staff confirm anything on 1 January.
  cron: '5 15 * * *',
  // Not stopped between items at shutdown: half a region's new-year money credited until the next night is worse than a slower deploy.
  async run(container) {
    await container.get(PeriodRolloverService).run();
    await container.get(CertificateService).grantQueuedRequests();
  },
};
