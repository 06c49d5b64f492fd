import { Session } from '../modules/accounts/session.entity';
import { User } from '../modules/accounts/user.entity';
import { Group } from '../modules/catalog/group.entity';
import { Organization } from '../modules/catalog/organization.entity';
import { Program } from '../modules/catalog/program.entity';
import { CertificateAccount } from '../modules/certificates/certificate-account.entity';
import { Certificate } from '../modules/certificates/certificate.entity';
import { Child } from '../modules/certificates/child.entity';
import { LedgerEntry } from '../modules/certificates/ledger-entry.entity';
import { LedgerHold } from '../modules/certificates/ledger-hold.entity';
import { Charge } from '../modules/billing/charge.entity';
import { Invoice } from '../modules/billing/invoice.entity';
import { ApplicationEvent } from '../modules/enrollment/application-event.entity';
import { Application } from '../modules/enrollment/application.entity';
import { Contract } from '../modules/contracts/contract.entity';
import { ContractFunding } from '../modules/contracts/contract-funding.entity';
import { CertificatePeriod } from '../modules/municipalities/certificate-period.entity';
import { Municipality } from '../modules/municipalities/municipality.entity';
import { SupportCenter } from '../modules/municipalities/support-center.entity';
import { Notification } from '../modules/notifications/notification.entity';

/** Every entity, listed explicitly (no globs: the build output layout must not matter). */
export const entities = [Municipality, SupportCenter, CertificatePeriod, Organization, Program, Group, User, Session, Child, Certificate, CertificateAccount, LedgerEntry, LedgerHold, Notification, Application, ApplicationEvent, Contract, ContractFunding, Invoice, Charge];
