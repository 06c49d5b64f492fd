import type { IsoDate } from '../../../common/dates';
import { asSentence, rub, ruDate, ruDateTime } from './format';
import type { Phrase } from './phrase';

/** Whose application a notice is about, as the parent reads it. */
export interface ApplicationNames {
  childFirstName: string;
  programTitle: string;
}

const about = (n: ApplicationNames) => `${n.childFirstName}, «${n.programTitle}»`;

/** The parent's notices of an application's steps (kind `APPLICATION_<status>`), and the staff's of a new one. */
export const applicationPhrases = {
  submitted(n: ApplicationNames): Phrase {
    return {
      kind: 'APPLICATION_SUBMITTED',
      title: 'Заявка передана организации',
      body: `${about(n)}: заявка подана и передана организации. Ответ придёт сюда и на электронную почту.`,
    };
  },

  waitlisted(n: ApplicationNames, groupName: string, position: number): Phrase {
    return {
      kind: 'APPLICATION_WAITLISTED',
      title: 'Заявка в листе ожидания',
      body: `${about(n)}: мест в группе «${groupName}» сейчас нет, заявка в листе ожидания под номером ${position}. Когда место освободится, заявка сама перейдёт к организации.`,
    };
  },

  promoted(n: ApplicationNames, groupName: string): Phrase {
    return {
      kind: 'APPLICATION_SUBMITTED',
      title: 'Освободилось место: заявка передана организации',
      body: `${about(n)}: в группе «${groupName}» освободилось место, и заявка из листа ожидания передана организации.`,
    };
  },

  confirmed(n: ApplicationNames, contractNumber: string, offerExpiresAt: Date, blocked: number): Phrase {
    return {
      kind: 'APPLICATION_CONFIRMED',
      title: 'Заявка подтверждена: подпишите договор',
      body:
        `${about(n)}: организация подтвердила заявку. Подпишите договор № ${contractNumber} в личном кабинете до ${ruDateTime(offerExpiresAt)} (время амурское).` +
        (blocked > 0 ? ` На сертификате заблокировано ${rub(blocked)}.` : ''),
    };
  },

  enrolled(n: ApplicationNames, contractNumber: string, startsOn: IsoDate, endsOn: IsoDate): Phrase {
    return {
      kind: 'APPLICATION_ENROLLED',
      title: 'Договор подписан',
      body: `${about(n)}: договор № ${contractNumber} подписан и действует с ${ruDate(startsOn)} по ${ruDate(endsOn)}.`,
    };
  },

  rejected(n: ApplicationNames, reason: string): Phrase {
    return { kind: 'APPLICATION_REJECTED', title: 'Заявка отклонена', body: `${about(n)}: организация отклонила заявку. Причина: ${asSentence(reason)}` };
  },

  cancelled(n: ApplicationNames): Phrase {
    return { kind: 'APPLICATION_CANCELLED', title: 'Заявка отменена', body: `${about(n)}: заявка отменена по вашей просьбе.` };
  },

  expired(n: ApplicationNames, contractNumber: string, offerExpiresAt: Date): Phrase {
    return {
      kind: 'APPLICATION_EXPIRED',
      title: 'Срок подписания договора истёк',
      body: `${about(n)}: договор № ${contractNumber} не подписан до ${ruDateTime(offerExpiresAt)}. Место в группе освобождено, заблокированные средства вернулись на сертификат.`,
    };
  },

  /** Staff: an application to review. */
  newApplication(childFullName: string, programTitle: string, groupName: string): Phrase {
    return { kind: 'NEW_APPLICATION', title: 'Новая заявка', body: `${childFullName}: заявка на программу «${programTitle}», группа «${groupName}».` };
  },

  /** Staff: a waitlisted application moved up. */
  promotedForStaff(groupName: string): Phrase {
    return { kind: 'NEW_APPLICATION', title: 'Заявка из листа ожидания', body: `В группе «${groupName}» освободилось место: заявка из листа ожидания передана на рассмотрение.` };
  },
};
