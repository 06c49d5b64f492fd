import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';

const REGISTER = `mutation($input: RegisterParentInput!) { registerParent(input: $input) }`;
const ME = `{ me { email role fullName phone emailConfirmedAt } }`;

describe('accounts over HTTP', () => {
  let t: TestServer;
  let zeyaId: string;
  beforeAll(async () => {
    t = await startTestServer();
    [{ id: zeyaId }] = await t.dataSource.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
  });
  afterAll(() => t.close());

  const registration = (email: string, extra: Record<string, unknown> = {}) => ({
    input: { email, password: 'secret-pass-1', fullName: 'Петров Пётр Петрович', municipalityId: zeyaId, consentVersion: 1, ...extra },
  });

  it('registers a parent, who can sign in at once but is not confirmed until the link in the letter is followed', async () => {
    const res = await t.gql<{ registerParent: boolean }>(REGISTER, registration('new.parent@example.ru', { phone: '8 (914) 123-45-67' }));
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerParent).toBe(true);
    const token = await t.login('new.parent@example.ru', 'secret-pass-1');
    const me = await t.gql<{ me: { email: string; role: string; phone: string; emailConfirmedAt: string | null } }>(ME, {}, token);
    expect(me.data!.me).toMatchObject({ email: 'new.parent@example.ru', role: 'PARENT', phone: '+79141234567', emailConfirmedAt: null });

    const letter = await t.mailbox.waitFor('new.parent@example.ru', { subject: 'Подтвердите адрес' });
    const link = new URL(letter.links[0]);
    expect(`${link.origin}${link.pathname}`).toBe('http://navigator.test/confirm-email');
    const confirmed = await t.gql(`mutation($t: String!) { confirmEmail(token: $t) }`, { t: link.searchParams.get('token') });
    expect(confirmed.errors).toBeUndefined();
    expect((await t.gql<{ me: { emailConfirmedAt: string } }>(ME, {}, token)).data!.me.emailConfirmedAt).toBeTruthy();
  });

  it('answers a registration with a taken e-mail exactly like a new one, and tells the owner by letter instead', async () => {
    const before = t.mailbox.messages.length;
    const taken = await t.gql(REGISTER, registration('PARENT@demo.ru', { fullName: 'Дубликат Дубликатович' }));
    const fresh = await t.gql(REGISTER, registration('someone.new@example.ru'));
    expect(taken).toEqual(fresh);
    const letter = await t.mailbox.waitFor('parent@demo.ru', { subject: 'Попытка зарегистрироваться', after: before });
    expect(letter.text).toContain('у вас уже есть учётная запись');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = 'parent@demo.ru'`);
    expect(n).toBe(1);
  });

  it('explains invalid registration input in Russian, field by field', async () => {
    const res = await t.gql(REGISTER, { input: { email: 'not-an-email', password: '123', fullName: 'Иванов И. И.', municipalityId: zeyaId, consentVersion: 1 } });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('электронной почты');
    expect(res.errors![0].message).toContain('Пароль');
  });

  it.each(['12345678', 'password', 'qwerty123'])('refuses the common password %s', async (password) => {
    const res = await t.gql(REGISTER, registration(`weak.${password}@example.ru`, { password }));
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    expect(res.errors![0].message).toContain('слишком простой');
  });

  it('refuses a phone that is not a Russian number', async () => {
    const res = await t.gql(REGISTER, registration('phone.123@example.ru', { phone: '123' }));
    expect(res.errors![0]).toMatchObject({ message: 'Укажите российский номер телефона, например +7 914 123-45-67', extensions: { field: 'phone' } });
  });

  it('refuses a registration that consented to another version of the consent text', async () => {
    const res = await t.gql(REGISTER, registration('old.text@example.ru', { consentVersion: 0 }));
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'consentVersion' } });
  });

  it('logs in with a bearer token, and also sets an httpOnly SameSite session cookie', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { login(input: { email: "staff@demo.ru", password: "demo12345" }) { token user { role } } }` }),
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/navigator_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = await res.json();
    expect(body.data.login.user.role).toBe('PROVIDER_STAFF');

    const viaCookie = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] },
      body: JSON.stringify({ query: ME }),
    });
    expect((await viaCookie.json()).data.me.role).toBe('PROVIDER_STAFF');
  });

  it('records a session\'s activity when it is used, at most once a minute', async () => {
    const token = await t.login('parent@demo.ru');
    const lastSeen = async (): Promise<Date> =>
      (await t.dataSource.query(`SELECT last_seen_at FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'parent@demo.ru') ORDER BY created_at DESC LIMIT 1`))[0].last_seen_at;
    await t.dataSource.query(`UPDATE sessions SET last_seen_at = last_seen_at - interval '2 minutes' WHERE user_id = (SELECT id FROM users WHERE email = 'parent@demo.ru')`);
    const stale = await lastSeen();
    expect((await t.gql(ME, {}, token)).errors).toBeUndefined();
    const seen = await lastSeen();
    expect(seen.getTime()).toBeGreaterThan(stale.getTime() + 60_000);
    expect((await t.gql(ME, {}, token)).errors).toBeUndefined();
    expect(await lastSeen()).toEqual(seen);
  });

  it('ends the session on logout', async () => {
    const token = await t.login('operator@demo.ru');
    expect((await t.gql<{ logout: boolean }>(`mutation { logout }`, {}, token)).data!.logout).toBe(true);
    expect((await t.gql<{ me: null }>(ME, {}, token)).data!.me).toBeNull();
  });

  it('rejects a wrong password without telling whether the account exists', async () => {
    const wrong = await t.gql(`mutation { login(input: { email: "admin@demo.ru", password: "nope-nope" }) { token } }`);
    const unknown = await t.gql(`mutation { login(input: { email: "nobody@demo.ru", password: "nope-nope" }) { token } }`);
    expect(wrong.errors![0]).toMatchObject({ message: 'Неверная почта или пароль', extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
  });

  it('slows repeated failed logins from one address, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++) {
      await t.gql(`mutation { login(input: { email: "staff.blag@demo.ru", password: "wrong-${i}" }) { token } }`);
    }
    const res = await t.gql(`mutation { login(input: { email: "staff.blag@demo.ru", password: "demo12345" }) { token } }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
    expect(res.errors![0].message).toMatch(/Попробуйте снова через \d+ секунд/);
  });

  it('refuses CSRF-able requests without a JSON content type', async () => {
    const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { email } }')}`, { method: 'GET' });
    expect(res.status).toBe(400);
  });
});
