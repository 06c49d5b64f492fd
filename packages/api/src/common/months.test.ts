import { describe, expect, it } from 'vitest';
import { contractDaysIn, daysInMonth, lastDayOf, monthName, monthsFromTo, prorate } from './months';

describe('calendar months', () => {
  it('knows the length of every month, leap Februaries included', () => {
    expect([daysInMonth('2026-02'), daysInMonth('2028-02'), daysInMonth('2026-11'), daysInMonth('2026-12')]).toEqual([28, 29, 30, 31]);
    expect(lastDayOf('2026-11')).toBe('2026-11-30');
  });

  it('names months as they read after «за»', () => {
    expect(monthName('2026-10')).toBe('октябрь 2026');
    expect(monthName('2027-01')).toBe('январь 2027');
  });

  it('lists the months between two months across a new year', () => {
    expect(monthsFromTo('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsFromTo('2026-11', '2026-11')).toEqual(['2026-11']);
  });

  it('counts the days of a month a contract covers', () => {
    const span = { startsOn: '2026-09-16', endsOn: '2026-11-30' };
    expect(contractDaysIn(span, '2026-08')).toBe(0);
    expect(contractDaysIn(span, '2026-09')).toBe(15);
    expect(contractDaysIn(span, '2026-10')).toBe(31);
    expect(contractDaysIn({ startsOn: '2026-09-01', endsOn: '2026-09-10' }, '2026-09')).toBe(10);
  });

  it('prorates the monthly share by days at the start and end of a contract, rounding down to a kopeck', () => {
    const span = { startsOn: '2026-09-16', endsOn: '2026-12-10' };
    expect(prorate(180_000, span, '2026-09')).toBe(90_000);
    expect(prorate(180_000, span, '2026-10')).toBe(180_000);
    // 180 000 × 10 / 31 = 58 064.5… → 58 064
    expect(prorate(180_000, span, '2026-12')).toBe(58_064);
    expect(prorate(180_000, span, '2027-01')).toBe(0);
  });
});
