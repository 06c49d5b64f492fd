import { describe, expect, it } from 'vitest';
import { screenshot, useSystemAndBrowser } from '../../../testing/e2e-system';

describe('the GraphQL playground at /graphql', () => {
  const env = useSystemAndBrowser();

  it('works with no network beyond the server: runs the catalog query, signs in into the headers, shows the docs', async () => {
    const server = new URL(env.system.baseUrl).host;
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
    const outside: string[] = [];
    // An isolated regional network: every other host is unreachable.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).host === server || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const assets: { url: string; bytes: number; encoding?: string }[] = [];
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.startsWith('/graphql/assets/')) assets.push({ url: res.url(), bytes: Number(res.headers()['content-length'] ?? 0), encoding: res.headers()['content-encoding'] });
    });
    await page.goto(`${env.system.baseUrl}/graphql`);

    // The README's catalog search is the first tab; run it as a developer does.
    await page.locator('.graphiql-query-editor').getByText('робототехника').first().waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.textContent(), { timeout: 30_000 }).toContain('totalCount');
    expect(await response.textContent()).toContain('Робототехника');

    // The docs explorer reads the schema through introspection.
    await page.getByRole('button', { name: /Show Documentation Explorer/ }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();

    // The sign-in helper puts the bearer token into the request headers.
    await page.getByRole('button', { name: /Вход/ }).click();
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText(/токен добавлен в заголовки/).waitFor();
    await expect.poll(() => page.locator('.graphiql-editor-tool').textContent()).toMatch(/Authorization.*Bearer/);

    await screenshot(page, 'playground-signed-in');
    expect(outside).toEqual([]);
    // Served precompressed like the SPAs: every script and style sheet comes as brotli.
    const text = assets.filter((a) => /\.(?:js|css)$/.test(a.url) && a.bytes > 1024);
    expect(text.filter((a) => a.encoding !== 'br')).toEqual([]);
    // Monaco and its language workers weigh most of it; the budget keeps a dependency bump from doubling it unseen.
    const total = assets.reduce((sum, a) => sum + a.bytes, 0);
    expect(total).toBeLessThan(2_000_000);
    await context.close();
  });
});
