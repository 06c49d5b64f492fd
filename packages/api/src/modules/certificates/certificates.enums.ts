import { registerEnumType } from 'type-graphql';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum CertificateStatus {
  /** Requested by the parent; documents not yet checked in person. */
  PENDING_VERIFICATION = 'PENDING_VERIFICATION',
  /** «Сертификат учёта»: verified; gives access to BUDGET programs, carries no money. */
  ACCOUNTING = 'ACCOUNTING',
  /** «Сертификат персонифицированного финансирования»: credited with the period's nominal. */
  FINANCING = 'FINANCING',
  SUSPENDED = 'SUSPENDED',
  CLOSED = 'CLOSED',
}

export enum LedgerEntryType {
  /** Money enters the account: the period's nominal. */
  CREDIT = 'CREDIT',
  /** available → blocked, when an organization confirms an application. */
  BLOCK = 'BLOCK',
  /** blocked → available: the application or offer did not go ahead. */
  UNBLOCK = 'UNBLOCK',
  /** blocked → committed: the parent signed the contract. */
  ACTIVATE = 'ACTIVATE',
  /** committed → available: a contract ended before using it. */
  RELEASE = 'RELEASE',
  /** committed → spent: a month's payment to the organization. */
  CHARGE = 'CHARGE',
  /** available → expired: unspent money at the end of the period. */
  EXPIRE = 'EXPIRE',
  /** spent → committed: a month's charge corrected down before the municipality approved its invoice. */
  REVERSAL = 'REVERSAL',
  /** available → committed: a signed contract's months in a newly credited period, funded before anything else may use the money. */
  COMMIT = 'COMMIT',
}

registerEnumType(Gender, { name: 'Gender' });
registerEnumType(CertificateStatus, {
  name: 'CertificateStatus',
  description: 'PENDING_VERIFICATION → ACCOUNTING (сертификат учёта) → FINANCING (сертификат персонифицированного финансирования); SUSPENDED, CLOSED',
});
registerEnumType(LedgerEntryType, { name: 'LedgerEntryType', description: 'Operation on a certificate account' });

/** Status names as parents and staff read them. */
export const STATUS_LABELS: Record<CertificateStatus, string> = {
  [CertificateStatus.PENDING_VERIFICATION]: 'ожидает проверки документов',
  [CertificateStatus.ACCOUNTING]: 'сертификат учёта',
  [CertificateStatus.FINANCING]: 'сертификат персонифицированного финансирования',
  [CertificateStatus.SUSPENDED]: 'приостановлен',
  [CertificateStatus.CLOSED]: 'закрыт',
};
