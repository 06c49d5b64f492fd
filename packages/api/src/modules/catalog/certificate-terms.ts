import { CertificationStatus, FundingType } from './catalog.enums';
import type { Organization } from './organization.entity';
import type { Program } from './program.entity';

/** «Доступна оплата сертификатом»: a certified CERTIFICATE program of an organization connected to personalized financing. */
export function acceptsCertificatePayment(
  program: Pick<Program, 'fundingType' | 'certificationStatus'>,
  organization: Pick<Organization, 'pfConnected'>,
): boolean {
  return (
    program.fundingType === FundingType.CERTIFICATE &&
    program.certificationStatus === CertificationStatus.CERTIFIED &&
    organization.pfConnected
  );
}

/** What the certificate pays per month: the price, capped by the normative cost set at certification. */
export function certificateMonthlyShare(program: Pick<Program, 'monthlyPrice' | 'normativeMonthlyCost'>): number {
  return Math.min(program.monthlyPrice, program.normativeMonthlyCost ?? 0);
}
