/**
 * Money and dates are formatted here only, the way Russian readers expect them: «13 470,00 ₽», «23.11.2026».
 * A missing value reads «—», so tables and cards need no checks of their own.
 */
const rub = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const localDate = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const instantDate = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTime = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const monthName = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const MISSING = '—';

// Intl separates thousands with a narrow no-break space; a plain no-break space reads the same and keeps tests and copy-paste simple.
const normalizeSpaces = (s: string) => s.replace(/[\u202f\u00a0]/g, '\u00a0');

/** Integer kopecks → «13 470,00 ₽». */
export function formatRub(kopecks: number | null | undefined): string {
  if (kopecks === null || kopecks === undefined) return MISSING;
  return normalizeSpaces(rub.format(kopecks / 100));
}

/** `YYYY-MM-DD` (a date without a time zone) or an ISO timestamp → «23.11.2026». */
export function formatDate(value: string | null | undefined): string {
  if (!value) return MISSING;
  // A calendar date is read as UTC midnight and printed in UTC, so no time zone moves it to the day before.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return localDate.format(new Date(`${value}T00:00:00Z`));
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : instantDate.format(instant);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return MISSING;
  return dateTime.format(new Date(value));
}

/** `2026-11` or `2026-11-01` → «ноябрь 2026 г.» */
export function formatMonth(value: string | null | undefined): string {
  if (!value) return MISSING;
  const [year, month] = value.split('-').map(Number);
  return monthName.format(new Date(Date.UTC(year, month - 1, 1)));
}

/** Rubles typed by a person («1 234,50») → kopecks, or null when it is not a sum. */
export function parseRub(input: string | number): number | null {
  const text = String(input).replace(/\s|₽/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

/** «1 ребёнок», «2 ребёнка», «5 детей» style agreement for a count. */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}
