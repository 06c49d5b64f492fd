import { describe, expect, it } from 'vitest';
import { ageOn, expectedBlock, ineligibility } from './eligibility';

const program = { id: 'p1', ageFrom: 7, ageTo: 14, fundingType: 'CERTIFICATE' as const };
const group = { startsOn: '2026-09-01' };
const financed = { id: 'c1', birthDate: '2016-05-10', certificate: { status: 'FINANCING' as const } };

describe('who may apply', () => {
  it('counts full years on the day classes start', () => {
    expect(ageOn('2016-09-02', '2026-09-01')).toBe(9);
    expect(ageOn('2016-09-01', '2026-09-01')).toBe(10);
  });

  it('lets a financed child of the right age apply', () => {
    expect(ineligibility({ child: financed, program, group, applications: [] })).toBeNull();
  });

  it('explains an age outside the program', () => {
    expect(ineligibility({ child: { ...financed, birthDate: '2021-01-01' }, program, group, applications: [] })).toMatch(/7–14 лет, а к началу занятий ребёнку будет 5 лет$/);
  });

  it('explains which certificate status each funding type needs', () => {
    const accounting = { ...financed, certificate: { status: 'ACCOUNTING' as const } };
    expect(ineligibility({ child: accounting, program, group, applications: [] })).toMatch(/статус финансирования/);
    expect(ineligibility({ child: accounting, program: { ...program, fundingType: 'BUDGET' }, group, applications: [] })).toBeNull();
    expect(ineligibility({ child: { ...financed, certificate: null }, program: { ...program, fundingType: 'BUDGET' }, group, applications: [] })).toMatch(/Нужен сертификат/);
    expect(ineligibility({ child: { ...financed, certificate: null }, program: { ...program, fundingType: 'PAID' }, group, applications: [] })).toBeNull();
  });

  it('refuses a second live application to the same program, not after a cancelled one', () => {
    const live = [{ childId: 'c1', programId: 'p1', status: 'WAITLISTED' }];
    expect(ineligibility({ child: financed, program, group, applications: live })).toMatch(/уже есть заявка/);
    expect(ineligibility({ child: financed, program, group, applications: [{ ...live[0], status: 'CANCELLED' }] })).toBeNull();
  });
});

describe('what confirming would block', () => {
  it('is the monthly share times the months inside the period, counted from this month', () => {
    expect(expectedBlock(300_000, { startsOn: '2026-09-01', endsOn: '2027-05-31' }, '2026-12-31', '2026-11-23')).toBe(2 * 300_000);
    expect(expectedBlock(300_000, { startsOn: '2026-12-01', endsOn: '2027-05-31' }, '2026-12-31', '2026-11-23')).toBe(300_000);
    expect(expectedBlock(300_000, { startsOn: '2027-01-10', endsOn: '2027-05-31' }, '2026-12-31', '2026-11-23')).toBe(0);
  });
});
