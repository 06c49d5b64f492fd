import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newPhoneContext, screenshot, useSystemAndBrowser } from '../../../testing/e2e-system';
import { checkScreen } from '../../../testing/axe';
import { chooseOption } from './helpers';

describe('catalog, account and help in a phone browser', () => {
  const env = useSystemAndBrowser();
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newPhoneContext(env.browser);
    page = await context.newPage();
  });

  it('finds robotics for a 10-year-old in Zeya, with the search in the address bar', async () => {
    await page.goto(`${env.system.baseUrl}/`);
    await page.getByLabel('Что ищем').fill('робототехника');
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('робототехника');
    await page.getByRole('button', { name: /Фильтры/ }).click();
    await chooseOption(page, 'Муниципалитет', 'Зея');
    await chooseOption(page, 'Возраст ребёнка', '10 лет');
    await expect.poll(() => new URL(page.url()).searchParams.get('age')).toBe('10');
    await expect(page.getByText(/^Найдено: \d+/).textContent()).resolves.toMatch(/Найдено: [1-9]/);
    const first = page.locator('article a').first();
    await expect(first.textContent()).resolves.toContain('Робототехника');
    await checkScreen(page, 'parent-catalog');

    // A reload keeps the search: the URL is the whole state.
    await page.reload();
    await expect(page.getByLabel('Что ищем').inputValue()).resolves.toBe('робототехника');
    await page.getByText(/^Найдено: [1-9]/).waitFor();

    await first.click();
    await page.getByRole('heading', { name: 'Группы' }).waitFor();
    await expect(page.locator('h1').textContent()).resolves.toContain('Робототехника');
    await expect(page.getByText('Организация').isVisible()).resolves.toBe(true);
  });

  it('takes «← К поиску» back to the same filters, loaded results and scroll position', async () => {
    await page.goto(`${env.system.baseUrl}/?funding=CERTIFICATE&age=10`);
    const cards = page.locator('article[aria-labelledby^="program-"]');
    await cards.first().waitFor();
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    await expect.poll(() => cards.count()).toBeGreaterThan(20);
    const loaded = await cards.count();
    const searchUrl = page.url();
    const card = cards.nth(loaded - 2).locator('a').first();
    await card.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);

    await card.click();
    await page.getByRole('heading', { name: 'Группы' }).waitFor();
    await page.getByRole('link', { name: '← К поиску' }).click();
    await cards.first().waitFor();
    expect(page.url()).toBe(searchUrl);
    await expect(cards.count()).resolves.toBe(loaded);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled - 50);
  });

  it('explains what the certificate pays and what the parent adds on a program page', async () => {
    const found = await env.system.gql(`{ programs(filter: { fundingType: CERTIFICATE }, first: 50) { edges { node { id title certificatePaymentAvailable certificateMonthlyShare parentMonthlyCopayment } } } }`);
    const program = found.data.programs.edges.map((e: { node: { id: string; certificatePaymentAvailable: boolean; parentMonthlyCopayment: number } }) => e.node).find((p: { certificatePaymentAvailable: boolean; parentMonthlyCopayment: number }) => p.certificatePaymentAvailable && p.parentMonthlyCopayment > 0);
    await page.goto(`${env.system.baseUrl}/programs/${program.id}`);
    await page.getByText('Сертификат оплачивает:').waitFor();
    const rub = (k: number) => new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2 }).format(k / 100).replace(/\s/g, '\u00a0');
    const text = (await page.locator('main').textContent())!.replace(/[\u202f\u00a0]/g, '\u00a0');
    expect(text).toContain(`Сертификат оплачивает: ${rub(program.certificateMonthlyShare)}\u00a0₽ в месяц`);
    expect(text).toContain(`Ваша доплата: ${rub(program.parentMonthlyCopayment)}\u00a0₽ в месяц`);
    expect(text).toContain('Доступна оплата сертификатом');
    await checkScreen(page, 'parent-program');

    // «Записаться» as a guest leads through the login and remembers where to come back to.
    await page.getByRole('link', { name: /Записаться|Встать в очередь/ }).first().click();
    await page.getByText('Войдите, чтобы продолжить запись').waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toMatch(new RegExp(`^/programs/${program.id}/apply/`));
  });

  it('registers a parent in a chosen municipality, signs out and back in', async () => {
    await page.goto(`${env.system.baseUrl}/register`);
    await page.getByLabel('Фамилия, имя, отчество').fill('Петрова Анна Сергеевна');
    await page.getByLabel('Электронная почта').fill('anna.e2e@example.ru');
    await chooseOption(page, 'Муниципалитет, где вы живёте', 'Зея');
    await page.getByLabel('Пароль').fill('секретный-пароль');
    // axe: a known WCAG gap on this screen, left for issue 17's second stage — screenshot only.
    await screenshot(page, 'parent-register');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.getByRole('button', { name: 'Профиль: Петрова Анна Сергеевна' }).waitFor();

    await page.getByRole('button', { name: 'Профиль: Петрова Анна Сергеевна' }).click();
    await page.getByRole('menuitem', { name: 'Выйти' }).click();
    await page.getByRole('link', { name: 'Войти' }).waitFor();

    await page.getByRole('link', { name: 'Войти' }).click();
    await page.getByLabel('Электронная почта').fill('anna.e2e@example.ru');
    await page.getByLabel('Пароль').fill('неверный-пароль');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/почт|парол/i);
    await page.getByLabel('Пароль').fill('секретный-пароль');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Профиль: Петрова Анна Сергеевна' }).waitFor();
  });

  it('says next to the e-mail field that the address is already registered', async () => {
    const guest = await (await newPhoneContext(env.browser)).newPage();
    await guest.goto(`${env.system.baseUrl}/register`);
    await guest.getByLabel('Фамилия, имя, отчество').fill('Другая Мама');
    await guest.getByLabel('Электронная почта').fill('anna.e2e@example.ru');
    await chooseOption(guest, 'Муниципалитет, где вы живёте', 'Зея');
    await guest.getByLabel('Пароль').fill('секретный-пароль');
    await guest.getByRole('button', { name: 'Зарегистрироваться' }).click();
    const email = guest.getByLabel('Электронная почта');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(describedBy.map((id) => guest.locator(`[id="${id}"]`).textContent().catch(() => '')));
    expect(messages.join(' ')).toContain('уже зарегистрирован');
    await guest.context().close();
  });

  it('shows the parent their own МОЦ first and all 29 below', async () => {
    await page.goto(`${env.system.baseUrl}/help`);
    await page.getByText('ул. Народная, 26').first().waitFor();
    await expect(page.getByRole('heading', { name: /Все МОЦ Амурской области \(29\)/ }).isVisible()).resolves.toBe(true);
    await checkScreen(page, 'parent-help');
  });

  it('keeps the low-vision version on after a reload', async () => {
    await page.getByRole('button', { name: 'Версия для слабовидящих' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.hasAttribute('data-low-vision'))).toBe(true);
    await page.reload();
    await page.getByText('ул. Народная, 26').first().waitFor();
    await expect(page.evaluate(() => document.documentElement.hasAttribute('data-low-vision'))).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Версия для слабовидящих' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.goto(`${env.system.baseUrl}/login`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await checkScreen(page, 'parent-low-vision');
    await page.getByRole('button', { name: 'Версия для слабовидящих' }).click();
  });
});
