import { BadInputError, DomainError } from '../../common/errors';
import { CatalogErrorCode } from './catalog.errors';
import { CertificationStatus, FundingType } from './catalog.enums';
import type { Program } from './program.entity';

export type ProgramTerms = Pick<Program, 'ageFrom' | 'ageTo' | 'fundingType' | 'monthlyPrice'>;

/**
 * Rules that relate several fields of a program; single fields are checked by
 * the input classes (and, for ages and price, by database CHECKs too).
 */
export function checkProgramTerms(terms: ProgramTerms): void {
  if (terms.ageFrom > terms.ageTo) {
    throw new BadInputError('Возраст «от» не может быть больше возраста «до»', 'ageFrom');
  }
  if (terms.fundingType === FundingType.BUDGET && terms.monthlyPrice !== 0) {
    throw new BadInputError('Бюджетная программа бесплатна для семьи: стоимость должна быть 0 ₽', 'monthlyPrice');
  }
  if (terms.fundingType === FundingType.CERTIFICATE && terms.monthlyPrice === 0) {
    throw new BadInputError('Укажите стоимость месяца обучения: из неё сертификат оплачивает занятия', 'monthlyPrice');
  }
}

/**
 * What the МОЦ assesses when it certifies a program (and sets the normative
 * cost against): the educational content and the funding type. While the
 * program is submitted or certified these cannot change; the price can, and
 * the certificate keeps paying min(price, normative cost).
 */
export const CERTIFIED_TERMS = ['direction', 'ageFrom', 'ageTo', 'durationMonths', 'academicHours', 'fundingType'] as const satisfies readonly (keyof Program)[];

const CERTIFIED_TERM_NAMES: Record<(typeof CERTIFIED_TERMS)[number], string> = {
  direction: 'направленность',
  ageFrom: 'возраст',
  ageTo: 'возраст',
  durationMonths: 'продолжительность',
  academicHours: 'объём в академических часах',
  fundingType: 'способ оплаты',
};

export function checkCertifiedTermsUnchanged(program: Program, changes: Partial<Program>): void {
  if (program.certificationStatus !== CertificationStatus.SUBMITTED && program.certificationStatus !== CertificationStatus.CERTIFIED) return;
  const changed = CERTIFIED_TERMS.filter((key) => changes[key] !== undefined && changes[key] !== program[key]);
  if (changed.length === 0) return;
  const names = [...new Set(changed.map((key) => CERTIFIED_TERM_NAMES[key]))].join(', ');
  const state = program.certificationStatus === CertificationStatus.CERTIFIED ? 'сертифицирована' : 'на сертификации';
  throw new DomainError(
    CatalogErrorCode.CERTIFICATION_LOCKED,
    `Программа ${state}: нельзя изменить ${names}. Создайте новую программу и отправьте её на сертификацию.`,
    { fields: changed },
  );
}
