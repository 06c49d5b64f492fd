import { describe, expect, it } from 'vitest';
import { monthName } from './contract-status';

describe('charge months', () => {
  it('reads a YYYY-MM month as a Russian month and year', () => {
    expect(monthName('2026-11')).toBe('ноябрь 2026');
    expect(monthName('2027-01')).toBe('январь 2027');
  });
});
