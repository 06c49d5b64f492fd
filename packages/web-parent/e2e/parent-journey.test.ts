import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPhoneContext, screenshot, useSystemAndBrowser } from '../../../testing/e2e-system';
import { checkScreen } from '../../../testing/axe';
import { tabTo } from '../../../testing/keyboard';
import { birthDateForAge, blockedBy, childAgeFor, confirmApplicationOf, followLetter, plainText, registerInBrowser, signInInBrowser, rub, staffGroups, type TargetGroup, validSnils, verifyAndFinance } from './helpers';

/**
 * The whole parent journey on a phone: register, add a child, get a certificate (checked by
 * provider staff and financed by the МОЦ through the API, as they do in their own cabinet),
 * find a program, apply, and follow the certificate's money through confirmation and signing.
 */
describe('a parent on a phone, from registration to a signed contract', () => {
  const env = useSystemAndBrowser();
  let page: Page;
  let staff: string;
  let operator: string;
  let target: TargetGroup;
  let nominal: number;
  let zeyaId: string;
  let certificateNumber: string;
  let childId: string;
  const child = { lastName: 'Соколов', firstName: 'Миша', middleName: 'Андреевич' };

  beforeAll(async () => {
        page = await (await newPhoneContext(env.browser)).newPage();
    staff = await env.system.login('staff@demo.ru');
    operator = await env.system.login('operator@demo.ru');
    [target] = await staffGroups(env.system, staff, { certificate: true });
    const muni = await env.system.gql(`{ municipalities { id code currentPeriod { nominal } } }`);
    const zeya = muni.data.municipalities.find((m: { code: string }) => m.code === 'zeya');
    nominal = zeya.currentPeriod.nominal;
    zeyaId = zeya.id;
  });
  afterEach(async ({ task }) => {
    // What the parent saw when a step failed is the first thing to look at.
    if (task.result?.state === 'fail') await screenshot(page, `failed-journey-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  it('registers, confirms the e-mail from the mailbox, and adds a child, with the SNILS checked while typing', async () => {
    const person = { fullName: 'Соколова Ирина Викторовна', email: 'irina.sokolova@example.ru', password: 'надёжный-пароль' };
    await registerInBrowser(page, env.system.baseUrl, person);
    await checkScreen(page, 'parent-registered-check-mail');
    // Signed in but unconfirmed: the cabinet says so, and adding a child waits for the letter's link.
    await signInInBrowser(page, env.system.baseUrl, person.email, person.password);
    await page.getByText('Подтвердите адрес электронной почты').waitFor();
    await page.getByRole('button', { name: 'Отправить письмо ещё раз' }).isVisible();
    await followLetter(page, env.system, person.email, 'Подтвердите адрес');
    await page.getByText('Почта подтверждена').waitFor();
    await checkScreen(page, 'parent-email-confirmed');
    await page.getByRole('link', { name: 'Перейти к детям' }).click();
    await page.getByRole('heading', { name: 'Дети и сертификаты' }).waitFor();
    await expect(page.getByText('Подтвердите адрес электронной почты').count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Добавить ребёнка' }).click();
    await page.getByRole('textbox', { name: 'Фамилия', exact: true }).fill(child.lastName);
    await page.getByRole('textbox', { name: 'Имя', exact: true }).fill(child.firstName);
    await page.getByRole('textbox', { name: 'Отчество', exact: true }).fill(child.middleName);
    await page.getByLabel('Мальчик').check();
    await page.getByLabel('Дата рождения').fill(birthDateForAge(target.startsOn, childAgeFor(target)));
    const snils = page.getByRole('textbox', { name: 'СНИЛС ребёнка', exact: true });
    const good = validSnils();
    const wrong = good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10);
    await snils.pressSequentially(wrong.replace(/\D/g, ''));
    await expect(snils.inputValue()).resolves.toBe(wrong);
    await expect(page.getByText('Контрольное число не сходится').isVisible()).resolves.toBe(true);
    await snils.fill('');
    await snils.pressSequentially(good.replace(/\D/g, ''));
    await page.getByLabel('СНИЛС указан верно').waitFor();
    await checkScreen(page, 'parent-add-child');
    await page.getByRole('button', { name: 'Добавить ребёнка' }).click();
    await page.getByRole('article', { name: `${child.lastName} ${child.firstName} ${child.middleName}` }).waitFor();
  });

  it('requests a certificate and sees it financed once staff and the МОЦ have done their part', async () => {
    await page.getByRole('link', { name: 'Получить сертификат' }).click();
    await page.getByRole('button', { name: 'Получить сертификат' }).click();
    await page.getByText('Сертификат создан, но ещё не подтверждён').waitFor();
    certificateNumber = (await plainText(page)).match(/№ (28\d{8})/)![1];
    childId = new URL(page.url()).pathname.split('/')[2];

    await verifyAndFinance(env.system, certificateNumber, staff, operator);
    await page.reload();
    await page.getByText('Деньги сертификата').waitFor();
    const text = await plainText(page);
    expect(text).toContain('Сертификат персонифицированного финансирования');
    expect(text).toMatch(new RegExp(`Доступно.*${rub(nominal)}`));
    expect(await page.getByTestId('ledger-line').count()).toBeGreaterThan(0);
    await checkScreen(page, 'parent-certificate');
  });

  it('finds the program by search and applies with the keyboard alone, seeing what confirmation would block', async () => {
    // The catalog of Zeya, as a link to it opens; from here on only the keyboard, as a parent who cannot use a mouse or a touch screen.
    await page.goto(`${env.system.baseUrl}/?municipality=${zeyaId}`);
    await tabTo(page, /Что ищем/);
    await page.keyboard.type(target.title);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(target.title);
    await tabTo(page, new RegExp(`^${target.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), { within: { selector: 'article', text: target.organizationShortName }, limit: 200 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Группы' }).waitFor();
    await tabTo(page, /^Записаться$/, { within: { selector: `section[aria-label="Группа ${target.groupName}"]`, text: '' } });
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Запись в группу' }).waitFor();
    await tabTo(page, new RegExp(`${child.lastName} ${child.firstName} ${child.middleName}`));
    await page.keyboard.press('Space');
    await expect(page.getByLabel(`${child.lastName} ${child.firstName} ${child.middleName}`).isChecked()).resolves.toBe(true);
    await expect(plainText(page)).resolves.toContain(`На сертификате доступно ${rub(nominal)}`);
    await checkScreen(page, 'parent-apply');
    await tabTo(page, /^Подать заявку$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Заявки и договоры' }).waitFor();
    await expect(page.getByTestId('application-status').first().textContent()).resolves.toBe('На рассмотрении');
  });

  it('sees the blocked sum after the organization confirms, signs, and sees it committed', async () => {
    const confirmed = await confirmApplicationOf(env.system, staff, target.groupId, childId);
    expect(confirmed.errors).toBeUndefined();
    const blocked = blockedBy(confirmed.data.confirmApplication.contract);
    expect(blocked).toBeGreaterThan(0);

    await page.reload();
    await expect(page.getByTestId('application-status').first().textContent()).resolves.toBe('Подтверждена — ждёт подписи договора');
    await expect(page.getByTestId('next-step').first().textContent().then((t) => t!.replace(/[\u00a0\u202f]/g, ' '))).resolves.toContain(`На сертификате заблокировано ${rub(blocked)}`);
    await checkScreen(page, 'parent-applications');

    await page.getByRole('link', { name: 'Открыть договор и подписать' }).click();
    await page.getByTestId('certificate-total').waitFor();
    await expect(plainText(page, '[data-testid="certificate-total"]')).resolves.toBe(`Заблокировано на сертификате под этот договор: ${rub(blocked)}`);
    await expect(plainText(page, 'tr[data-part="blocked"]')).resolves.toContain(rub(blocked));
    await expect(plainText(page, 'tr[data-part="available"]')).resolves.toContain(rub(nominal - blocked));
    await checkScreen(page, 'parent-contract-offer');

    await page.getByRole('button', { name: 'Подписать' }).click();
    const dialog = page.getByRole('dialog', { name: 'Подписать договор?' });
    await expect(dialog.textContent().then((t) => t!.replace(/[\u00a0\u202f]/g, ' '))).resolves.toContain(rub(blocked));
    await dialog.getByRole('button', { name: 'Подписать' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('contract-status').textContent()).toBe('Действует');
    await expect(plainText(page, '[data-testid="certificate-total"]')).resolves.toBe(`Закреплено за договором (обязательства): ${rub(blocked)}`);
    // The signing answer updates the status at once; the account follows with the refetch.
    await expect.poll(() => plainText(page, 'tr[data-part="committed"]')).toContain(rub(blocked));
    await expect(plainText(page, 'tr[data-part="blocked"]')).resolves.toContain(rub(0));
    await expect(plainText(page, 'tr[data-part="available"]')).resolves.toContain(rub(nominal - blocked));
    await checkScreen(page, 'parent-contract-signed');
  });

  it('sees the month charged and terminates with a reason, getting the later months back', async () => {
    const contractId = new URL(page.url()).pathname.split('/')[2];
    const contract = await env.system.gql(`query($id: ID!) { contract(id: $id) { startsOn } }`, { id: contractId }, staff);
    const month = contract.data.contract.startsOn.slice(0, 7);
    const charged = await env.system.gql(
      `mutation($i: RecordChargesInput!) { recordCharges(input: $i) { errorCode errorMessage } }`,
      { i: { month, items: [{ contractId, amount: 10_000, lessonsPlanned: 2, lessonsAttended: 2 }] } },
      staff,
    );
    expect(charged.data.recordCharges[0].errorCode).toBeNull();

    await page.reload();
    await page.getByRole('table', { name: 'Списания по месяцам' }).waitFor();
    await expect(plainText(page, 'table[aria-label="Списания по месяцам"]')).resolves.toContain(rub(10_000));
    await expect(plainText(page, 'tr[data-part="spent"]')).resolves.toContain(rub(10_000));
    const availableBefore = await plainText(page, 'tr[data-part="available"]');

    await page.getByRole('button', { name: 'Расторгнуть договор' }).click();
    const dialog = page.getByRole('dialog', { name: 'Расторгнуть договор?' });
    await dialog.getByRole('button', { name: 'Расторгнуть' }).click();
    await dialog.getByText('Напишите причину').waitFor();
    await dialog.getByRole('textbox', { name: 'Причина', exact: true }).fill('Переезжаем в другой город');
    await dialog.getByRole('button', { name: 'Расторгнуть' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The termination takes effect at the end of the pinned day's month (the system lives on E2E_TODAY).
    await expect.poll(() => page.getByTestId('contract-status').textContent()).toBe('Расторгнут, занятия по 31.10.2026');
    await expect.poll(() => plainText(page, 'tr[data-part="available"]')).not.toBe(availableBefore);
    await expect(plainText(page)).resolves.toContain('Переезжаем в другой город');
    await checkScreen(page, 'parent-contract-terminated');

    // The applications list says the same as the contract page.
    await page.getByRole('link', { name: '← Заявки и договоры' }).click();
    await page.getByRole('heading', { name: 'Заявки и договоры' }).waitFor();
    await expect(page.getByTestId('application-status').first().textContent()).resolves.toBe('Расторгнут, занятия по 31.10.2026');
  });

  it('finds the confirmation among the notifications under the bell', async () => {
    const bell = page.getByRole('button', { name: /^Уведомления: непрочитанных \d+/ });
    await bell.click();
    await page.getByRole('list', { name: 'Уведомления' }).waitFor();
    expect(await page.getByRole('list', { name: 'Уведомления' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await checkScreen(page, 'parent-notifications');
    await page.getByRole('button', { name: 'Отметить все прочитанными' }).click();
    await page.getByRole('button', { name: 'Уведомления', exact: true }).waitFor();
  });
});
