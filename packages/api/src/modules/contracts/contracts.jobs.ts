import type { JobDefinition } from '../../common/jobs';
import { ContractClosingService } from './contract-closing.service';

/**
 * Contracts past their end date are completed and their committed remainder
 * released. Hourly rather than once at midnight: a run missed while the
 * system was down is caught up by the next one, and a run that finds
 * nothing to do changes nothing.
 */
export const completeContractsJob: JobDefinition = {
  name: 'complete-contracts',
  cron: '7 * * * *',
  async run(container, _data, stopping) {
    await container.get(ContractClosingService).completeEndedContracts(undefined, stopping);
  },
};

/**
 * Contracts whose parent let the funding decision's deadline pass end at the
 * end of that month. Hourly, like completion: a missed run is caught up.
 */
export const endUndecidedContractsJob: JobDefinition = {
  name: 'end-undecided-contracts',
  cron: '17 * * * *',
  async run(container, _data, stopping) {
    await container.get(ContractClosingService).endUndecidedContracts(undefined, stopping);
  },
};
