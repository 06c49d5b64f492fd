import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPhoneContext, pinBrowserClock, screenshot, useSystemAndBrowser } from '../../../testing/e2e-system';
import { birthDateForAge, childAgeFor, confirmApplicationOf, financedParent, PARENT_PASSWORD, plainText, rub, staffGroups, type TargetGroup } from './helpers';

const DECEMBER = '2026-12-10';
const NEW_YEAR = '2027-01-01';

/**
 * The school year crosses the financing year: a contract signed in December
 * for a September–May group runs to May, the 2026 nominal pays December, and
 * the rollover on 1 January funds the rest from the 2027 nominal — the child
 * keeps the seat and the parent does nothing.
 */
describe('a December contract for a school-year group continues in January', () => {
  const env = useSystemAndBrowser({ today: DECEMBER });
  let context: BrowserContext;
  let page: Page;
  let staff: string;
  let target: TargetGroup;
  let parent: { token: string; email: string; childId: string };

  beforeAll(async () => {
    staff = await env.system.login('staff@demo.ru');
    const operator = await env.system.login('operator@demo.ru');
    const groups = await staffGroups(env.system, staff, { certificate: true });
    target = groups.find((g) => g.startsOn <= DECEMBER && g.endsOn === '2027-05-31' && g.monthlyShare > 0)!;
    expect(target, 'a certified Zeya group running September–May').toBeDefined();
    parent = await financedParent(env.system, staff, operator, birthDateForAge(target.startsOn, childAgeFor(target)), 'декабрь');
    const applied = await env.system.gql(`mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }`, { i: { childId: parent.childId, groupId: target.groupId } }, parent.token);
    expect(applied.errors).toBeUndefined();
    expect((await confirmApplicationOf(env.system, staff, target.groupId, parent.childId)).errors).toBeUndefined();

    context = await newPhoneContext(env.browser, DECEMBER);
    page = await context.newPage();
    await page.goto(`${env.system.baseUrl}/login`);
    await page.getByRole('textbox', { name: 'Электронная почта', exact: true }).fill(parent.email);
    await page.getByLabel('Пароль').fill(PARENT_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: /^Профиль:/ }).waitFor();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-season-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  it('shows the season to May, December blocked from 2026 and the rest to be paid from 2027', async () => {
    await page.goto(`${env.system.baseUrl}/applications`);
    await page.getByRole('link', { name: 'Открыть договор и подписать' }).click();
    await page.getByTestId('funding-plan').waitFor();
    const terms = await plainText(page);
    expect(terms).toContain('Срок: с 10.12.2026 по 31.05.2027 (6 месяцев, до конца занятий группы)');
    await expect(plainText(page, '[data-testid="certificate-total"]')).resolves.toBe(`Заблокировано на сертификате под этот договор: ${rub(target.monthlyShare)}`);
    const december = await plainText(page, 'tr[data-year="2026"]');
    expect(december).toContain('10.12.2026 – 31.12.2026');
    expect(december).toContain(rub(target.monthlyShare));
    expect(december).toContain('заблокировано на сертификате до подписания');
    const spring = await plainText(page, 'tr[data-year="2027"]');
    expect(spring).toContain('01.01.2027 – 31.05.2027');
    expect(spring).toContain(rub(target.monthlyShare * 5));
    expect(spring).toContain('будет оплачено из номинала 2027 года');
    // axe: a known WCAG gap on this screen, left for issue 17's second stage — screenshot only.
    await screenshot(page, 'season-contract-offer');

    await page.getByRole('button', { name: 'Подписать' }).click();
    const dialog = page.getByRole('dialog', { name: 'Подписать договор?' });
    await dialog.getByRole('button', { name: 'Подписать' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('contract-status').textContent()).toBe('Действует');
    await expect.poll(() => plainText(page, 'tr[data-year="2026"]')).toContain('оплачено из номинала 2026 года');
  });

  it('is funded from the 2027 nominal by the New Year rollover and keeps the seat', async () => {
    await env.system.travelTo(NEW_YEAR);
    // What the scheduler runs in the first night of the year.
    await env.system.runJob('complete-contracts');
    await env.system.runJob('certificates.period-rollover');
    await pinBrowserClock(context, NEW_YEAR);

    await page.reload();
    await page.getByTestId('funding-plan').waitFor();
    await expect(page.getByTestId('contract-status').textContent()).resolves.toBe('Действует');
    await expect(plainText(page, 'tr[data-year="2027"]')).resolves.toContain('оплачено из номинала 2027 года');
    await expect(plainText(page, '[data-testid="certificate-total"]')).resolves.toBe(`Закреплено за договором (обязательства): ${rub(target.monthlyShare * 6)}`);
    // axe: a known WCAG gap on this screen, left for issue 17's second stage — screenshot only.
    await screenshot(page, 'season-contract-funded-2027');

    const seat = await env.system.gql(`{ myApplications { status group { id } } }`, {}, parent.token);
    expect(seat.data.myApplications).toEqual([{ status: 'ENROLLED', group: { id: target.groupId } }]);

    await page.getByRole('button', { name: /^Уведомления: непрочитанных \d+/ }).click();
    const bell = page.getByRole('list', { name: 'Уведомления' });
    await bell.waitFor();
    await expect(plainText(page, '[aria-label="Уведомления"]')).resolves.toContain('Обучение продолжается в 2027 году');
  });
});
