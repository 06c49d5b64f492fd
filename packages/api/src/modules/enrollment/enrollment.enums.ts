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
  /** The contract ended (terminated or completed); set through the contracts module. */
  ENDED = 'ENDED',
}

registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'SUBMITTED | WAITLISTED → CONFIRMED (offer) → ENROLLED (signed); REJECTED, CANCELLED, EXPIRED; ENDED when the contract ends',
});
