import { describe, expect, it } from 'vitest';
import { emailProblem } from './validation';

describe('e-mail field', () => {
  it('tells an empty field from a malformed address', () => {
    expect(emailProblem('  ')).toBe('Укажите адрес электронной почты');
    expect(emailProblem('not-an-email')).toMatch(/записан неверно/);
    expect(emailProblem(' anna@example.ru ')).toBeNull();
  });
});
