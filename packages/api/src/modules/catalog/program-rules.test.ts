import { describe, expect, it } from 'vitest';
import { CertificationStatus, Direction, FundingType } from './catalog.enums';
import { acceptsCertificatePayment, certificateMonthlyShare } from './certificate-terms';
import { checkCertifiedTermsUnchanged, checkProgramTerms } from './program-rules';
import type { Program } from './program.entity';

describe('program terms', () => {
  const terms = { ageFrom: 7, ageTo: 12, fundingType: FundingType.PAID, monthlyPrice: 150_000 };

  it('accepts equal ages and refuses «from» above «to»', () => {
    expect(() => checkProgramTerms({ ...terms, ageFrom: 10, ageTo: 10 })).not.toThrow();
    expect(() => checkProgramTerms({ ...terms, ageFrom: 11, ageTo: 10 })).toThrow(/Возраст «от»/);
  });

  it('makes BUDGET programs free and CERTIFICATE programs priced', () => {
    expect(() => checkProgramTerms({ ...terms, fundingType: FundingType.BUDGET, monthlyPrice: 0 })).not.toThrow();
    expect(() => checkProgramTerms({ ...terms, fundingType: FundingType.BUDGET, monthlyPrice: 1 })).toThrow(/Бюджетная/);
    expect(() => checkProgramTerms({ ...terms, fundingType: FundingType.CERTIFICATE, monthlyPrice: 0 })).toThrow(/стоимость/);
    expect(() => checkProgramTerms({ ...terms, fundingType: FundingType.PAID, monthlyPrice: 0 })).not.toThrow();
  });
});

describe('certified terms', () => {
  const program = (certificationStatus: CertificationStatus) =>
    ({ certificationStatus, direction: Direction.ARTS, ageFrom: 7, ageTo: 12, durationMonths: 9, academicHours: 72, fundingType: FundingType.CERTIFICATE }) as Program;

  it('freezes content and funding type while submitted or certified, but never the price', () => {
    for (const status of [CertificationStatus.SUBMITTED, CertificationStatus.CERTIFIED]) {
      expect(() => checkCertifiedTermsUnchanged(program(status), { ageFrom: 8 })).toThrow(expect.objectContaining({ code: 'CERTIFICATION_LOCKED' }));
      expect(() => checkCertifiedTermsUnchanged(program(status), { monthlyPrice: 1, title: 'Новое название' })).not.toThrow();
      expect(() => checkCertifiedTermsUnchanged(program(status), { ageFrom: 7, direction: Direction.ARTS })).not.toThrow();
    }
  });

  it('leaves programs that are not (yet, or no longer) under certification free to change', () => {
    for (const status of [CertificationStatus.NOT_SUBMITTED, CertificationStatus.REJECTED]) {
      expect(() => checkCertifiedTermsUnchanged(program(status), { ageFrom: 8, fundingType: FundingType.PAID })).not.toThrow();
    }
  });
});

describe('certificate badge and share', () => {
  it('shows «Доступна оплата сертификатом» only for a certified CERTIFICATE program of a connected organization', () => {
    const cases: [FundingType, CertificationStatus, boolean, boolean][] = [];
    for (const fundingType of Object.values(FundingType)) {
      for (const certificationStatus of Object.values(CertificationStatus)) {
        for (const pfConnected of [true, false]) {
          cases.push([fundingType, certificationStatus, pfConnected, fundingType === FundingType.CERTIFICATE && certificationStatus === CertificationStatus.CERTIFIED && pfConnected]);
        }
      }
    }
    for (const [fundingType, certificationStatus, pfConnected, expected] of cases) {
      expect(acceptsCertificatePayment({ fundingType, certificationStatus }, { pfConnected })).toBe(expected);
    }
    expect(cases.filter(([, , , expected]) => expected)).toHaveLength(1);
  });

  it('pays min(price, normative cost) a month', () => {
    expect(certificateMonthlyShare({ monthlyPrice: 250_000, normativeMonthlyCost: 200_000 })).toBe(200_000);
    expect(certificateMonthlyShare({ monthlyPrice: 150_000, normativeMonthlyCost: 200_000 })).toBe(150_000);
  });
});
