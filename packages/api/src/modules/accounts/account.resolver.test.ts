import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';

const REGISTER = `mutation($input: RegisterParentInput!) { registerParent(input: $input) { token user { id email role municipalityId } } }`;
const ME = `{ me { email role fullName } }`;

describe('accounts over HTTP', () => {
  let t: TestServer;
  let zeyaId: string;
  beforeAll(async () => {
    t = await startTestServer();
    [{ id: zeyaId }] = await t.dataSource.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
  });
  afterAll(() => t.close());

  it('registers a parent in a chosen municipality and signs them in', async () => {
    const res = await t.gql<{ registerParent: { token: string; user: { role: string; municipalityId: string } } }>(REGISTER, {
      input: { email: 'new.parent@example.ru', password: 'secret-pass-1', fullName: 'Петров Пётр Петрович', municipalityId: zeyaId },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerParent.user).toMatchObject({ role: 'PARENT', municipalityId: zeyaId });
    const me = await t.gql<{ me: { email: string } }>(ME, {}, res.data!.registerParent.token);
    expect(me.data!.me.email).toBe('new.parent@example.ru');
  });

  it('refuses a second account with the same e-mail, whatever its case', async () => {
    const res = await t.gql(REGISTER, {
      input: { email: 'PARENT@demo.ru', password: 'secret-pass-1', fullName: 'Дубликат Дубликатович', municipalityId: zeyaId },
    });
    expect(res.errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('explains invalid registration input in Russian, field by field', async () => {
    const res = await t.gql(REGISTER, { input: { email: 'not-an-email', password: '123', fullName: 'Иванов И. И.', municipalityId: zeyaId } });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('электронной почты');
    expect(res.errors![0].message).toContain('Пароль');
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

  it('rate-limits repeated failed logins for an e-mail, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++) {
      await t.gql(`mutation { login(input: { email: "staff.blag@demo.ru", password: "wrong-${i}" }) { token } }`);
    }
    const res = await t.gql(`mutation { login(input: { email: "staff.blag@demo.ru", password: "demo12345" }) { token } }`);
    expect(res.errors![0].extensions!.code).toBe('TOO_MANY_REQUESTS');
  });

  it('refuses CSRF-able requests without a JSON content type', async () => {
    const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { email } }')}`, { method: 'GET' });
    expect(res.status).toBe(400);
  });
});
