import { regionDay } from '../../../common/clock';
import { type IsoDate, ruDate } from '../../../common/dates';
import { formatRub } from '../../../common/money';
import { pluralRu } from '../../../common/russian';

/**
 * How every text the system sends writes dates, times and money: dates as
 * dd.mm.yyyy and times in Amur time (the region's clocks), money as «1 234,56 ₽».
 */
export const rub = formatRub;
export { ruDate };

const amurDateTime = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Yakutsk', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** `2026-11-28T09:00:00Z` → `28.11.2026, 18:00` (Amur time). */
export function ruDateTime(instant: Date): string {
  return amurDateTime.format(instant);
}

/** The regional calendar day of an instant, `dd.mm.yyyy`. */
export function ruDay(instant: Date): string {
  return ruDate(regionDay(instant));
}

export function monthsCount(n: number): string {
  return `${n} ${pluralRu(n, 'месяц', 'месяца', 'месяцев')}`;
}

const MONTHS_NOMINATIVE = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** `2027-01-01`…`2027-05-31` → `январь – май 2027`; one month → `январь 2027`. */
export function monthSpan(startsOn: IsoDate, endsOn: IsoDate): string {
  const [sy, sm] = startsOn.split('-').map(Number);
  const [ey, em] = endsOn.split('-').map(Number);
  const end = `${MONTHS_NOMINATIVE[em - 1]} ${ey}`;
  if (sy === ey && sm === em) return end;
  return sy === ey ? `${MONTHS_NOMINATIVE[sm - 1]} – ${end}` : `${MONTHS_NOMINATIVE[sm - 1]} ${sy} – ${end}`;
}

/** A reason typed by a person, ending as a sentence: «Переезд» → «Переезд.», «Переезд!» stays. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
