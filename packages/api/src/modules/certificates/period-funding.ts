import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../common/dates';

export interface FundedPeriod {
  id: string;
  year: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/**
 * A module holding claims on a certificate's money of periods to come
 * (the contracts that run across the year end). The certificates
 * module cannot depend on it, so it calls it through this seam.
 */
export interface PeriodFundingListener {
  /**
   * Runs inside the transaction that credited a period's nominal to the
   * certificate, or decided it gets none (returned to ACCOUNTING, suspended,
   * resumed): the listener's claims come first, before anything else can
   * use the money. The certificate row is locked by the caller.
   */
  settle(manager: EntityManager, certificateId: string, period: FundedPeriod): Promise<void>;

  /** Certificates holding claims on the period containing `today` that were never settled (e.g. no credit came): the rollover settles them. */
  unsettled(manager: EntityManager, today: IsoDate): Promise<{ certificateId: string; period: FundedPeriod }[]>;
}

/** The listeners, registered once when the container is wired (see `createContainer`). */
export class PeriodFundingListeners {
  private readonly listeners: PeriodFundingListener[] = [];

  add(listener: PeriodFundingListener): void {
    this.listeners.push(listener);
  }

  async settle(manager: EntityManager, certificateId: string, period: FundedPeriod): Promise<void> {
    for (const listener of this.listeners) await listener.settle(manager, certificateId, period);
  }

  async unsettled(manager: EntityManager, today: IsoDate): Promise<{ certificateId: string; period: FundedPeriod }[]> {
    return (await Promise.all(this.listeners.map((l) => l.unsettled(manager, today)))).flat();
  }
}
