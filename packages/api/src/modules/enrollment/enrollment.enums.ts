import { registerEnumType } from 'type-graphql';

export enum ApplicationStatus {
  /** Waiting for the organization; counts against the group's capacity. */
  SUBMITTED = 'SUBMITTED',
  /** The group was full: waits on the group's waitlist, in order. */
  WAITLISTED = 'WAITLISTED',
  /** Confirmed: a seat is held (and money blocked) for the contract offer. */
  CONFIRMED = 'CONFIRMED',
  /** The parent signed the contract. */
  ENROLLED = 'ENROLLED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  /** The offer was not signed in time. */
  EXPIRED = 'EXPIRED',
  /** The contract ended (terminated or completed); set by billing. */
  ENDED = 'ENDED',
}

export enum ContractStatus {
  /** Offer waiting for the parent's signature until `offerExpiresAt`. */
  OFFERED = 'OFFERED',
  ACTIVE = 'ACTIVE',
  /**
   * Signed and holding its seat, but the new financing period could not fund
   * its months (certificate not refinanced, nominal too small, suspended):
   * the parent decides by `fundingDeadline` to pay the share or to end it.
   */
  AWAITING_FUNDING = 'AWAITING_FUNDING',
  EXPIRED = 'EXPIRED',
  /** Withdrawn before signing (the parent cancelled or the organization rejected). */
  CANCELLED = 'CANCELLED',
  TERMINATED = 'TERMINATED',
  COMPLETED = 'COMPLETED',
}

registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'SUBMITTED | WAITLISTED → CONFIRMED (offer) → ENROLLED (signed); REJECTED, CANCELLED, EXPIRED; ENDED when the contract ends',
});
registerEnumType(ContractStatus, { name: 'ContractStatus', description: 'OFFERED → ACTIVE ⇄ AWAITING_FUNDING → TERMINATED | COMPLETED; EXPIRED, CANCELLED' });
