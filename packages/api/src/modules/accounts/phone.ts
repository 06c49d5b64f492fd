/**
 * A Russian phone number as people type it — «8 (914) 123-45-67»,
 * «+7 914 1234567», «9141234567» — in E.164 (`+79141234567`), or null when
 * it is not one: ten national digits, of a mobile (9…) or geographic and toll-free (3…, 4…, 80…–88…) range.
 */
export function russianPhoneE164(raw: string): string | null {
  if (!/^[\d\s()+-]+$/.test(raw.trim())) return null;
  const hasPlus = raw.trim().startsWith('+');
  let digits = raw.replace(/\D/g, '');
  if (hasPlus) {
    if (!digits.startsWith('7')) return null;
    digits = digits.slice(1);
  } else if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) {
    digits = digits.slice(1);
  }
  if (!/^(?:[349]\d|8[0-8])\d{8}$/.test(digits)) return null;
  return `+7${digits}`;
}

export const PHONE_HINT = 'Укажите российский номер телефона, например +7 914 123-45-67';
