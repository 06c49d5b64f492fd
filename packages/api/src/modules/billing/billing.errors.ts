/** Error codes of billing (DESIGN.md rules 4–5), one per check staff, parents or operators can fail. */
export const BillingErrorCode = {
  CHARGE_MONTH_NOT_STARTED: 'CHARGE_MONTH_NOT_STARTED',
  CONTRACT_NOT_CHARGEABLE: 'CONTRACT_NOT_CHARGEABLE',
  CHARGE_OUTSIDE_CONTRACT: 'CHARGE_OUTSIDE_CONTRACT',
  CHARGE_EXISTS: 'CHARGE_EXISTS',
  CHARGE_OVER_SHARE: 'CHARGE_OVER_SHARE',
  CHARGE_OVER_COMMITTED: 'CHARGE_OVER_COMMITTED',
  /** The month lies in a period that did not fund the contract (waiting for funding, or the parent pays). */
  CHARGE_MONTH_NOT_FUNDED: 'CHARGE_MONTH_NOT_FUNDED',
  INVOICE_CLOSED: 'INVOICE_CLOSED',
  NO_CHARGES: 'NO_CHARGES',
  NO_PERIOD: 'NO_PERIOD',
} as const;
