import type { Direction, FundingType, ProgramFormat, ProgramOrder } from '../gql/graphql';

export const DIRECTION_LABELS: Record<Direction, string> = {
  TECHNICAL: 'Техническая',
  NATURAL_SCIENCE: 'Естественнонаучная',
  PHYSICAL_SPORTS: 'Физкультурно-спортивная',
  ARTS: 'Художественная',
  TOURISM_LOCAL_HISTORY: 'Туристско-краеведческая',
  SOCIAL_HUMANITARIAN: 'Социально-гуманитарная',
};

export const FUNDING_LABELS: Record<FundingType, string> = {
  CERTIFICATE: 'Доступна оплата сертификатом',
  BUDGET: 'Бесплатно (бюджет)',
  PAID: 'Платно',
};

export const FORMAT_LABELS: Record<ProgramFormat, string> = {
  IN_PERSON: 'Очно',
  ONLINE: 'Онлайн',
  MIXED: 'Очно и онлайн',
};

export const ORDER_LABELS: Record<ProgramOrder, string> = {
  RELEVANCE: 'Сначала подходящие',
  TITLE: 'По названию',
  PRICE_ASC: 'Сначала дешевле',
  PRICE_DESC: 'Сначала дороже',
  NEWEST: 'Сначала новые',
};

const WEEKDAYS = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];

export function weekdayShort(isoWeekday: number): string {
  return WEEKDAYS[isoWeekday - 1] ?? String(isoWeekday);
}

export function ageRange(from: number, to: number): string {
  return `${from}–${to} лет`;
}
