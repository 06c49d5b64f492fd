import { describe, expect, it } from 'vitest';
import { formatSnils, isValidSnils, maskSnils, normalizeSnils, SnilsCrypto, snilsControlSum, snilsWithControlSum } from './snils';

describe('SNILS rules', () => {
  it('computes the control sum: weights 9…1, modulo 101, 100 written as 00', () => {
    expect(snilsControlSum('112233445')).toBe(95);
    // 1·9 + … sums to exactly 100 and 101: both give 00.
    expect(snilsControlSum('900000067')).toBe(0);
    expect(snilsControlSum('900000068')).toBe(0);
    // Above 101 the remainder counts.
    expect(snilsControlSum('999999999')).toBe(405 % 101);
  });

  it('accepts a correct SNILS however it is typed, and refuses a wrong check number', () => {
    expect(normalizeSnils('112-233-445 95')).toBe('11223344595');
    expect(normalizeSnils(' 11223344595 ')).toBe('11223344595');
    expect(normalizeSnils('1122334459')).toBeNull();
    expect(normalizeSnils('112-233-445 9a')).toBeNull();
    expect(isValidSnils('11223344595')).toBe(true);
    expect(isValidSnils('11223344596')).toBe(false);
    expect(isValidSnils('11223344695')).toBe(false);
  });

  it('refuses the early numbers that never had check digits', () => {
    expect(isValidSnils(snilsWithControlSum('001001998'))).toBe(false);
    expect(isValidSnils(snilsWithControlSum('001001999'))).toBe(true);
  });

  it('formats in full and masks all but the check digits', () => {
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
    expect(maskSnils('95')).toBe('***-***-*** 95');
  });

  it('encrypts with a fresh nonce each time, decrypts only with its key, and hashes stably under a key', () => {
    const crypto = new SnilsCrypto(Buffer.alloc(32, 1));
    const a = crypto.encrypt('11223344595');
    const b = crypto.encrypt('11223344595');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('11223344595');
    expect(crypto.decrypt(a)).toBe('11223344595');
    expect(() => new SnilsCrypto(Buffer.alloc(32, 2)).decrypt(a)).toThrow();
    expect(crypto.hash('11223344595')).toBe(crypto.hash('11223344595'));
    expect(crypto.hash('11223344595')).not.toBe(new SnilsCrypto(Buffer.alloc(32, 2)).hash('11223344595'));
    expect(crypto.protect('11223344595')).toMatchObject({ snilsLastDigits: '95', snilsHash: crypto.hash('11223344595') });
  });
});
