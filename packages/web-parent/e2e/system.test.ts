import { describe, expect, it } from 'vitest';
import { newPhoneContext, useSystemAndBrowser } from '../../../testing/e2e-system';
import { checkScreen } from '../../../testing/axe';

describe('the whole system in a browser', () => {
  const env = useSystemAndBrowser();

  it('serves the parent SPA at / and the provider SPA at /provider, deep links included', async () => {
    const context = await newPhoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(`${env.system.baseUrl}/`);
    // The parent SPA opens on the catalog; every page names the site in the tab title.
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Найти кружок');
    await expect.poll(() => page.title()).toContain('Навигатор');
    await checkScreen(page, 'parent-home');
    const deep = await page.goto(`${env.system.baseUrl}/programs/some/deep/link`);
    expect(deep!.status()).toBe(200);
    await page.goto(`${env.system.baseUrl}/provider/applications`);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Навигатор');
    await context.close();
  });

  it('answers the catalog search over HTTP with facets, typos included', async () => {
    const query = `query($text: String) { programs(filter: { text: $text }) { totalCount fuzzy edges { node { title } } facets { directions { value count } } } }`;
    const exact = await env.system.gql(query, { text: 'робототехника' });
    expect(exact.data.programs.totalCount).toBeGreaterThan(0);
    const typo = await env.system.gql(query, { text: 'робатехника' });
    expect(typo.data.programs.fuzzy).toBe(true);
    expect(typo.data.programs.edges[0].node.title).toContain('Робототехника');
  });
});
