import type { IsoDate } from '../../../common/dates';
import { asSentence, rub, ruDate } from './format';
import type { Phrase } from './phrase';
import type { ApplicationNames } from './applications';

const about = (n: ApplicationNames, number: string) => `${n.childFirstName}, «${n.programTitle}», договор № ${number}`;

/** Who ended a contract, as the notice says it: «расторгнут родителем». */
export type TerminatedBy = 'PARENT' | 'ORGANIZATION' | 'NO_DECISION';

const BY: Record<TerminatedBy, string> = {
  PARENT: 'по вашему заявлению',
  ORGANIZATION: 'организацией',
  NO_DECISION: 'так как решение об оплате не было принято в срок',
};

/** The ends of a contract (kind `APPLICATION_ENDED` for the parent: the application ends with its contract). */
export const contractPhrases = {
  terminated(n: ApplicationNames, number: string, by: TerminatedBy, endsOn: IsoDate, reason: string, released: number): Phrase {
    return {
      kind: 'APPLICATION_ENDED',
      title: 'Договор расторгнут',
      body:
        `${about(n, number)}: договор расторгнут ${BY[by]} и действует по ${ruDate(endsOn)} включительно. Причина: ${asSentence(reason)}` +
        (released > 0 ? ` На сертификат возвращено ${rub(released)}.` : ''),
    };
  },

  /** Staff: the parent ended a contract. */
  terminatedByParent(n: ApplicationNames, number: string, endsOn: IsoDate, reason: string): Phrase {
    return {
      kind: 'CONTRACT_TERMINATED',
      title: 'Родитель расторг договор',
      body: `${about(n, number)}: родитель расторг договор, он действует по ${ruDate(endsOn)} включительно. Причина: ${asSentence(reason)}`,
    };
  },

  completed(n: ApplicationNames, number: string, endsOn: IsoDate, remainder: number): Phrase {
    return {
      kind: 'APPLICATION_ENDED',
      title: 'Обучение по договору завершено',
      body: `${about(n, number)}: обучение завершено ${ruDate(endsOn)}.` + (remainder > 0 ? ` Неиспользованные ${rub(remainder)} вернулись на сертификат.` : ''),
    };
  },

  /** A terminated contract reached its end and returned what its last months did not use. */
  remainderReturned(n: ApplicationNames, number: string, endsOn: IsoDate, remainder: number): Phrase {
    return {
      kind: 'CONTRACT_COMPLETED',
      title: 'Остаток по договору вернулся на сертификат',
      body: `${about(n, number)}: договор закончился ${ruDate(endsOn)}, неиспользованные ${rub(remainder)} вернулись на сертификат.`,
    };
  },
};
