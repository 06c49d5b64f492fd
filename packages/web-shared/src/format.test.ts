import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatRub, parseRub, plural } from './format';

describe('formatting for Russian readers', () => {
  it('shows kopecks as rubles with a comma, a no-break thousands separator and the ruble sign', () => {
    expect(formatRub(1_347_000)).toBe('13\u00a0470,00\u00a0₽');
    expect(formatRub(0)).toBe('0,00\u00a0₽');
    expect(formatRub(99)).toBe('0,99\u00a0₽');
    expect(formatRub(null)).toBe('—');
  });

  it('shows calendar dates as day.month.year without shifting the day', () => {
    expect(formatDate('2026-11-23')).toBe('23.11.2026');
    expect(formatDate('2026-01-01')).toBe('01.01.2026');
    expect(formatDate(null)).toBe('—');
  });

  it('names a month in Russian', () => {
    expect(formatMonth('2026-11')).toMatch(/ноябрь 2026/);
  });

  it('reads rubles typed with a comma into kopecks and refuses anything else', () => {
    expect(parseRub('1 234,50')).toBe(123_450);
    expect(parseRub('13470')).toBe(1_347_000);
    expect(parseRub('12,345')).toBeNull();
    expect(parseRub('abc')).toBeNull();
  });

  it('agrees nouns with numbers', () => {
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => plural(n, 'место', 'места', 'мест'))).toEqual(['место', 'места', 'мест', 'мест', 'место', 'места', 'мест']);
  });
});
