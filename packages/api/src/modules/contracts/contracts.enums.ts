import { registerEnumType } from 'type-graphql';

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

registerEnumType(ContractStatus, { name: 'ContractStatus', description: 'OFFERED → ACTIVE ⇄ AWAITING_FUNDING → TERMINATED | COMPLETED; EXPIRED, CANCELLED' });
