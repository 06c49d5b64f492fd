import { describe, expect, it } from 'vitest';
import { currentMonth, isMonth, shiftMonth } from './month';

describe('months', () => {
  it('names the current month as YYYY-MM', () => {
    expect(currentMonth(new Date(2026, 0, 31))).toBe('2026-01');
  });

  it('steps across a year boundary both ways', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });

  it('accepts only real months', () => {
    expect(isMonth('2026-11')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth(null)).toBe(false);
  });
});
