import { completeContractsJob, endUndecidedContractsJob } from '../modules/contracts/contracts.jobs';
import { expireOffersJob } from '../modules/enrollment/enrollment.jobs';
import { deliverEmailJob } from '../modules/notifications/email-delivery.service';
import { periodRolloverJob } from '../modules/certificates/period-rollover.job';
import type { JobDefinition } from '../common/jobs';

/** Every background job of the system, listed explicitly. Modules add theirs here. */
export const jobs: JobDefinition[] = [expireOffersJob, deliverEmailJob, periodRolloverJob, completeContractsJob, endUndecidedContractsJob];
