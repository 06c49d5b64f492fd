import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';

describe('the development mailbox page', () => {
  let dev: TestServer;
  let prod: TestServer;
  beforeAll(async () => {
    [dev, prod] = await Promise.all([startTestServer({ env: 'development' }), startTestServer({ env: 'production' })]);
  });
  afterAll(() => Promise.all([dev.close(), prod.close()]));

  it('shows every letter sent in development, with its link clickable', async () => {
    await dev.gql(`mutation { requestPasswordReset(input: { email: "parent@demo.ru" }) }`);
    const letter = await dev.mailbox.waitFor('parent@demo.ru', { subject: 'Смена пароля' });
    const page = await fetch(`${dev.url}/dev/mail`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<h2>Смена пароля</h2>');
    expect(html).toContain(`<a href="${letter.links[0]}">`);
  });

  it('does not exist in production, even with a mailbox at hand', async () => {
    const page = await fetch(`${prod.url}/dev/mail/messages.json`);
    expect(page.headers.get('content-type') ?? '').not.toMatch(/json/);
    expect(await page.text()).not.toContain('parent@demo.ru');
  });
});
