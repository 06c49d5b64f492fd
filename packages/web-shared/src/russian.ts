import { plural } from './format';
import type { Gender } from './gql/schema';

/** «6 лет», «1 год», «3 года». */
export function years(n: number): string {
  return `${n} ${plural(n, 'год', 'года', 'лет')}`;
}

/** The word agreeing with a person's grammatical gender, known from their record: «родился» / «родилась». */
export function byGender(gender: Gender, forms: Record<Gender, string>): string {
  return forms[gender];
}

/**
 * A `tel:` link that dials from a mobile phone anywhere: «8 (41658) 2-28-98» → `tel:+74165822898`.
 * Null for a local number without its area code: dialled from a mobile it would reach nobody.
 */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length !== 11 || !/^[78]/.test(digits)) return null;
  return `tel:+7${digits.slice(1)}`;
}

/** «ул. Ленина, 78, г. Зея»: the town is added only when the address does not already name it. */
export function addressWithTown(address: string, town: string): string {
  return address.toLocaleLowerCase('ru').includes(town.toLocaleLowerCase('ru')) ? address : `${address}, ${town}`;
}
