/** Dates without time of day travel as ISO strings `YYYY-MM-DD` (pg `date`). */
export type IsoDate = string;

export function toIsoDate(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function parseIsoDate(s: IsoDate): Date {
  return new Date(`${s}T00:00:00Z`);
}

/** Full years between a birth date and a given day. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  // 29 February plus N years lands on 28 February in a non-leap year.
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return toIsoDate(target);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const t = parseIsoDate(date);
  t.setUTCDate(t.getUTCDate() + days);
  return toIsoDate(t);
}

/** `2026-11-30` → `30.11.2026`, as Russian documents write dates. */
export function ruDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}
