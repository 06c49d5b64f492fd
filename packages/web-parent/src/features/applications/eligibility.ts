import { years } from '@navigator/web-shared/russian';
import type { CertificateStatus, FundingType } from '../../gql/graphql';

/** Full years on a date, both as `YYYY-MM-DD`. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const NEEDED: Record<FundingType, CertificateStatus[] | null> = {
  CERTIFICATE: ['FINANCING'],
  BUDGET: ['ACCOUNTING', 'FINANCING'],
  PAID: null,
};

const LIVE_APPLICATION = ['SUBMITTED', 'WAITLISTED', 'CONFIRMED', 'ENROLLED'];

export interface EligibilityInput {
  child: { id: string; birthDate: string; certificate: { status: CertificateStatus } | null };
  program: { id: string; ageFrom: number; ageTo: number; fundingType: FundingType };
  group: { startsOn: string };
  applications: { childId: string; programId: string; status: string }[];
}

/**
 * Why this child cannot apply, in the parent's words, or null. The same rules the
 * API enforces (DESIGN.md «Enrollment», step 1), checked up front so a parent sees
 * the reason before choosing rather than after submitting.
 */
export function ineligibility({ child, program, group, applications }: EligibilityInput): string | null {
  const age = ageOn(child.birthDate, group.startsOn);
  if (age < program.ageFrom || age > program.ageTo) return `Программа для детей ${program.ageFrom}–${program.ageTo} лет, а к началу занятий ребёнку будет ${years(age)}`;
  if (applications.some((a) => a.childId === child.id && a.programId === program.id && LIVE_APPLICATION.includes(a.status))) {
    return 'На эту программу у ребёнка уже есть заявка';
  }
  const needed = NEEDED[program.fundingType];
  if (needed && !(child.certificate && needed.includes(child.certificate.status))) {
    if (!child.certificate) return 'Нужен сертификат: оформите его в разделе «Дети и сертификаты»';
    return program.fundingType === 'CERTIFICATE'
      ? 'Для оплаты сертификатом нужен статус финансирования: запросите его на странице сертификата'
      : 'Для бесплатной программы нужен подтверждённый сертификат (учёта или финансирования)';
  }
  return null;
}

/** Calendar months a span touches: 15 Nov – 31 Dec is 2. */
function monthsTouched(startsOn: string, endsOn: string): number {
  const [sy, sm] = startsOn.split('-').map(Number);
  const [ey, em] = endsOn.split('-').map(Number);
  return (ey - sy) * 12 + (em - sm) + 1;
}

/**
 * What confirming would block on the certificate: the monthly share × the months of the
 * group inside the current period, from this month on (the API computes the exact sum).
 */
export function expectedBlock(monthlyShare: number, group: { startsOn: string; endsOn: string }, periodEndsOn: string, today: string): number {
  const startsOn = group.startsOn > today ? group.startsOn : today;
  const endsOn = group.endsOn < periodEndsOn ? group.endsOn : periodEndsOn;
  return startsOn > endsOn ? 0 : monthlyShare * monthsTouched(startsOn, endsOn);
}
