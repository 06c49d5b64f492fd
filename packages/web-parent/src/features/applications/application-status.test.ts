import { describe, expect, it } from 'vitest';
import { nextStep } from './application-status';

describe('what happens next, told to the parent', () => {
  it('gives the waitlist place', () => {
    expect(nextStep({ status: 'WAITLISTED', waitlistPosition: 3 })).toContain('место 3');
  });

  it('names the blocked sum and the signing deadline of an offer', () => {
    const text = nextStep({ status: 'CONFIRMED', contract: { offerExpiresAt: '2026-11-28T10:00:00Z', certificateId: 'c1', fundingPlan: [{ year: 2026, state: 'BLOCKED', certificateAmount: 380_000 }, { year: 2027, state: 'PLANNED', certificateAmount: 1_900_000 }] } }).replace(/\u00a0/g, ' ');
    expect(text).toContain('На сертификате заблокировано 3 800,00 ₽');
    expect(text).toMatch(/подпишите его до 28\.11\.2026/);
  });

  it('says nothing about the certificate when the program is paid by the parent', () => {
    expect(nextStep({ status: 'CONFIRMED', contract: { offerExpiresAt: '2026-11-28T10:00:00Z', certificateId: null, fundingPlan: [] } })).not.toContain('заблокировано');
  });

  it('agrees with the contract page about an ended contract', () => {
    expect(nextStep({ status: 'ENDED', contract: { offerExpiresAt: '2026-09-01T10:00:00Z', fundingPlan: [], status: 'TERMINATED', endsOn: '2026-12-31' } })).toBe('Расторгнут, занятия по 31.12.2026.');
  });

  it('passes on the organization\'s reason for a rejection', () => {
    expect(nextStep({ status: 'REJECTED', rejectReason: 'Группа для другого уровня' })).toContain('Группа для другого уровня');
  });
});
