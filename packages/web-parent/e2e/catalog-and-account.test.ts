import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newPhoneContext, useSystemAndBrowser } from '../../../testing/e2e-system';
import { checkScreen } from '../../../testing/axe';
import { tabTo } from '../../../testing/keyboard';
import { chooseOption, followLetter, registerInBrowser, signInInBrowser } from './helpers';

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

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

  it('tells apart two programs of one title and organization by their address and timetable', async () => {
    const { data } = await env.system.gql<{ municipalities: { id: string; name: string }[] }>(`{ municipalities { id name } }`);
    const zeya = data!.municipalities.find((m) => m.name === 'Зея')!;
    await page.goto(`${env.system.baseUrl}/?q=${encodeURIComponent('робототехника')}&municipality=${zeya.id}`);
    await page.getByText(/^Найдено: [1-9]/).waitFor();
    const cards = await page.locator('article[aria-labelledby^="program-"]').evaluateAll((articles) =>
      articles.map((a) => ({ title: a.querySelector('a')!.textContent!, lines: [...a.querySelectorAll('p')].map((p) => p.textContent!) })),
    );
    // The demo data gives ООО «Робошкола» in Zeya two «Робототехника» programs: the case the issue found identical.
    const key = (c: (typeof cards)[number]) => `${c.title} · ${c.lines[0]}`;
    const twins = cards.filter((c) => cards.some((other) => other !== c && key(other) === key(c)));
    expect(twins.length, 'cards of one title and organization').toBeGreaterThan(1);
    expect(twins.map((c) => c.lines.join(' | '))).toEqual([...new Set(twins.map((c) => c.lines.join(' | ')))]);
    for (const card of twins) expect(card.lines.some((line) => line.startsWith('Расписание: '))).toBe(true);
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

  it('registers a parent with consent, confirms the e-mail from the letter, signs out and back in', async () => {
    await registerInBrowser(page, env.system.baseUrl, { fullName: 'Петрова Анна Сергеевна', email: 'anna.e2e@example.ru', password: 'секретный-пароль' }, 'parent-register');
    await checkScreen(page, 'parent-register-sent');
    await followLetter(page, env.system, 'anna.e2e@example.ru', 'Подтвердите адрес');
    await page.getByText('Почта подтверждена').waitFor();
    await page.getByRole('link', { name: 'Войти' }).first().click();
    await page.getByLabel('Электронная почта').fill('anna.e2e@example.ru');
    await page.getByLabel('Пароль').fill('неверный-пароль');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/почт|парол/i);
    await page.getByLabel('Пароль').fill('секретный-пароль');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Профиль: Петрова Анна Сергеевна' }).waitFor();
    await expect(page.getByText('Подтвердите адрес электронной почты').count()).resolves.toBe(0);
  });

  it('answers a registration with a taken address like any other, and writes to the owner instead', async () => {
    const guest = await (await newPhoneContext(env.browser)).newPage();
    const after = env.system.mailbox.messages.at(-1)?.id ?? 0;
    await registerInBrowser(guest, env.system.baseUrl, { fullName: 'Другая Мама', email: 'anna.e2e@example.ru', password: 'секретный-пароль-2' });
    await env.system.mailbox.waitFor('anna.e2e@example.ru', { subject: 'Попытка зарегистрироваться', after });
    await guest.context().close();
  });

  it('resets a forgotten password from the letter, and the session on the other phone ends', async () => {
    const other = await (await newPhoneContext(env.browser)).newPage();
    await other.goto(`${env.system.baseUrl}/login`);
    await other.getByRole('link', { name: 'Забыли пароль?' }).click();
    // The login page has an e-mail field too: wait for the new page before typing.
    await other.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    await other.getByLabel('Электронная почта').fill('anna.e2e@example.ru');
    await other.getByRole('button', { name: 'Отправить ссылку' }).click();
    await other.getByText('Проверьте почту').waitFor();
    await followLetter(other, env.system, 'anna.e2e@example.ru', 'Смена пароля');
    await other.getByLabel(/^Новый пароль\s*\*?$/).fill('12345678');
    await other.getByLabel('Новый пароль ещё раз').fill('12345678');
    await other.getByRole('button', { name: 'Сохранить пароль и войти' }).click();
    await other.getByText('Пароль слишком простой', { exact: false }).waitFor();
    await other.getByLabel(/^Новый пароль\s*\*?$/).fill('Амур-Зея-новый-пароль');
    await other.getByLabel('Новый пароль ещё раз').fill('Амур-Зея-новый-пароль');
    await checkScreen(other, 'parent-reset-password');
    await other.getByRole('button', { name: 'Сохранить пароль и войти' }).click();
    await other.getByRole('heading', { name: 'Дети и сертификаты' }).waitFor();

    // The first phone's session ended with the reset.
    await page.reload();
    await page.getByRole('link', { name: 'Войти' }).waitFor();
    await signInInBrowser(page, env.system.baseUrl, 'anna.e2e@example.ru', 'Амур-Зея-новый-пароль');
    await other.context().close();
  });

  it('shows «Мои данные»: corrects the phone, downloads everything, lists the sessions, then withdraws consent and closes the account', async () => {
    await page.getByRole('button', { name: 'Профиль: Петрова Анна Сергеевна' }).click();
    await page.getByRole('menuitem', { name: 'Мои данные' }).click();
    await page.getByRole('heading', { name: 'Мои данные' }).waitFor();
    await page.getByLabel('Телефон').fill('123');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Укажите российский номер телефона').waitFor();
    await page.getByLabel('Телефон').fill('8 (914) 555-12-34');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Данные сохранены').waitFor();
    await expect(page.getByLabel('Телефон').inputValue()).resolves.toBe('+79145551234');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать мои данные (JSON)' }).click()]);
    const exported = JSON.parse(await streamText(await download.createReadStream()));
    expect(exported.account).toMatchObject({ email: 'anna.e2e@example.ru', phone: '+79145551234' });
    await expect(page.getByTestId('session').count()).resolves.toBeGreaterThanOrEqual(1);
    await page.getByText('Этот сеанс').waitFor();
    await checkScreen(page, 'parent-my-data');

    await page.getByLabel('Пароль для подтверждения').fill('Амур-Зея-новый-пароль');
    await page.getByRole('button', { name: 'Отозвать согласие' }).click();
    await page.getByRole('link', { name: 'Войти' }).waitFor();
    const login = await env.system.gql(`mutation { login(input: { email: "anna.e2e@example.ru", password: "Амур-Зея-новый-пароль" }) { token } }`);
    expect(login.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    await env.system.mailbox.waitFor('anna.e2e@example.ru', { subject: 'Согласие отозвано' });
  });

  it('shows the parent their own МОЦ first and all 29 below', async () => {
    await page.goto(`${env.system.baseUrl}/help`);
    await page.getByText('ул. Народная, 26').first().waitFor();
    await expect(page.getByRole('heading', { name: /Все МОЦ Амурской области \(29\)/ }).isVisible()).resolves.toBe(true);
    await checkScreen(page, 'parent-help');
  });

  it('offers the low-vision version from the header by keyboard: text sizes, three colour schemes, spacing, images off — each passing axe, all kept after a reload', async () => {
    const root = () => page.evaluate(() => ({ size: document.documentElement.style.fontSize, background: getComputedStyle(document.body).backgroundColor, color: getComputedStyle(document.body).color, images: document.documentElement.dataset.lvImages, spacing: document.documentElement.dataset.lvSpacing }));
    await page.goto(`${env.system.baseUrl}/help`);
    await page.getByText('ул. Народная, 26').first().waitFor();
    await tabTo(page, /Версия для слабовидящих/);
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Настройки версии для слабовидящих' });
    await panel.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Настройки версии для слабовидящих');
    await expect(root()).resolves.toMatchObject({ size: '150%', background: 'rgb(255, 255, 255)', color: 'rgb(0, 0, 0)' });
    await checkScreen(page, 'parent-low-vision-black-on-white');

    // Each choice is a radio group: Tab reaches the chosen option, arrows change it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await root()).size).toBe('200%');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await root()).background).toBe('rgb(0, 0, 0)');
    await expect(root()).resolves.toMatchObject({ color: 'rgb(255, 255, 255)' });
    await checkScreen(page, 'parent-low-vision-white-on-black');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await root()).background).toBe('rgb(157, 209, 255)');
    await checkScreen(page, 'parent-low-vision-blue-on-light-blue');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await root()).spacing).toBe('large');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await root()).images).toBe('off');
    await expect(page.locator('.tabler-icon').first().isVisible()).resolves.toBe(false);
    await checkScreen(page, 'parent-low-vision-spacing-no-images');

    await page.reload();
    await page.getByText('ул. Народная, 26').first().waitFor();
    await expect(root()).resolves.toMatchObject({ size: '200%', background: 'rgb(157, 209, 255)', images: 'off', spacing: 'large' });
    await expect(page.getByRole('button', { name: 'Версия для слабовидящих' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.goto(`${env.system.baseUrl}/login`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await checkScreen(page, 'parent-low-vision');
    await page.getByRole('button', { name: 'Обычная версия' }).click();
    await expect(root()).resolves.toMatchObject({ size: '', background: 'rgb(255, 255, 255)', images: 'on' });
    // Five full-page axe runs over the help page's 29 support centres: minutes on a busy two-core box.
  }, 240_000);
});
