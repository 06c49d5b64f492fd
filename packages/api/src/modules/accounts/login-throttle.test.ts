import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createTestApp } from '../../../test/app';
import { AccountService } from './account.service';
import { waitSeconds } from './login-throttle';

const OWNER_HOME = '10.1.1.1';
const STRANGER = '203.0.113.66';

describe('login throttling by account and address', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let accounts: AccountService;
  let ds: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    accounts = app.container.get(AccountService);
    ds = app.dataSource;
  });
  afterAll(() => app.close());
  beforeEach(() => ds.query(`DELETE FROM login_attempts`));

  const login = (email: string, password: string, ip: string) => accounts.login({ email, password }, { ip, userAgent: 'test' });
  const fail = async (email: string, ip: string, times: number) => {
    for (let i = 0; i < times; i++) await login(email, `wrong-${i}`, ip).catch(() => undefined);
  };
  /** Moves every recorded attempt back in time, as if the clock had run on. */
  const wait = (seconds: number) => ds.query(`UPDATE login_attempts SET at = at - make_interval(secs => $1)`, [seconds]);
  const code = (p: Promise<unknown>) => p.then(() => 'OK', (err: { code?: string }) => err.code);

  it('doubles the wait with every failure past the third, and never locks', () => {
    const pair = { free: 3, capSeconds: 900 };
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => waitSeconds(n, pair))).toEqual([0, 0, 0, 1, 2, 4, 8, 900]);
  });

  it('makes one address wait longer after each wrong guess, and lets the right password in once the wait is over', async () => {
    await fail('parent@demo.ru', STRANGER, 3);
    expect(await code(login('parent@demo.ru', 'wrong', STRANGER))).toBe('TOO_MANY_REQUESTS');
    await wait(1);
    await fail('parent@demo.ru', STRANGER, 1);
    await wait(2);
    await fail('parent@demo.ru', STRANGER, 1);
    const early = await login('parent@demo.ru', 'demo12345', STRANGER).catch((err) => err);
    expect(early).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { retryAfterSeconds: 4 } });
    expect(early.message).toBe('Слишком много неудачных попыток входа. Попробуйте снова через 4 секунды.');
    await wait(5);
    expect(await code(login('parent@demo.ru', 'demo12345', STRANGER))).toBe('OK');
  });

  it('does not count attempts refused for coming too early, so waiting is always enough', async () => {
    await fail('parent@demo.ru', STRANGER, 3);
    for (let i = 0; i < 10; i++) expect(await code(login('parent@demo.ru', 'wrong', STRANGER))).toBe('TOO_MANY_REQUESTS');
    await wait(2);
    expect(await code(login('parent@demo.ru', 'demo12345', STRANGER))).toBe('OK');
  });

  it('lets the owner in from an address they used before, however many strangers guess', async () => {
    expect(await code(login('parent@demo.ru', 'demo12345', OWNER_HOME))).toBe('OK');
    for (let k = 0; k < 10; k++) await fail('parent@demo.ru', `198.51.100.${k}`, 3);
    expect(await code(login('parent@demo.ru', 'demo12345', OWNER_HOME))).toBe('OK');
  });

  it('holds a new address of a guessed account for a minute at most, where a lock used to last fifteen', async () => {
    for (let k = 0; k < 30; k++) await fail('parent@demo.ru', `198.51.100.${k}`, 2);
    const refused = await login('parent@demo.ru', 'demo12345', '192.0.2.10').catch((err) => err);
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.details.retryAfterSeconds).toBeLessThanOrEqual(60);
    await wait(60);
    expect(await code(login('parent@demo.ru', 'demo12345', '192.0.2.10'))).toBe('OK');
  });

  it('slows an address that tries many accounts, but not its neighbours who signed in from it before (one NAT)', async () => {
    const nat = '100.64.0.1';
    expect(await code(login('petrova@demo.ru', 'demo12345', nat))).toBe('OK');
    for (let k = 0; k < 25; k++) await fail(`guess${k}@example.ru`, nat, 1);
    expect(await code(login('smirnov@demo.ru', 'demo12345', nat))).toBe('TOO_MANY_REQUESTS');
    expect(await code(login('petrova@demo.ru', 'demo12345', nat))).toBe('OK');
  });
});
