import { describe, expect, it } from 'vitest';
import { maskSnils, snilsProblem } from './snils';

describe('SNILS input', () => {
  it('puts the dashes and the space in while the parent types', () => {
    expect(maskSnils('112')).toBe('112');
    expect(maskSnils('1122')).toBe('112-2');
    expect(maskSnils('112233445')).toBe('112-233-445');
    expect(maskSnils('1122334459')).toBe('112-233-445 9');
    expect(maskSnils('11223344595999')).toBe('112-233-445 95');
    expect(maskSnils('112 233-445 95')).toBe('112-233-445 95');
  });

  it('accepts a number whose check digits match and explains every other case', () => {
    expect(snilsProblem('112-233-445 95')).toBeNull();
    expect(snilsProblem('112-233-445 96')).toMatch(/Контрольное число/);
    expect(snilsProblem('112-233')).toMatch(/11 цифр, введено 6/);
    expect(snilsProblem('')).toMatch(/Укажите/);
    expect(snilsProblem('001-001-998 00')).toMatch(/не бывает/);
  });

  it('writes a control sum of 100 as 00', () => {
    const weighted = (s: string) => [...s].reduce((t, d, i) => t + Number(d) * (9 - i), 0);
    let n = 1_002_000;
    while (weighted(String(n).padStart(9, '0')) % 101 !== 100) n++;
    expect(snilsProblem(`${String(n).padStart(9, '0')}00`)).toBeNull();
    expect(snilsProblem(`${String(n).padStart(9, '0')}01`)).not.toBeNull();
  });
});
