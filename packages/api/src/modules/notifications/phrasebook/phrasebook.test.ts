import { describe, expect, it } from 'vitest';
import { accountPhrases } from './accounts';
import { applicationPhrases } from './applications';
import { chargePhrases } from './charges';
import { contractPhrases } from './contracts';
import { monthSpan, monthsCount, ruDateTime, rub } from './format';
import { fundingPhrases } from './funding';

const n = { childFirstName: 'Артём', programTitle: 'Робототехника' };
const c = { ...n, number: '28-ZEYA-2026-000123' };
const NBSP = '\u00a0';

/** Every notice kind, word for word: grammatical Russian, dates dd.mm.yyyy in Amur time, money «1 234,56 ₽». */
describe('the phrasebook', () => {
  it('formats money, dates, month spans and counts the Russian way', () => {
    expect(rub(123_456)).toBe(`1${NBSP}234,56${NBSP}₽`);
    // 09:00 UTC is 18:00 in Blagoveshchensk and Zeya.
    expect(ruDateTime(new Date('2026-12-07T09:00:00Z'))).toBe('07.12.2026, 18:00');
    expect(monthSpan('2027-01-01', '2027-05-31')).toBe('январь – май 2027');
    expect(monthSpan('2026-12-02', '2027-05-31')).toBe('декабрь 2026 – май 2027');
    expect(monthSpan('2027-01-11', '2027-01-31')).toBe('январь 2027');
    expect([1, 2, 5, 11, 21, 22, 112].map(monthsCount)).toEqual(['1 месяц', '2 месяца', '5 месяцев', '11 месяцев', '21 месяц', '22 месяца', '112 месяцев']);
  });

  it('tells the parent each step of an application', () => {
    expect(applicationPhrases.submitted(n)).toEqual({
      kind: 'APPLICATION_SUBMITTED',
      title: 'Заявка передана организации',
      body: 'Артём, «Робототехника»: заявка подана и передана организации. Ответ придёт сюда и на электронную почту.',
    });
    expect(applicationPhrases.waitlisted(n, 'Группа 1', 3).body).toBe(
      'Артём, «Робототехника»: мест в группе «Группа 1» сейчас нет, заявка в листе ожидания под номером 3. Когда место освободится, заявка сама перейдёт к организации.',
    );
    expect(applicationPhrases.promoted(n, 'Группа 1')).toEqual({
      kind: 'APPLICATION_SUBMITTED',
      title: 'Освободилось место: заявка передана организации',
      body: 'Артём, «Робототехника»: в группе «Группа 1» освободилось место, и заявка из листа ожидания передана организации.',
    });
    expect(applicationPhrases.confirmed(n, c.number, new Date('2026-12-07T09:00:00Z'), 180_000)).toEqual({
      kind: 'APPLICATION_CONFIRMED',
      title: 'Заявка подтверждена: подпишите договор',
      body: `Артём, «Робототехника»: организация подтвердила заявку. Подпишите договор № 28-ZEYA-2026-000123 в личном кабинете до 07.12.2026, 18:00 (время амурское). На сертификате заблокировано 1${NBSP}800,00${NBSP}₽.`,
    });
    expect(applicationPhrases.enrolled(n, c.number, '2026-12-02', '2027-05-31')).toEqual({
      kind: 'APPLICATION_ENROLLED',
      title: 'Договор подписан',
      body: 'Артём, «Робототехника»: договор № 28-ZEYA-2026-000123 подписан и действует с 02.12.2026 по 31.05.2027.',
    });
    expect(applicationPhrases.rejected(n, 'Группа укомплектована').body).toBe('Артём, «Робототехника»: организация отклонила заявку. Причина: Группа укомплектована.');
    expect(applicationPhrases.cancelled(n)).toEqual({ kind: 'APPLICATION_CANCELLED', title: 'Заявка отменена', body: 'Артём, «Робототехника»: заявка отменена по вашей просьбе.' });
    expect(applicationPhrases.expired(n, c.number, new Date('2026-12-07T09:00:00Z')).body).toBe(
      'Артём, «Робототехника»: договор № 28-ZEYA-2026-000123 не подписан до 07.12.2026, 18:00. Место в группе освобождено, заблокированные средства вернулись на сертификат.',
    );
    expect(applicationPhrases.newApplication('Иванов Артём', 'Робототехника', 'Группа 1')).toEqual({
      kind: 'NEW_APPLICATION',
      title: 'Новая заявка',
      body: 'Иванов Артём: заявка на программу «Робототехника», группа «Группа 1».',
    });
    expect(applicationPhrases.promotedForStaff('Группа 1').body).toBe('В группе «Группа 1» освободилось место: заявка из листа ожидания передана на рассмотрение.');
  });

  it('tells how a contract ended, never calling a termination a completion', () => {
    expect(contractPhrases.terminated(n, c.number, 'PARENT', '2026-12-31', 'Переезд.', 90_000)).toEqual({
      kind: 'APPLICATION_ENDED',
      title: 'Договор расторгнут',
      body: `Артём, «Робототехника», договор № 28-ZEYA-2026-000123: договор расторгнут по вашему заявлению и действует по 31.12.2026 включительно. Причина: Переезд. На сертификат возвращено 900,00${NBSP}₽.`,
    });
    expect(contractPhrases.terminated(n, c.number, 'NO_DECISION', '2027-01-31', 'срок истёк', 0).body).toContain('так как решение об оплате не было принято в срок и действует по 31.01.2027');
    expect(contractPhrases.terminatedByParent(n, c.number, '2026-12-31', 'Переезд.')).toEqual({
      kind: 'CONTRACT_TERMINATED',
      title: 'Родитель расторг договор',
      body: 'Артём, «Робототехника», договор № 28-ZEYA-2026-000123: родитель расторг договор, он действует по 31.12.2026 включительно. Причина: Переезд.',
    });
    expect(contractPhrases.completed(n, c.number, '2027-05-31', 0)).toEqual({
      kind: 'APPLICATION_ENDED',
      title: 'Обучение по договору завершено',
      body: 'Артём, «Робототехника», договор № 28-ZEYA-2026-000123: обучение завершено 31.05.2027.',
    });
    expect(contractPhrases.remainderReturned(n, c.number, '2026-12-31', 50_000).body).toBe(
      `Артём, «Робототехника», договор № 28-ZEYA-2026-000123: договор закончился 31.12.2026, неиспользованные 500,00${NBSP}₽ вернулись на сертификат.`,
    );
  });

  it('tells the parent how a new year funds a continuing contract, or asks them to decide', () => {
    const slice = { year: 2027, startsOn: '2027-01-01', endsOn: '2027-05-31', months: 5, amount: 900_000 };
    expect(fundingPhrases.funded(c, slice)).toEqual({
      kind: 'CONTRACT_FUNDED',
      title: 'Обучение продолжается в 2027 году',
      body: `Артём, «Робототехника», договор № 28-ZEYA-2026-000123: из номинала 2027 года на сертификате зарезервировано 9${NBSP}000,00${NBSP}₽ за январь – май 2027 (5 месяцев). Место в группе сохраняется, ничего делать не нужно.`,
    });
    expect(fundingPhrases.awaiting(c, slice, 'NOT_FINANCING', '2027-01-15', 200_000)).toEqual({
      kind: 'CONTRACT_AWAITING_FUNDING',
      title: 'Договор ждёт финансирования: нужно ваше решение',
      body:
        'Артём, «Робототехника», договор № 28-ZEYA-2026-000123: сертификат не получил финансирование на 2027 год (лимит сертификатов муниципалитета исчерпан или сертификат не действует), ' +
        'поэтому январь – май 2027 сертификатом не оплачены. Место в группе за ребёнком сохраняется. До 15.01.2027 выберите в личном кабинете: оплачивать обучение самостоятельно ' +
        `(2${NBSP}000,00${NBSP}₽ в месяц) или расторгнуть договор. Если финансирование поступит раньше, договор продолжится сам. Без решения договор будет расторгнут в конце месяца, в котором истечёт срок.`,
    });
    expect(fundingPhrases.awaiting(c, slice, 'SUSPENDED', '2027-01-15', 200_000).body).toContain(': сертификат приостановлен, поэтому');
    expect(fundingPhrases.awaiting(c, slice, 'TOO_LITTLE', '2027-01-15', 200_000).body).toContain(': номинала 2027 года не хватает на все договоры ребёнка, поэтому');
    expect(fundingPhrases.parentPays(c, slice, 200_000)).toEqual({
      kind: 'CONTRACT_PARENT_PAYS',
      title: 'Обучение продолжается за ваш счёт',
      body: `Артём, «Робототехника», договор № 28-ZEYA-2026-000123: за январь – май 2027 вы оплачиваете обучение организации сами — 2${NBSP}000,00${NBSP}₽ в месяц. Сертификат за эти месяцы не списывается.`,
    });
    expect(fundingPhrases.staffAwaiting(c, 2027, '2027-01-15')).toEqual({
      kind: 'CONTRACT_AWAITING_FUNDING',
      title: 'Договор ждёт финансирования',
      body: 'Артём, «Робототехника», договор № 28-ZEYA-2026-000123: 2027 год сертификатом не оплачен. Место сохраняется до решения родителя (до 15.01.2027); списания за эти месяцы невозможны.',
    });
  });

  it('tells the parent of each charge and correction', () => {
    expect(chargePhrases.recorded('Робототехника', c.number, 'октябрь 2026', 180_000, 20_000)).toEqual({
      kind: 'CHARGE_RECORDED',
      title: 'Списание с сертификата',
      body: `«Робототехника», договор № 28-ZEYA-2026-000123: за октябрь 2026 с сертификата списано 1${NBSP}800,00${NBSP}₽. Ваша доплата за месяц: 200,00${NBSP}₽.`,
    });
    expect(chargePhrases.corrected('Робототехника', 'октябрь 2026', 180_000, 90_000, 'Болел полмесяца.')).toEqual({
      kind: 'CHARGE_CORRECTED',
      title: 'Списание исправлено',
      body: `«Робототехника», октябрь 2026: списание с сертификата исправлено — было 1${NBSP}800,00${NBSP}₽, стало 900,00${NBSP}₽. Причина: Болел полмесяца.`,
    });
  });
});

