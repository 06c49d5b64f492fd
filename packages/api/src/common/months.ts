import type { IsoDate } from './dates';
import { BadInputError } from './errors';

/** A calendar month, `YYYY-MM`: the unit of charges and invoices. */
export type Month = string;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const MONTH_NAMES = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** Refuses anything but a `YYYY-MM` month (query arguments; inputs are validated by their classes). */
export function assertMonth(month: string): Month {
  if (!MONTH_PATTERN.test(month)) throw new BadInputError('Месяц указывается как ГГГГ-ММ, например 2026-10', 'month');
  return month;
}

export function monthOf(date: IsoDate): Month {
  return date.slice(0, 7);
}

export function daysInMonth(month: Month): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function firstDayOf(month: Month): IsoDate {
  return `${month}-01`;
}

export function lastDayOf(month: Month): IsoDate {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** `2026-10` → `октябрь 2026` (reads right after «за»: «Списание за октябрь 2026»). */
export function monthName(month: Month): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** Every month from `from` to `to`, both included. */
export function monthsFromTo(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  let [y, m] = from.split('-').map(Number);
  for (let month = from; month <= to; month = `${y}-${String(m).padStart(2, '0')}`) {
    months.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

export interface ContractSpan {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** Days of `month` on which the contract runs (0 when it does not touch the month). */
export function contractDaysIn(span: ContractSpan, month: Month): number {
  const from = span.startsOn > firstDayOf(month) ? span.startsOn : firstDayOf(month);
  const to = span.endsOn < lastDayOf(month) ? span.endsOn : lastDayOf(month);
  if (from > to) return 0;
  return Number(to.slice(8)) - Number(from.slice(8)) + 1;
}

/**
 * A monthly amount for the part of `month` the contract covers: whole in a
 * full month; in the month a contract starts or ends, amount × contract days
 * in the month / days in the month, rounded down to a kopeck.
 */
export function prorate(monthlyAmount: number, span: ContractSpan, month: Month): number {
  const days = contractDaysIn(span, month);
  const total = daysInMonth(month);
  return days === total ? monthlyAmount : Math.floor((monthlyAmount * days) / total);
}

export { ruDate } from './dates';
