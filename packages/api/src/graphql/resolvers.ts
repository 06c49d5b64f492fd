import type { NonEmptyArray } from 'type-graphql';
import { AccountResolver } from '../modules/accounts/account.resolver';
import { MyDataResolver } from '../modules/accounts/my-data.resolver';
import { ChargeResolver, ContractChargesResolver, InvoiceResolver } from '../modules/billing/billing.resolver';
import { GroupResolver, OrganizationResolver, ProgramResolver } from '../modules/catalog/catalog.resolver';
import { CatalogManagementResolver } from '../modules/catalog/catalog-management.resolver';
import { CertificateAccountResolver, CertificateResolver, LedgerEntryResolver } from '../modules/certificates/certificate.resolver';
import { ChildResolver } from '../modules/certificates/child.resolver';
import { ContractResolver } from '../modules/contracts/contracts.resolver';
import { ApplicationResolver } from '../modules/enrollment/enrollment.resolver';
import { MunicipalityResolver, SupportCenterResolver } from '../modules/municipalities/municipality.resolver';
import { NotificationResolver } from '../modules/notifications/notification.resolver';

/** Every resolver, listed explicitly. */
// type-graphql's buildSchema takes resolver classes typed as `Function`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AccountResolver,
  MyDataResolver,
  MunicipalityResolver,
  SupportCenterResolver,
  ProgramResolver,
  GroupResolver,
  OrganizationResolver,
  CatalogManagementResolver,
  ChildResolver,
  CertificateResolver,
  CertificateAccountResolver,
  LedgerEntryResolver,
  ApplicationResolver,
  ContractResolver,
  NotificationResolver,
  ChargeResolver,
  ContractChargesResolver,
  InvoiceResolver,
];