describe('account letters', () => {
  it('asks to confirm the address with a link that works 48 hours', () => {
    const p = accountPhrases.confirmEmail('Петрова Анна Сергеевна', 'http://localhost:4000/confirm-email?token=abc');
    expect(p.title).toBe('Подтвердите адрес электронной почты');
    expect(p.body).toBe(
      'Здравствуйте, Петрова Анна Сергеевна!\n\nВы зарегистрировались в Навигаторе дополнительного образования. Чтобы добавлять детей и подавать заявки, подтвердите адрес почты по ссылке (она действует 48 часов):\n\nhttp://localhost:4000/confirm-email?token=abc\n\nЕсли это были не вы, просто не отвечайте на это письмо.\n\n— Навигатор дополнительного образования Амурской области',
    );
  });

  it('tells the owner of a registered address about a second registration, and offers a reset', () => {
    const p = accountPhrases.registrationAttempt('http://x/reset-password?token=t');
    expect(p.title).toBe('Попытка зарегистрироваться с вашим адресом');
    expect(p.body).toContain('у вас уже есть учётная запись');
    expect(p.body).toContain('http://x/reset-password?token=t');
  });

  it('dates a password change in Amur time', () => {
    expect(accountPhrases.passwordChanged(new Date('2026-12-07T09:00:00Z')).body).toContain('изменён 07.12.2026, 18:00 (время амурское)');
  });

  it('says what stays after consent is withdrawn', () => {
    expect(accountPhrases.accountClosed().body).toContain('Договоры, списания и операции по сертификату хранятся');
    expect(accountPhrases.passwordReset('L').body).toContain('по ссылке (она действует 1 час):\n\nL\n\n');
  });
});
