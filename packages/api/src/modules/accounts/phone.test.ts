import { describe, expect, it } from 'vitest';
import { russianPhoneE164 } from './phone';

describe('Russian phone numbers', () => {
  it.each([
    ['+7 914 123-45-67', '+79141234567'],
    ['8 (914) 123-45-67', '+79141234567'],
    ['89141234567', '+79141234567'],
    ['9141234567', '+79141234567'],
    ['+7 (41658) 2-28-98', '+74165822898'],
  ])('stores %s as %s', (raw, e164) => {
    expect(russianPhoneE164(raw)).toBe(e164);
  });

  it.each(['123', '+1 914 123 45 67', '+7 114 123 45 67', '8 914 123 45 6', '914-123-45-67 доб. 5', '+7 914 123 45 678'])('refuses %s', (raw) => {
    expect(russianPhoneE164(raw)).toBeNull();
  });
});
