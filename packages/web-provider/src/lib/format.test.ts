import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatRub, parseRub } from './format';

describe('formatting for the Russian UI', () => {
  it('shows kopecks as rubles with a comma and a non-breaking thousands separator', () => {
    expect(formatRub(1_347_000).replace(/\s/g, ' ')).toBe('13 470,00 ₽');
    expect(formatRub(null)).toBe('—');
  });

  it('shows local dates as day.month.year without shifting the day', () => {
    expect(formatDate('2026-11-23')).toBe('23.11.2026');
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
});
