import { ageOn, type IsoDate } from '../../common/dates';
import { DomainError } from '../../common/errors';
import { FundingType, ProgramStatus } from '../catalog/catalog.enums';
import { acceptsCertificatePayment } from '../catalog/certificate-terms';
import type { Group } from '../catalog/group.entity';
import type { Organization } from '../catalog/organization.entity';
import type { Program } from '../catalog/program.entity';
import { CertificateStatus } from '../certificates/certificates.enums';
import type { Child } from '../certificates/child.entity';
import { EnrollmentErrorCode } from './enrollment.errors';

/** Certificate statuses that let a child apply, by funding type (PAID needs no certificate). */
const CERTIFICATE_STATUSES: Record<FundingType, CertificateStatus[] | null> = {
  [FundingType.CERTIFICATE]: [CertificateStatus.FINANCING],
  [FundingType.BUDGET]: [CertificateStatus.ACCOUNTING, CertificateStatus.FINANCING],
  [FundingType.PAID]: null,
};

/** The program itself takes applications: published and, for certificate payment, certified at a connected organization. */
export function assertProgramAvailable(program: Program, organization: Organization): void {
  if (program.status !== ProgramStatus.PUBLISHED) {
    throw new DomainError(EnrollmentErrorCode.PROGRAM_NOT_AVAILABLE, 'Программа сейчас не принимает заявки', { programStatus: program.status });
  }
  if (program.fundingType === FundingType.CERTIFICATE && !acceptsCertificatePayment(program, organization)) {
    throw new DomainError(EnrollmentErrorCode.PROGRAM_NOT_AVAILABLE, 'Оплата этой программы сертификатом сейчас недоступна', {
      certificationStatus: program.certificationStatus,
      pfConnected: organization.pfConnected,
    });
  }
}

/** The certificate fits the program's funding type. */
export function assertCertificateFits(fundingType: FundingType, certificateStatus: CertificateStatus | null): void {
  const allowed = CERTIFICATE_STATUSES[fundingType];
  if (!allowed || (certificateStatus && allowed.includes(certificateStatus))) return;
  const message =
    fundingType === FundingType.CERTIFICATE
      ? 'Для оплаты сертификатом нужен сертификат в статусе персонифицированного финансирования'
      : 'Для бесплатной (бюджетной) программы нужен подтверждённый сертификат: учёта или финансирования';
  throw new DomainError(EnrollmentErrorCode.CERTIFICATE_STATUS, message, { certificateStatus, required: allowed });
}

/** The checks of a new application that need no other applications: program, group, age, certificate. */
export function assertEligible(
  child: Pick<Child, 'birthDate'>,
  group: Pick<Group, 'startsOn' | 'endsOn' | 'enrollmentOpen'>,
  program: Program,
  organization: Organization,
  certificateStatus: CertificateStatus | null,
  today: IsoDate,
): void {
  assertProgramAvailable(program, organization);
  if (!group.enrollmentOpen || group.endsOn < today) {
    throw new DomainError(EnrollmentErrorCode.ENROLLMENT_CLOSED, 'Набор в эту группу закрыт');
  }
  const age = ageOn(child.birthDate, group.startsOn);
  // Children are eligible until their 18th birthday, whatever the program's upper age.
  if (age < program.ageFrom || age > program.ageTo || age >= 18) {
    throw new DomainError(
      EnrollmentErrorCode.AGE_NOT_ELIGIBLE,
      `Программа для детей ${program.ageFrom}–${program.ageTo} лет, а к началу занятий ребёнку полных лет: ${age}`,
      { age, ageFrom: program.ageFrom, ageTo: program.ageTo },
    );
  }
  assertCertificateFits(program.fundingType, certificateStatus);
}
