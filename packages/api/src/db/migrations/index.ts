import { Foundation1763900000000 } from './1763900000000-foundation';
import { Certificates1763910000000 } from './1763910000000-certificates';
import { CertificateFinancingRequests1763910000001 } from './1763910000001-certificate-financing-requests';
import { CatalogManagement1763920000000 } from './1763920000000-catalog-management';
import { Notifications1763930000000 } from './1763930000000-notifications';
import { Enrollment1763930000001 } from './1763930000001-enrollment';
import { Billing1763940000000 } from './1763940000000-billing';
import { Seasons1764100000000 } from './1764100000000-seasons';
import { IdempotencyFingerprint1764130000000 } from './1764130000000-idempotency-fingerprint';
import { CatalogReadModel1764140000000 } from './1764140000000-catalog-read-model';
import { Accounts1764160000000 } from './1764160000000-accounts';
import { CatalogSeatsVersion1764170000000 } from './1764170000000-catalog-seats-version';
import { LedgerHolds1764200000000 } from './1764200000000-ledger-holds';
import { DeferredSeatFlips1764250000000 } from './1764250000000-deferred-seat-flips';
import { CatalogChangeNotifications1764300000000 } from './1764300000000-catalog-change-notifications';
import { CatalogSearchKeys1764350000000 } from './1764350000000-catalog-search-keys';
import { StaffNoticeIndex1764410000000 } from './1764410000000-staff-notice-index';
import { ApplicationCountFlips1764410000001 } from './1764410000001-application-count-flips';
import { CatalogFacetKeys1764500000000 } from './1764500000000-catalog-facet-keys';

/** Every migration in order, listed explicitly. */
export const migrations = [
  Foundation1763900000000,
  Certificates1763910000000,
  CertificateFinancingRequests1763910000001,
  CatalogManagement1763920000000,
  Notifications1763930000000,
  Enrollment1763930000001,
  Billing1763940000000,
  Seasons1764100000000,
  IdempotencyFingerprint1764130000000,
  CatalogReadModel1764140000000,
  Accounts1764160000000,
  CatalogSeatsVersion1764170000000,
  LedgerHolds1764200000000,
  DeferredSeatFlips1764250000000,
  CatalogChangeNotifications1764300000000,
  CatalogSearchKeys1764350000000,
  StaffNoticeIndex1764410000000,
  ApplicationCountFlips1764410000001,
  CatalogFacetKeys1764500000000,
];
