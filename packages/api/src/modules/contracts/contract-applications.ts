import type { EntityManager } from 'typeorm';
import type { ApplicationNames } from '../notifications/phrasebook/applications';
import type { Phrase } from '../notifications/phrasebook/phrase';
import type { Contract } from './contract.entity';

/**
 * What a contract's lifecycle needs from the application it was made from.
 * Enrollment comes after contracts in the module order (confirming an
 * application makes an offer), so it implements this side and registers it
 * when the container is wired (`createContainer`); contracts never import
 * enrollment.
 */
export interface ApplicationSide {
  /** Locks the contract's application row: first in the lock order, before the contract. */
  lock(m: EntityManager, applicationId: string): Promise<LockedApplication>;
  /** Locks the application of the parent's own contract, found by the contract; null when the contract is not theirs. */
  lockOfContract(m: EntityManager, contractId: string, parentUserId: string): Promise<LockedApplication | null>;
  /** The parent signed: CONFIRMED → ENROLLED (the application as `lock…` returned it), the parent is told. */
  enrolled(m: EntityManager, contract: Contract, application: LockedApplication, actorUserId: string): Promise<void>;
  /** The contract ended: ENROLLED → ENDED, the parent is told in `notice`'s words, the seat is freed and the waitlist moves up. */
  ended(m: EntityManager, applicationId: string, actorUserId: string | null, notice: (names: ApplicationNames) => Phrase): Promise<ApplicationNames>;
}

/** An application row the side locked; contracts hands it back without reading it, so signing does not read it twice. */
export interface LockedApplication {
  readonly id: string;
}

/** The registered application side, one per container. */
export class ContractApplications implements ApplicationSide {
  private side: ApplicationSide | null = null;

  register(side: ApplicationSide): void {
    this.side = side;
  }

  lock(m: EntityManager, applicationId: string): Promise<LockedApplication> {
    return this.registered().lock(m, applicationId);
  }

  lockOfContract(m: EntityManager, contractId: string, parentUserId: string): Promise<LockedApplication | null> {
    return this.registered().lockOfContract(m, contractId, parentUserId);
  }

  enrolled(m: EntityManager, contract: Contract, application: LockedApplication, actorUserId: string): Promise<void> {
    return this.registered().enrolled(m, contract, application, actorUserId);
  }

  ended(m: EntityManager, applicationId: string, actorUserId: string | null, notice: (names: ApplicationNames) => Phrase): Promise<ApplicationNames> {
    return this.registered().ended(m, applicationId, actorUserId, notice);
  }

  private registered(): ApplicationSide {
    if (!this.side) throw new Error('No application side registered: build the container with createContainer');
    return this.side;
  }
}
