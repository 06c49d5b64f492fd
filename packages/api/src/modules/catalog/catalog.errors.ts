/** Catalog-specific error codes (exposed as `extensions.code`), beside the shared ones in common/errors.ts. */
export const CatalogErrorCode = {
  /** The organization is not connected to personalized financing, so it cannot run CERTIFICATE programs. */
  PF_NOT_CONNECTED: 'PF_NOT_CONNECTED',
  /** A submitted or certified program's certified terms cannot change. */
  CERTIFICATION_LOCKED: 'CERTIFICATION_LOCKED',
  /** A group's capacity cannot go below the seats already taken. */
  CAPACITY_BELOW_TAKEN: 'CAPACITY_BELOW_TAKEN',
} as const;
