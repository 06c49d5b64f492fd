import { describe, expect, it } from 'vitest';
import { useSystemAndBrowser } from '../../../testing/e2e-system';
import { checkScreen } from '../../../testing/axe';
import { newDesktopContext, signIn } from './browser';
import { offerContractThroughApi } from './setup';

describe('signing in and access to the organizations\' cabinet', () => {
  const env = useSystemAndBrowser();

  it('sends a stranger from a deep link to the login page and back to the link after signing in', async () => {
    const context = await newDesktopContext(env.browser);
    const page = await context.newPage();
    await page.goto(`${env.system.baseUrl}/provider/organization`);
    await page.waitForURL(/\/provider\/login\?next=/);
    await page.getByLabel('Электронная почта').fill('staff@demo.ru');
    await page.getByLabel('Пароль').fill('demo12345');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL(/\/provider\/organization$/);
    await page.getByRole('heading', { name: 'МАО ДО ДДТ «Ровесник»' }).waitFor();
    await checkScreen(page, 'provider-organization');
    await context.close();
  });

  it('tells a wrong password in the server\'s words', async () => {
    const context = await newDesktopContext(env.browser);
    const page = await context.newPage();
    await page.goto(`${env.system.baseUrl}/provider/login`);
    await page.getByLabel('Электронная почта').fill('staff@demo.ru');
    await page.getByLabel('Пароль').fill('wrong-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Не удалось войти');
    await context.close();
  });

  it('refuses staff of another organization a contract and its application opened by URL, showing none of their data', async () => {
    const contract = await offerContractThroughApi(env.system);
    const context = await newDesktopContext(env.browser);
    const page = await signIn(context, env.system.baseUrl, 'staff.blag@demo.ru', `/contracts/${contract.id}`);
    await page.getByText(/нет доступа/i).first().waitFor();
    const body = await page.locator('main').textContent();
    expect(body).not.toContain(contract.number);
    expect(body).not.toContain(contract.childLastName);
    await checkScreen(page, 'provider-foreign-contract');

    // The application itself, asked for through the inbox's URL filters, is not among theirs either.
    await page.goto(`${env.system.baseUrl}/provider/applications?status=CONFIRMED&program=${contract.programId}`);
    await page.getByText('Заявок нет').waitFor();
    expect(await page.locator('main').textContent()).not.toContain(contract.childLastName);

    const own = await signIn(await newDesktopContext(env.browser), env.system.baseUrl, 'staff@demo.ru', `/contracts/${contract.id}`);
    await own.getByRole('heading', { name: `Договор № ${contract.number}` }).waitFor();
    await context.close();
  });

  it('shows an operator the МОЦ sections and refuses them the organization\'s pages', async () => {
    const context = await newDesktopContext(env.browser);
    const page = await signIn(context, env.system.baseUrl, 'operator@demo.ru', '/organization');
    await page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Разделы' });
    await expect(nav.getByText('Реестр счетов').isVisible()).resolves.toBe(true);
    await expect(nav.getByText('Заявки').count()).resolves.toBe(0);
    await context.close();
  });

  it.each([
    ['staff@demo.ru', ['Главная', 'Заявки', 'Договоры', 'Списания и счета', 'Программы и группы', 'Проверка сертификата', 'Организация']],
    ['operator@demo.ru', ['Сводка', 'Периоды и лимиты', 'Сертификаты', 'Сертификация программ', 'Реестр счетов']],
    ['admin@demo.ru', ['Сводка', 'Периоды и лимиты', 'Сертификаты', 'Сертификация программ', 'Реестр счетов']],
  ])('opens every section of %s without an error', async (email, sections) => {
    const context = await newDesktopContext(env.browser);
    const page = await signIn(context, env.system.baseUrl, email);
    const nav = page.getByRole('navigation', { name: 'Разделы' });
    const heading = page.locator('main h2').first();
    await heading.waitFor();
    for (const section of sections) {
      const previous = await heading.textContent();
      await nav.getByRole('link', { name: section }).click();
      // Pages render in a transition: the previous one stays on screen until the next is ready. The first section is where signing in lands.
      if (section !== sections[0]) await expect.poll(() => heading.textContent()).not.toBe(previous);
      await page.getByRole('status').waitFor({ state: 'detached' });
      const errors = await page.locator('main [role=alert]').allTextContents();
      expect(errors, `${email} → ${section}`).toEqual([]);
      await checkScreen(page, `sections-${email.split('@')[0]}-${sections.indexOf(section)}`);
    }
    await context.close();
  });

  it('gives the region admin one summary over the whole region, and still one municipality on request', async () => {
    const context = await newDesktopContext(env.browser);
    const page = await signIn(context, env.system.baseUrl, 'admin@demo.ru', '/summary');
    await page.getByRole('heading', { name: 'Сводка по региону' }).waitFor();
    await page.getByText(/^Текущие периоды муниципалитетов \(29\)/).waitFor();
    await checkScreen(page, 'region-summary');
    await page.getByRole('textbox', { name: 'Муниципалитет' }).fill('Зея');
    await page.getByRole('option', { name: 'Зея', exact: true }).click();
    await page.getByRole('heading', { name: 'Сводка муниципалитета' }).waitFor();
    await page.getByText(/^Текущий период: /).waitFor();
    await context.close();
  });

  it('lets an operator who forgot the password set a new one from the letter; the other session ends, and the profile lists sessions', async () => {
    const elsewhere = await signIn(await newDesktopContext(env.browser), env.system.baseUrl, 'operator.blag@demo.ru', '/summary');
    const context = await newDesktopContext(env.browser);
    const page = await context.newPage();
    await page.goto(`${env.system.baseUrl}/provider/login`);
    await page.getByRole('link', { name: 'Забыли пароль?' }).click();
    // The login page has an e-mail field too: wait for the new page before typing.
    await page.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    await page.getByLabel('Электронная почта').fill('operator.blag@demo.ru');
    await page.getByRole('button', { name: 'Отправить ссылку' }).click();
    await page.getByText('Проверьте почту').waitFor();
    const letter = await env.system.mailbox.waitFor('operator.blag@demo.ru', { subject: 'Смена пароля', timeoutMs: 15_000 });
    expect(new URL(letter.links[0]).pathname).toBe('/provider/reset-password');
    await page.goto(letter.links[0]);
    await page.getByLabel(/^Новый пароль\s*\*?$/).fill('Зея-МОЦ-новый-пароль');
    await page.getByLabel('Новый пароль ещё раз').fill('Зея-МОЦ-новый-пароль');
    await page.getByRole('button', { name: 'Сохранить пароль и войти' }).click();
    await page.getByTestId('current-user').click();
    await page.getByRole('heading', { name: 'Профиль' }).waitFor();
    await page.getByText('Этот сеанс').waitFor();
    await expect(page.getByTestId('session').count()).resolves.toBe(1);
    await checkScreen(page, 'provider-profile');

    await elsewhere.reload();
    await elsewhere.waitForURL(/\/provider\/login/);
    await context.close();
    await elsewhere.context().close();
  });
});
