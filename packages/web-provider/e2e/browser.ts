import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newRegionContext } from '../../../testing/e2e-system';

/** Staff and operators work at a computer. */
export function newDesktopContext(browser: Browser): Promise<BrowserContext> {
  return newRegionContext(browser, { width: 1440, height: 900 });
}

/** Signs in through the login form, as a person would; lands on `path` afterwards. */
export async function signIn(context: BrowserContext, baseUrl: string, email: string, path = '/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/provider/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль').fill('demo12345');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByTestId('current-user').waitFor();
  return page;
}
