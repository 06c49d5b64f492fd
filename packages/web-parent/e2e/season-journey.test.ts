import type { BrowserContext, Page } from 'playwright-core';
import { checkScreen } from '../../../testing/axe';
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
  let suspended: { token: string; email: string; childId: string };

  async function signedIn(browserContext: BrowserContext, email: string): Promise<Page> {
    const signedInPage = await browserContext.newPage();
    await signedInPage.goto(`${env.system.baseUrl}/login`);
    await signedInPage.getByRole('textbox', { name: 'Электронная почта', exact: true }).fill(email);
    await signedInPage.getByLabel('Пароль').fill(PARENT_PASSWORD);
    await signedInPage.getByRole('button', { name: 'Войти' }).click();
    await signedInPage.getByRole('button', { name: /^Профиль:/ }).waitFor();
    return signedInPage;
  }

  beforeAll(async () => {
    staff = await env.system.login('staff@demo.ru');
    const operator = await env.system.login('operator@demo.ru');
    const groups = await staffGroups(env.system, staff, { certificate: true });
    target = groups.find((g) => g.startsOn <= DECEMBER && g.endsOn === '2027-05-31' && g.monthlyShare > 0)!;
    expect(target, 'a certified Zeya group running September–May').toBeDefined();
    // The МОЦ announces a year-end pause, as Amur МОЦ do from mid-December.
    const muni = await env.system.gql(`{ municipalities { id code periods { year startsOn endsOn nominal financingLimit } } }`);
    const zeya = muni.data.municipalities.find((m: { code: string }) => m.code === 'zeya');
    const p2026 = zeya.periods.find((p: { year: number }) => p.year === 2026);
    const frozen = await env.system.gql(
      `mutation($i: SetCertificatePeriodInput!) { setCertificatePeriod(input: $i) { id } }`,
      { i: { municipalityId: zeya.id, year: 2026, startsOn: p2026.startsOn, endsOn: p2026.endsOn, nominal: p2026.nominal, financingLimit: p2026.financingLimit, freezeStartsOn: '2026-12-20', freezeEndsOn: '2026-12-31' } },
      operator,
    );
    expect(frozen.errors).toBeUndefined();
    parent = await financedParent(env.system, staff, operator, birthDateForAge(target.startsOn, childAgeFor(target)), 'декабрь');
    const applied = await env.system.gql(`mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }`, { i: { childId: parent.childId, groupId: target.groupId } }, parent.token);
    expect(applied.errors).toBeUndefined();
    expect((await confirmApplicationOf(env.system, staff, target.groupId, parent.childId)).errors).toBeUndefined();

    // A second family of the same group signs in December, and then the МОЦ suspends their certificate.
    suspended = await financedParent(env.system, staff, operator, birthDateForAge(target.startsOn, childAgeFor(target)), 'пауза');
    await env.system.gql(`mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }`, { i: { childId: suspended.childId, groupId: target.groupId } }, suspended.token);
    const offer = await confirmApplicationOf(env.system, staff, target.groupId, suspended.childId);
    const signed = await env.system.gql(`mutation($i: SignContractInput!) { signContract(input: $i) { id } }`, { i: { contractId: offer.data.confirmApplication.contract.id } }, suspended.token);
    expect(signed.errors).toBeUndefined();
    const children = await env.system.gql(`{ myChildren { id certificate { id } } }`, {}, suspended.token);
    const certificateId = children.data.myChildren[0].certificate.id;
    const paused = await env.system.gql(`mutation($i: CertificateStatusChangeInput!) { suspendCertificate(input: $i) { status } }`, { i: { certificateId, reason: 'Проверка документов' } }, operator);
    expect(paused.errors).toBeUndefined();

    context = await newPhoneContext(env.browser, DECEMBER);
    page = await signedIn(context, parent.email);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-season-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  it('sees the year-end pause announced on the certificate and catalog pages', async () => {
    await page.goto(`${env.system.baseUrl}/children/${parent.childId}/certificate`);
    await page.getByTestId('freeze-notice').waitFor();
    await expect(plainText(page, '[data-testid="freeze-notice"]')).resolves.toContain('Скоро пауза финансирования сертификатов');
    await expect(plainText(page, '[data-testid="freeze-notice"]')).resolves.toContain('20.12.2026');
    await page.goto(`${env.system.baseUrl}/`);
    await page.getByTestId('freeze-notice').waitFor();
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
    await checkScreen(page, 'season-contract-offer');

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
    await checkScreen(page, 'season-contract-funded-2027');

    const seat = await env.system.gql(`{ myApplications { status group { id } } }`, {}, parent.token);
    expect(seat.data.myApplications).toEqual([{ status: 'ENROLLED', group: { id: target.groupId } }]);

    await page.getByRole('button', { name: /^Уведомления: непрочитанных \d+/ }).click();
    const bell = page.getByRole('list', { name: 'Уведомления' });
    await bell.waitFor();
    await expect(plainText(page, '[aria-label="Уведомления"]')).resolves.toContain('Обучение продолжается в 2027 году');
  });

  it('asks the family whose certificate is suspended to decide, and keeps the seat when they pay themselves', async () => {
    const own = await newPhoneContext(env.browser, NEW_YEAR);
    const parentPage = await signedIn(own, suspended.email);

    await parentPage.goto(`${env.system.baseUrl}/applications`);
    await expect(parentPage.getByTestId('application-status').first().textContent()).resolves.toBe('Ждёт вашего решения об оплате');
    await parentPage.getByRole('link', { name: /^Договор № / }).click();
    const decision = parentPage.getByTestId('funding-decision');
    await decision.waitFor();
    // FUNDING_DECISION_DAYS (14) from 1 January.
    await expect(plainText(parentPage, '[data-testid="funding-decision"]')).resolves.toContain('До 15.01.2027 выберите');
    await expect(plainText(parentPage, 'tr[data-year="2027"]')).resolves.toContain('номинала 2027 года не хватило — нужно ваше решение');
    await checkScreen(parentPage, 'season-contract-awaiting-funding');

    await decision.getByRole('button', { name: 'Оплачивать самим' }).click();
    const dialog = parentPage.getByRole('dialog', { name: 'Оплачивать самим?' });
    await dialog.getByRole('button', { name: 'Да, оплачиваем сами' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => parentPage.getByTestId('contract-status').textContent()).toBe('Действует');
    await expect(plainText(parentPage, 'tr[data-year="2027"]')).resolves.toContain('оплачиваете вы');
    await own.close();
  });
});
