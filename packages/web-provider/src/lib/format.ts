const rub = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const monthFormat = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Money arrives as integer kopecks; «13 470,00 ₽». */
export function formatRub(kopecks: number | null | undefined): string {
  if (kopecks === null || kopecks === undefined) return '—';
  return rub.format(kopecks / 100);
}

/** Accepts `YYYY-MM-DD` local dates (read as UTC so no zone shifts the day) and ISO timestamps; «23.11.2026». */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  if (value.length === 10) return dateFormat.format(date);
  return dateFormat.format(new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate())));
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return dateTimeFormat.format(new Date(value));
}

/** `2026-11` or `2026-11-01` → «ноябрь 2026 г.» */
export function formatMonth(value: string | null | undefined): string {
  if (!value) return '—';
  const [year, month] = value.split('-').map(Number);
  return monthFormat.format(new Date(Date.UTC(year, month - 1, 1)));
}

/** Rubles typed by a person («1 234,50») → kopecks, or null when it is not a sum. */
export function parseRub(input: string | number): number | null {
  const text = String(input).replace(/\s|₽/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}
