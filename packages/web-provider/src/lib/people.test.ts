import { describe, expect, it } from 'vitest';
import { ageOn, fullName } from './people';

describe('people', () => {
  it('writes a full name without a missing patronymic', () => {
    expect(fullName({ lastName: 'Иванов', firstName: 'Пётр', middleName: null })).toBe('Иванов Пётр');
  });

  it('counts full years, the birthday itself included', () => {
    expect(ageOn('2016-11-23', new Date(2026, 10, 23))).toBe(10);
    expect(ageOn('2016-11-24', new Date(2026, 10, 23))).toBe(9);
  });
});
