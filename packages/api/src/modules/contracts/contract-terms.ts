import { addDays, type IsoDate, ruDate } from '../../common/dates';
import { formatRub } from '../../common/money';
import { pluralRu } from '../../common/russian';
import { FundingType } from '../catalog/catalog.enums';

export interface ContractDates {
  startsOn: IsoDate;
  endsOn: IsoDate;
  months: number;
}

/** Calendar months a span of days touches: 15 Nov – 31 Dec is 2. */
export function monthsTouched(startsOn: IsoDate, endsOn: IsoDate): number {
  const [sy, sm] = startsOn.split('-').map(Number);
  const [ey, em] = endsOn.split('-').map(Number);
  return (ey - sy) * 12 + (em - sm) + 1;
}

/**
 * The contract runs for the group's season: from the later of the group's
 * start and the day of the offer (a contract never starts in the past; the
 * month of the offer counts whole, as charges are monthly) to the group's
 * end. Financing periods fund it slice by slice (see `seasonSlices`).
 * Null when the group has already ended.
 */
export function contractDates(group: { startsOn: IsoDate; endsOn: IsoDate }, today: IsoDate): ContractDates | null {
  const startsOn = group.startsOn > today ? group.startsOn : today;
  if (startsOn > group.endsOn) return null;
  return { startsOn, endsOn: group.endsOn, months: monthsTouched(startsOn, group.endsOn) };
}

export interface PeriodBounds {
  id: string;
  year: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** The part of a contract one financing period pays for. */
export interface SeasonSlice {
  /** Null while the municipality has not set that period yet. */
  period: PeriodBounds | null;
  year: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
  months: number;
}

/**
 * A contract's days cut by the municipality's financing periods. Where a
 * period is not set yet, the slice follows the calendar year (the default
 * period) up to where the next set period begins, so the parent sees in
 * advance which year's nominal pays for which months.
 */
export function seasonSlices(span: { startsOn: IsoDate; endsOn: IsoDate }, periods: PeriodBounds[]): SeasonSlice[] {
  const slices: SeasonSlice[] = [];
  for (let cursor = span.startsOn; cursor <= span.endsOn; ) {
    const period = periods.find((p) => p.startsOn <= cursor && p.endsOn >= cursor) ?? null;
    const ends = [span.endsOn, period ? period.endsOn : `${cursor.slice(0, 4)}-12-31`];
    if (!period) {
      const next = periods.filter((p) => p.startsOn > cursor).map((p) => p.startsOn).sort()[0];
      if (next) ends.push(addDays(next, -1));
    }
    const sliceEnd = ends.sort()[0];
    slices.push({ period, year: period?.year ?? Number(cursor.slice(0, 4)), startsOn: cursor, endsOn: sliceEnd, months: monthsTouched(cursor, sliceEnd) });
    cursor = addDays(sliceEnd, 1);
  }
  return slices;
}

/** `28-ZEYA-2026-000123`: region, municipality, year of the offer, a region-wide sequence. */
export function contractNumber(regionCode: string, municipalityCode: string, year: number, sequence: number): string {
  return `${regionCode}-${municipalityCode.toUpperCase()}-${year}-${String(sequence).padStart(6, '0')}`;
}

export interface ContractTextData {
  number: string;
  organizationName: string;
  organizationAddress: string;
  parentName: string;
  childName: string;
  childBirthDate: IsoDate;
  programTitle: string;
  groupName: string;
  groupAddress: string;
  fundingType: FundingType;
  certificateNumber: string | null;
  startsOn: IsoDate;
  endsOn: IsoDate;
  months: number;
  monthlyPrice: number;
  certificateMonthlyShare: number;
  parentMonthlyCopayment: number;
  /** Per financing period: its months, the certificate's part, and whether it is blocked now or paid later from that year's nominal. */
  periods: { year: number; months: number; certificateAmount: number; blockedNow: boolean }[];
  offerExpiresAt: Date;
}


// Offers are read in the Amur region; its clocks run on Yakutsk time (UTC+9).
const amurDateTime = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Yakutsk', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

function paymentTerms(d: ContractTextData): string[] {
  if (d.fundingType === FundingType.BUDGET) {
    return ['Обучение бесплатное: оплачивается за счёт муниципального задания. Сертификат учёта подтверждает право ребёнка на обучение.'];
  }
  if (d.fundingType === FundingType.PAID) {
    return [`Стоимость обучения: ${formatRub(d.monthlyPrice)} в месяц, оплачивает Заказчик.`];
  }
  return [
    `Стоимость обучения: ${formatRub(d.monthlyPrice)} в месяц.`,
    `Сертификат дополнительного образования № ${d.certificateNumber} оплачивает ${formatRub(d.certificateMonthlyShare)} в месяц ` +
      `из номинала периода финансирования, в который входит месяц: ` +
      d.periods
        .map((p) => `${p.year} год — ${p.months} ${pluralRu(p.months, 'месяц', 'месяца', 'месяцев')}, ${formatRub(p.certificateAmount)}` +
          (p.blockedNow ? ' (резервируется на сертификате сейчас)' : ` (будет оплачено из номинала ${p.year} года)`))
        .join('; ') +
      '. Если номинал нового года не покроет эти месяцы, место за ребёнком сохраняется, а Заказчик выбирает: доплатить долю сертификата или расторгнуть договор.',
    d.parentMonthlyCopayment > 0 ? `Доплата Заказчика: ${formatRub(d.parentMonthlyCopayment)} в месяц.` : 'Доплата Заказчика не требуется.',
  ];
}

/** The offer as the parent reads it before signing, rendered from the contract's own terms. */
export function renderContractText(d: ContractTextData): string {
  const payment = paymentTerms(d);
  return [
    `ДОГОВОР ОБ ОБРАЗОВАНИИ № ${d.number}`,
    'по дополнительной общеобразовательной программе (оферта)',
    '',
    `Исполнитель: ${d.organizationName}, адрес: ${d.organizationAddress}.`,
    `Заказчик: ${d.parentName}, законный представитель обучающегося.`,
    `Обучающийся: ${d.childName}, дата рождения ${ruDate(d.childBirthDate)}.`,
    '',
    `1. Исполнитель обучает по программе «${d.programTitle}» в группе «${d.groupName}», адрес занятий: ${d.groupAddress}.`,
    `2. Срок действия договора: с ${ruDate(d.startsOn)} по ${ruDate(d.endsOn)} (месяцев: ${d.months}).`,
    ...payment.map((line, i) => `${3 + i}. ${line}`),
    `${3 + payment.length}. Оплата производится помесячно за фактически оказанные услуги. ` +
      'Любая сторона может расторгнуть договор, указав причину; расторжение вступает в силу в конце текущего месяца.',
    '',
    `Оферта действительна до ${amurDateTime.format(d.offerExpiresAt)} (время амурское). ` +
      'Договор заключается, когда Заказчик подписывает его в личном кабинете; неподписанная оферта аннулируется, место в группе освобождается.',
  ].join('\n');
}
