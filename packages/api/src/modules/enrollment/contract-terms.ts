import type { IsoDate } from '../../common/dates';
import { formatRub } from '../../common/money';
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
 * The contract runs from the later of the group's start and the day of the
 * offer (a contract never starts in the past; the month of the offer counts
 * whole, as charges are monthly) to the earlier of the group's end and the
 * end of the financing period (contracts end within their period).
 * Null when nothing of the group lies inside the period from today on.
 */
export function contractDates(group: { startsOn: IsoDate; endsOn: IsoDate }, period: { endsOn: IsoDate }, today: IsoDate): ContractDates | null {
  const startsOn = group.startsOn > today ? group.startsOn : today;
  const endsOn = group.endsOn < period.endsOn ? group.endsOn : period.endsOn;
  if (startsOn > endsOn) return null;
  return { startsOn, endsOn, months: monthsTouched(startsOn, endsOn) };
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
  certificateTotal: number;
  offerExpiresAt: Date;
}

function ruDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
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
    `Сертификат дополнительного образования № ${d.certificateNumber} оплачивает ${formatRub(d.certificateMonthlyShare)} в месяц; ` +
      `на весь срок договора на сертификате резервируется ${formatRub(d.certificateTotal)}.`,
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
