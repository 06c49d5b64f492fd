import { ruDateTime } from './format';
import type { Phrase } from './phrase';

const SIGNATURE = '\n\n— Навигатор дополнительного образования Амурской области';
const NOT_YOU = 'Если это были не вы, просто не отвечайте на это письмо.';

/** Letters about the account itself: e-mail only, never in-app notices. Links are single-use. */
export const accountPhrases = {
  confirmEmail(fullName: string, link: string): Phrase {
    return {
      kind: 'EMAIL_CONFIRMATION',
      title: 'Подтвердите адрес электронной почты',
      body:
        `Здравствуйте, ${fullName}!\n\nВы зарегистрировались в Навигаторе дополнительного образования. ` +
        `Чтобы добавлять детей и подавать заявки, подтвердите адрес почты по ссылке (она действует 48 часов):\n\n${link}\n\n${NOT_YOU}${SIGNATURE}`,
    };
  },

  /** To the owner of an address someone tried to register again: the registration answer itself never tells. */
  registrationAttempt(resetLink: string): Phrase {
    return {
      kind: 'REGISTRATION_ATTEMPT',
      title: 'Попытка зарегистрироваться с вашим адресом',
      body:
        `Здравствуйте!\n\nКто-то попытался зарегистрироваться в Навигаторе дополнительного образования с вашим адресом почты, ` +
        `но у вас уже есть учётная запись. Если это были вы и вы не помните пароль, задайте новый по ссылке (она действует 1 час):\n\n${resetLink}\n\n${NOT_YOU}${SIGNATURE}`,
    };
  },

  passwordReset(link: string): Phrase {
    return {
      kind: 'PASSWORD_RESET',
      title: 'Смена пароля',
      body:
        `Здравствуйте!\n\nМы получили запрос на смену пароля. Задайте новый пароль по ссылке (она действует 1 час):\n\n${link}\n\n` +
        `После смены пароля все другие входы в учётную запись будут завершены. ${NOT_YOU}${SIGNATURE}`,
    };
  },

  passwordChanged(at: Date): Phrase {
    return {
      kind: 'PASSWORD_CHANGED',
      title: 'Пароль изменён',
      body:
        `Здравствуйте!\n\nПароль вашей учётной записи изменён ${ruDateTime(at)} (время амурское), другие входы завершены. ` +
        `Если это были не вы, восстановите пароль на странице входа и напишите в муниципальный опорный центр.${SIGNATURE}`,
    };
  },

  accountClosed(): Phrase {
    return {
      kind: 'ACCOUNT_CLOSED',
      title: 'Согласие отозвано, учётная запись закрыта',
      body:
        `Здравствуйте!\n\nВы отозвали согласие на обработку персональных данных. Учётная запись закрыта, ваши данные и данные детей удалены или обезличены. ` +
        `Договоры, списания и операции по сертификату хранятся в сроки, установленные законом для бухгалтерского учёта.${SIGNATURE}`,
    };
  },
};
