import { asSentence, rub } from './format';
import type { Phrase } from './phrase';

/** `октябрь 2026`: reads right after «за». */
type MonthName = string;

export const chargePhrases = {
  recorded(programTitle: string, contractNumber: string, month: MonthName, amount: number, copayment: number): Phrase {
    return {
      kind: 'CHARGE_RECORDED',
      title: 'Списание с сертификата',
      body:
        `«${programTitle}», договор № ${contractNumber}: за ${month} с сертификата списано ${rub(amount)}.` +
        (copayment > 0 ? ` Ваша доплата за месяц: ${rub(copayment)}.` : ''),
    };
  },

  corrected(programTitle: string, month: MonthName, before: number, after: number, comment: string): Phrase {
    return {
      kind: 'CHARGE_CORRECTED',
      title: 'Списание исправлено',
      body: `«${programTitle}», ${month}: списание с сертификата исправлено — было ${rub(before)}, стало ${rub(after)}. Причина: ${asSentence(comment)}`,
    };
  },
};
