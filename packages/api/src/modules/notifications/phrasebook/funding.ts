import type { IsoDate } from '../../../common/dates';
import type { Phrase } from './phrase';
import { monthSpan, monthsCount, ruDate, rub } from './format';

/** What a contract notice names: which contract, which child, which program. */
export interface ContractNames {
  number: string;
  childFirstName: string;
  programTitle: string;
}

export interface FundedSlice {
  year: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
  months: number;
  amount: number;
}

/** Why a new period could not pay for a contract, as the parent is told. */
export type UnfundedReason = 'NOT_FINANCING' | 'SUSPENDED' | 'TOO_LITTLE';

const REASONS: Record<UnfundedReason, (year: number) => string> = {
  NOT_FINANCING: (year) => `сертификат не получил финансирование на ${year} год (лимит сертификатов муниципалитета исчерпан или сертификат не действует)`,
  SUSPENDED: () => 'сертификат приостановлен',
  TOO_LITTLE: (year) => `номинала ${year} года не хватает на все договоры ребёнка`,
};

const about = (c: ContractNames) => `${c.childFirstName}, «${c.programTitle}», договор № ${c.number}`;

export const fundingPhrases = {
  /** The new period paid the contract's months: the seat continues. */
  funded(c: ContractNames, slice: FundedSlice): Phrase {
    return {
      kind: 'CONTRACT_FUNDED',
      title: `Обучение продолжается в ${slice.year} году`,
      body:
        `${about(c)}: из номинала ${slice.year} года на сертификате зарезервировано ${rub(slice.amount)} ` +
        `за ${monthSpan(slice.startsOn, slice.endsOn)} (${monthsCount(slice.months)}). Место в группе сохраняется, ничего делать не нужно.`,
    };
  },

  /** The new period could not pay: the seat is kept, the parent must choose by the deadline. */
  awaiting(c: ContractNames, slice: FundedSlice, reason: UnfundedReason, deadline: IsoDate, monthlyPrice: number): Phrase {
    return {
      kind: 'CONTRACT_AWAITING_FUNDING',
      title: 'Договор ждёт финансирования: нужно ваше решение',
      body:
        `${about(c)}: ${REASONS[reason](slice.year)}, поэтому ${monthSpan(slice.startsOn, slice.endsOn)} сертификатом не оплачены. ` +
        `Место в группе за ребёнком сохраняется. До ${ruDate(deadline)} выберите в личном кабинете: оплачивать обучение самостоятельно ` +
        `(${rub(monthlyPrice)} в месяц) или расторгнуть договор. Если финансирование поступит раньше, договор продолжится сам. ` +
        `Без решения договор будет расторгнут в конце месяца, в котором истечёт срок.`,
    };
  },

  /** The parent chose to pay the unfunded months. */
  parentPays(c: ContractNames, slice: FundedSlice, monthlyPrice: number): Phrase {
    return {
      kind: 'CONTRACT_PARENT_PAYS',
      title: 'Обучение продолжается за ваш счёт',
      body: `${about(c)}: за ${monthSpan(slice.startsOn, slice.endsOn)} вы оплачиваете обучение организации сами — ${rub(monthlyPrice)} в месяц. Сертификат за эти месяцы не списывается.`,
    };
  },

  /** Staff: a contract of theirs waits for funding. */
  staffAwaiting(c: ContractNames, year: number, deadline: IsoDate): Phrase {
    return {
      kind: 'CONTRACT_AWAITING_FUNDING',
      title: 'Договор ждёт финансирования',
      body: `${about(c)}: ${year} год сертификатом не оплачен. Место сохраняется до решения родителя (до ${ruDate(deadline)}); списания за эти месяцы невозможны.`,
    };
  },
};
