import { describe, expect, it } from 'vitest';
import { addressWithTown, byGender, telHref, years } from './russian';

describe('Russian wording', () => {
  it('says an age with «лет» agreeing with the number', () => {
    expect([1, 3, 6, 11, 21, 22].map(years)).toEqual(['1 год', '3 года', '6 лет', '11 лет', '21 год', '22 года']);
  });

  it('agrees a verb with the child’s gender from the record', () => {
    expect(byGender('FEMALE', { MALE: 'родился', FEMALE: 'родилась' })).toBe('родилась');
    expect(byGender('MALE', { MALE: 'добавлен', FEMALE: 'добавлена' })).toBe('добавлен');
  });

  it('makes phone links dialable from a mobile: +7 and the area code', () => {
    expect(telHref('8 (41658) 2-28-98')).toBe('tel:+74165822898');
    expect(telHref('+7 416 258-12-34')).toBe('tel:+74162581234');
    expect(telHref('2-28-98')).toBeNull();
  });

  it('does not repeat the town an address already names', () => {
    expect(addressWithTown('г. Зея, ул. Ленина, 78', 'Зея')).toBe('г. Зея, ул. Ленина, 78');
    expect(addressWithTown('ул. Ленина, 78', 'Зея')).toBe('ул. Ленина, 78, Зея');
  });
});
