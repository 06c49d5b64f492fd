import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPhoneContext, screenshot, useSystemAndBrowser } from '../../../testing/e2e-system';
import { checkScreen } from '../../../testing/axe';
import { birthDateForAge, childAgeFor, confirmApplicationOf, financedParent, PARENT_PASSWORD, plainText, rub, staffGroups, type TargetGroup } from './helpers';

/** What a parent sees when the system says no: a full group and a certificate without enough money. */
describe('error paths a parent meets', () => {
  const env = useSystemAndBrowser();
  let page: Page;
  let staff: string;
  let operator: string;
  let targets: TargetGroup[];

  beforeAll(async () => {
        staff = await env.system.login('staff@demo.ru');
    operator = await env.system.login('operator@demo.ru');
    targets = await staffGroups(env.system, staff, { certificate: true });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await screenshot(page, `failed-errors-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  async function signIn(email: string): Promise<void> {
    page = await (await newPhoneContext(env.browser)).newPage();
    await page.goto(`${env.system.baseUrl}/login`);
    await page.getByRole('textbox', { name: 'Электронная почта', exact: true }).fill(email);
    await page.getByLabel('Пароль').fill(PARENT_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: /^Профиль:/ }).waitFor();
  }

  it('puts the application on the waitlist of a full group and says which place it has', async () => {
    const target = targets[0];
    const birthDate = birthDateForAge(target.startsOn, childAgeFor(target));
    const full = await env.system.gql(`mutation($i: UpdateGroupInput!) { updateGroup(input: $i) { capacity } }`, { i: { groupId: target.groupId, capacity: 1 } }, staff);
    expect(full.errors).toBeUndefined();
    const first = await financedParent(env.system, staff, operator, birthDate, 'первый');
    const submitted = await env.system.gql(`mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { status } }`, { i: { childId: first.childId, groupId: target.groupId } }, first.token);
    expect(submitted.data.submitApplication.status).toBe('SUBMITTED');
    expect((await confirmApplicationOf(env.system, staff, target.groupId, first.childId)).errors).toBeUndefined();

    const second = await financedParent(env.system, staff, operator, birthDate, 'второй');
    await signIn(second.email);
    await page.goto(`${env.system.baseUrl}/programs/${target.programId}`);
    const group = page.getByRole('region', { name: `Группа ${target.groupName}` });
    await group.getByText('Свободных мест нет').waitFor();
    await group.getByRole('link', { name: 'Встать в очередь' }).click();
    await page.getByText('В группе сейчас нет свободных мест').waitFor();
    await page.getByLabel('Тестов второй').check();
    await page.getByRole('button', { name: 'Встать в лист ожидания' }).click();
    await page.getByText('Мест нет — заявка в листе ожидания, место 1.').waitFor();
    await expect(page.getByTestId('application-status').first().textContent()).resolves.toBe('В листе ожидания');
    await expect(page.getByTestId('next-step').first().textContent()).resolves.toContain('место 1');
    await checkScreen(page, 'parent-waitlisted');
  });

  it('warns before applying when the certificate cannot cover the block, and the refused confirmation changes nothing', async () => {
    const target = targets.find((t) => t.programId !== targets[0].programId)!;
    // The МОЦ sets a small nominal; certificates financed from now on get it.
    const muni = await env.system.gql(`{ municipalities { id code currentPeriod { year startsOn endsOn financingLimit } } }`);
    const zeya = muni.data.municipalities.find((m: { code: string }) => m.code === 'zeya');
    const small = 10_000;
    const { year, startsOn, endsOn, financingLimit } = zeya.currentPeriod;
    const set = await env.system.gql(
      `mutation($i: SetCertificatePeriodInput!) { setCertificatePeriod(input: $i) { nominal } }`,
      { i: { municipalityId: zeya.id, year, startsOn, endsOn, financingLimit, nominal: small } },
      operator,
    );
    expect(set.errors).toBeUndefined();
    const parent = await financedParent(env.system, staff, operator, birthDateForAge(target.startsOn, childAgeFor(target)), 'бедный');

    await signIn(parent.email);
    await page.goto(`${env.system.baseUrl}/programs/${target.programId}/apply/${target.groupId}`);
    await page.getByLabel('Тестов бедный').check();
    await page.getByText('Этого не хватает').waitFor();
    await expect(plainText(page)).resolves.toContain(`На сертификате доступно ${rub(small)}`);
    await checkScreen(page, 'parent-insufficient-balance');
    await page.getByRole('button', { name: 'Подать заявку' }).click();
    await page.getByRole('heading', { name: 'Заявки и договоры' }).waitFor();

    const refused = await confirmApplicationOf(env.system, staff, target.groupId, parent.childId);
    expect(refused.errors?.[0].extensions?.code).toBe('INSUFFICIENT_BALANCE');

    await page.reload();
    await expect(page.getByTestId('application-status').first().textContent()).resolves.toBe('На рассмотрении');
    await page.goto(`${env.system.baseUrl}/children/${parent.childId}/certificate`);
    await page.getByText('Деньги сертификата').waitFor();
    await expect(plainText(page, 'tr[data-part="available"]')).resolves.toContain(rub(small));
    await expect(plainText(page, 'tr[data-part="blocked"]')).resolves.toContain(rub(0));
  });
});
