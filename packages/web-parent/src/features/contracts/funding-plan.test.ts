import { describe, expect, it } from 'vitest';
import { blockedNow, fundedSoFar, periodStateText } from './funding-plan';

const plan = [
  { year: 2026, state: 'BLOCKED' as const, certificateAmount: 380_000 },
  { year: 2027, state: 'PLANNED' as const, certificateAmount: 1_900_000 },
];

describe('a season funded period by period', () => {
  it('blocks only today\'s period for an offer', () => {
    expect(blockedNow(plan)).toBe(380_000);
    expect(fundedSoFar(plan)).toBe(0);
  });

  it('counts what the periods have already funded', () => {
    expect(fundedSoFar([{ ...plan[0], state: 'FUNDED' }, { ...plan[1], state: 'FUNDED' }])).toBe(2_280_000);
  });

  it('names the nominal that will pay the later months', () => {
    expect(periodStateText(plan[1])).toBe('будет оплачено из номинала 2027 года');
    expect(periodStateText({ year: 2027, state: 'FUNDED' })).toBe('оплачено из номинала 2027 года');
  });
});
