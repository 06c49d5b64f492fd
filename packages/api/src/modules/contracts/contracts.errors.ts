/** Error codes of the contract lifecycle (DESIGN.md «Enrollment», «Seasons across financing periods»). */
export const ContractErrorCode = {
  OUTSIDE_PERIOD: 'OUTSIDE_PERIOD',
  OFFER_EXPIRED: 'OFFER_EXPIRED',
} as const;
