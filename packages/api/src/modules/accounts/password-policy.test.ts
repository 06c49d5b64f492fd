import { describe, expect, it } from 'vitest';
import { assertStrongPassword } from './password-policy';

describe('password strength', () => {
  it.each(['12345678', 'password', 'qwerty123', '1q2w3e4r5t', 'demo12345'])('refuses the common password %s', (password) => {
    expect(() => assertStrongPassword(password)).toThrow(/слишком простой/);
  });

  it('refuses a password built from the person’s own name and e-mail', () => {
    expect(() => assertStrongPassword('petrov.ivan', ['petrov.ivan@example.ru', 'Петров Иван'])).toThrow(/слишком простой/);
  });

  it.each(['пароль-родителя', 'Сирень-Зея-2026', 'secret-pass-1'])('accepts %s', (password) => {
    expect(() => assertStrongPassword(password)).not.toThrow();
  });
});
