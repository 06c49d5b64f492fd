import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';
import { snilsWithControlSum } from '../../common/snils';
import { CONSENT_TEXT_V1 } from './consent-texts';

const PASSWORD = 'Сирень-Зея-2026';
const ADD_CHILD = `mutation($i: AddChildInput!) { addChild(input: $i) { id } }`;
const ME = `{ me { id emailConfirmedAt } }`;

/** The link's token, read from a letter that came through real SMTP. */
function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token')!;
}

describe('a parent account over HTTP, with letters through SMTP', () => {
  let t: TestServer;
  let zeyaId: string;
  let serial = 0;

  beforeAll(async () => {
    t = await startTestServer();
    [{ id: zeyaId }] = await t.dataSource.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
  });
  afterAll(() => t.close());

  const child = () => ({ i: { lastName: 'Петрова', firstName: 'Алиса', gender: 'FEMALE', birthDate: '2016-03-01', snils: snilsWithControlSum(String(170_000_000 + ++serial * 7_919)), municipalityId: zeyaId } });

  /** Registers through the API, signs in, and returns the token and the confirmation letter. */
  async function register(email: string) {
    const after = t.mailbox.messages.at(-1)?.id ?? 0;
    const res = await t.gql(`mutation($i: RegisterParentInput!) { registerParent(input: $i) }`, {
      i: { email, password: PASSWORD, fullName: 'Петрова Анна Сергеевна', phone: '+7 914 000-00-01', municipalityId: zeyaId, consentVersion: 1 },
    });
    expect(res.errors).toBeUndefined();
    const letter = await t.mailbox.waitFor(email, { subject: 'Подтвердите адрес', after });
    return { token: await t.login(email, PASSWORD), letter };
  }

  it('lets an unconfirmed parent browse but not add a child, and confirms once from the letter', async () => {
    const { token, letter } = await register('confirm.me@example.ru');
    expect((await t.gql(`{ myChildren { id } }`, {}, token)).errors).toBeUndefined();
    const refused = await t.gql(ADD_CHILD, child(), token);
    expect(refused.errors![0].extensions!.code).toBe('EMAIL_NOT_CONFIRMED');

    const confirmToken = tokenOf(letter.links[0]);
    // At rest the token is only a SHA-256; and the letter's body left the outbox once sent.
    const [stored] = await t.dataSource.query(`SELECT token_hash FROM account_tokens WHERE purpose = 'CONFIRM_EMAIL' AND token_hash = $1`, [
      createHash('sha256').update(confirmToken).digest('hex'),
    ]);
    expect(stored).toBeDefined();
    const outbox = await t.dataSource.query(`SELECT body FROM email_outbox WHERE to_address = 'confirm.me@example.ru'`);
    expect(outbox.map((r: { body: string }) => r.body)).toEqual(['[текст со ссылкой удалён после отправки]']);

    expect((await t.gql(`mutation($t: String!) { confirmEmail(token: $t) }`, { t: confirmToken })).data).toEqual({ confirmEmail: true });
    const again = await t.gql(`mutation($t: String!) { confirmEmail(token: $t) }`, { t: confirmToken });
    expect(again.errors![0].extensions!.code).toBe('TOKEN_INVALID');
    expect((await t.gql(ADD_CHILD, child(), token)).errors).toBeUndefined();
  });

  it('resends the confirmation at most once a minute, and only the newest link works', async () => {
    const { token, letter } = await register('resend.me@example.ru');
    const soon = await t.gql(`mutation { resendEmailConfirmation }`, {}, token);
    expect(soon.errors![0].extensions!.code).toBe('TOO_MANY_REQUESTS');
    t.clock.advanceMs(61_000);
    expect((await t.gql(`mutation { resendEmailConfirmation }`, {}, token)).data).toEqual({ resendEmailConfirmation: true });
    const second = await t.mailbox.waitFor('resend.me@example.ru', { subject: 'Подтвердите адрес', after: letter.id });
    expect((await t.gql(`mutation($t: String!) { confirmEmail(token: $t) }`, { t: tokenOf(letter.links[0]) })).errors![0].extensions!.code).toBe('TOKEN_INVALID');
    expect((await t.gql(`mutation($t: String!) { confirmEmail(token: $t) }`, { t: tokenOf(second.links[0]) })).errors).toBeUndefined();
  });

  it('expires a confirmation link after 48 hours', async () => {
    const { letter } = await register('late.reader@example.ru');
    t.clock.advanceMs(48 * 3600_000 + 1000);
    const res = await t.gql(`mutation($t: String!) { confirmEmail(token: $t) }`, { t: tokenOf(letter.links[0]) });
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'TOKEN_INVALID' } });
  });

  it('resets a forgotten password from the letter: the old session ends, the link works once, and unknown addresses get the same answer', async () => {
    const oldSession = await t.login('kuznetsova@demo.ru');
    const unknown = await t.gql(`mutation { requestPasswordReset(input: { email: "nobody.here@example.ru" }) }`);
    const known = await t.gql(`mutation { requestPasswordReset(input: { email: "Kuznetsova@demo.ru" }) }`);
    expect(unknown).toEqual(known);
    const letter = await t.mailbox.waitFor('kuznetsova@demo.ru', { subject: 'Смена пароля' });
    expect(t.mailbox.messages.some((m) => m.to.includes('nobody.here@example.ru'))).toBe(false);
    const resetToken = tokenOf(letter.links[0]);
    expect(new URL(letter.links[0]).pathname).toBe('/reset-password');

    const weak = await t.gql(`mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { token } }`, { i: { token: resetToken, newPassword: 'password1' } });
    expect(weak.errors![0].extensions!.field).toBe('password');
    const done = await t.gql<{ resetPassword: { token: string } }>(`mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { token } }`, {
      i: { token: resetToken, newPassword: 'Новый-пароль-родителя' },
    });
    expect(done.errors).toBeUndefined();
    expect((await t.gql<{ me: null }>(ME, {}, oldSession)).data!.me).toBeNull();
    expect((await t.gql<{ me: { id: string } }>(ME, {}, done.data!.resetPassword.token)).data!.me).not.toBeNull();
    await t.login('kuznetsova@demo.ru', 'Новый-пароль-родителя');
    const reused = await t.gql(`mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { token } }`, { i: { token: resetToken, newPassword: 'Ещё-один-пароль-77' } });
    expect(reused.errors![0].extensions!.code).toBe('TOKEN_INVALID');
    await t.mailbox.waitFor('kuznetsova@demo.ru', { subject: 'Пароль изменён' });
  });

  it('sends provider staff a reset link into the provider cabinet, which expires after an hour', async () => {
    await t.gql(`mutation { requestPasswordReset(input: { email: "staff@demo.ru" }) }`);
    const letter = await t.mailbox.waitFor('staff@demo.ru', { subject: 'Смена пароля' });
    expect(new URL(letter.links[0]).pathname).toBe('/provider/reset-password');
    t.clock.advanceMs(3600_000 + 1000);
    const res = await t.gql(`mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { token } }`, { i: { token: tokenOf(letter.links[0]), newPassword: 'Новый-пароль-сотрудника' } });
    expect(res.errors![0].extensions!.code).toBe('TOKEN_INVALID');
  });

  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const here = await t.login('operator.blag@demo.ru');
    const elsewhere = await t.login('operator.blag@demo.ru');
    const change = (currentPassword: string, newPassword: string) =>
      t.gql(`mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`, { i: { currentPassword, newPassword } }, here);
    expect((await change('not-my-password', 'Совсем-новый-пароль')).errors![0].extensions!.field).toBe('currentPassword');
    expect((await change('demo12345', '12345678')).errors![0].extensions!.field).toBe('password');
    expect((await change('demo12345', 'Совсем-новый-пароль')).data).toEqual({ changePassword: true });
    expect((await t.gql<{ me: null }>(ME, {}, elsewhere)).data!.me).toBeNull();
    expect((await t.gql<{ me: { id: string } }>(ME, {}, here)).data!.me).not.toBeNull();
  });

  it('records who consented to which version, when and from where, and asks again when the text changes', async () => {
    const { token, letter } = await register('consent.reader@example.ru');
    await t.gql(`mutation($t: String!) { confirmEmail(token: $t) }`, { t: tokenOf(letter.links[0]) });
    const [record] = await t.dataSource.query(
      `SELECT c.version, c.ip, c.given_at FROM consents c JOIN users u ON u.id = c.user_id WHERE u.email = 'consent.reader@example.ru'`,
    );
    expect(record).toMatchObject({ version: 1, ip: expect.stringContaining('127.0.0.1') });
    const v1 = await t.gql<{ currentConsent: { version: number; text: string; accepted: boolean } }>(`{ currentConsent { version text accepted } }`, {}, token);
    expect(v1.data!.currentConsent).toEqual({ version: 1, text: CONSENT_TEXT_V1, accepted: true });

    await t.dataSource.query(`INSERT INTO consent_versions (version, text) VALUES (2, 'Согласие, редакция 2')`);
    try {
      expect((await t.gql(ADD_CHILD, child(), token)).errors![0].extensions!.code).toBe('CONSENT_REQUIRED');
      const v2 = await t.gql<{ currentConsent: { version: number; accepted: boolean } }>(`{ currentConsent { version accepted } }`, {}, token);
      expect(v2.data!.currentConsent).toEqual({ version: 2, accepted: false });
      expect((await t.gql(`mutation { giveConsent(version: 1) { version } }`, {}, token)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect((await t.gql(`mutation { giveConsent(version: 2) { accepted } }`, {}, token)).data).toEqual({ giveConsent: { accepted: true } });
      expect((await t.gql(ADD_CHILD, child(), token)).errors).toBeUndefined();
    } finally {
      await t.dataSource.query(`DELETE FROM consents WHERE version = 2; DELETE FROM consent_versions WHERE version = 2`);
    }
  });

  it('exports everything about the family and corrects name and phone (stored as E.164)', async () => {
    const token = await t.login('parent@demo.ru');
    const res = await t.gql<{ myDataExport: string }>(`{ myDataExport }`, {}, token);
    const data = JSON.parse(res.data!.myDataExport);
    expect(data.account.email).toBe('parent@demo.ru');
    expect(data.children.length).toBeGreaterThan(0);
    expect(data.children[0].snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
    expect(data.consents[0].version).toBe(1);
    expect(Object.keys(data)).toEqual(
      expect.arrayContaining(['account', 'consents', 'sessions', 'children', 'certificates', 'applications', 'contracts', 'charges', 'notifications']),
    );

    const update = (phone: string | null) =>
      t.gql<{ updateMyProfile: { fullName: string; phone: string | null } }>(`mutation($i: UpdateProfileInput!) { updateMyProfile(input: $i) { fullName phone } }`, {
        i: { fullName: '  Иванова Мария Петровна ', phone },
      }, token);
    expect((await update('8 (914) 555-12-34')).data!.updateMyProfile).toEqual({ fullName: 'Иванова Мария Петровна', phone: '+79145551234' });
    expect((await update('123')).errors![0].extensions!.field).toBe('phone');
    expect((await update(null)).data!.updateMyProfile.phone).toBeNull();
  });

  it('lists the sessions with device and address, and ends one or all the others', async () => {
    const mine = await t.login('operator@demo.ru');
    const other = await t.login('operator@demo.ru');
    const third = await t.login('operator@demo.ru');
    const list = await t.gql<{ mySessions: { id: string; current: boolean; ip: string; userAgent: string; lastSeenAt: string }[] }>(
      `{ mySessions { id current ip userAgent lastSeenAt } }`,
      {},
      mine,
    );
    const sessions = list.data!.mySessions;
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ ip: expect.stringContaining('127.0.0.1'), userAgent: expect.any(String) });
    const otherId = (await t.gql<{ mySessions: { id: string; current: boolean }[] }>(`{ mySessions { id current } }`, {}, other)).data!.mySessions.find((s) => s.current)!.id;
    expect((await t.gql(`mutation($id: ID!) { endSession(sessionId: $id) }`, { id: otherId }, mine)).data).toEqual({ endSession: true });
    expect((await t.gql<{ me: null }>(ME, {}, other)).data!.me).toBeNull();
    const stranger = await t.login('admin@demo.ru');
    const [{ id: strangerSession }] = (await t.gql<{ mySessions: { id: string }[] }>(`{ mySessions { id } }`, {}, stranger)).data!.mySessions;
    expect((await t.gql(`mutation($id: ID!) { endSession(sessionId: $id) }`, { id: strangerSession }, mine)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql<{ endOtherSessions: number }>(`mutation { endOtherSessions }`, {}, mine)).data!.endOtherSessions).toBeGreaterThanOrEqual(1);
    expect((await t.gql<{ me: null }>(ME, {}, third)).data!.me).toBeNull();
    expect((await t.gql<{ me: { id: string } }>(ME, {}, mine)).data!.me).not.toBeNull();
  });

  it('withdraws consent: refused while an application is live, then closes the account and erases personal data but keeps contracts', async () => {
    const { token, letter } = await register('leaving@example.ru');
    await t.gql(`mutation($t: String!) { confirmEmail(token: $t) }`, { t: tokenOf(letter.links[0]) });
    const added = await t.gql<{ addChild: { id: string } }>(ADD_CHILD, child(), token);
    const childId = added.data!.addChild.id;
    await t.dataSource.query(
      `INSERT INTO applications (child_id, parent_user_id, group_id, program_id, organization_id, municipality_id, status)
       SELECT $1, c.parent_user_id, g.id, g.program_id, p.organization_id, p.municipality_id, 'SUBMITTED'
         FROM children c, groups g JOIN programs p ON p.id = g.program_id WHERE c.id = $1 LIMIT 1`,
      [childId],
    );
    const wrong = await t.gql(`mutation { withdrawConsent(password: "not-it") }`, {}, token);
    expect(wrong.errors![0].extensions!.field).toBe('password');
    const live = await t.gql(`mutation($p: String!) { withdrawConsent(password: $p) }`, { p: PASSWORD }, token);
    expect(live.errors![0]).toMatchObject({ extensions: { code: 'INVALID_TRANSITION', applications: 1, contracts: 0 } });

    await t.dataSource.query(`UPDATE applications SET status = 'CANCELLED' WHERE child_id = $1`, [childId]);
    expect((await t.gql(`mutation($p: String!) { withdrawConsent(password: $p) }`, { p: PASSWORD }, token)).data).toEqual({ withdrawConsent: true });
    expect((await t.gql<{ me: null }>(ME, {}, token)).data!.me).toBeNull();
    const login = await t.gql(`mutation { login(input: { email: "leaving@example.ru", password: "${PASSWORD}" }) { token } }`);
    expect(login.errors![0].extensions!.code).toBe('UNAUTHENTICATED');

    const [user] = await t.dataSource.query(`SELECT u.email, u.full_name, u.phone, u.closed_at FROM users u JOIN children c ON c.parent_user_id = u.id WHERE c.id = $1`, [childId]);
    expect(user).toMatchObject({ full_name: 'Удалено', phone: null, closed_at: expect.any(Date) });
    expect(user.email).toMatch(/@navigator\.invalid$/);
    const [kid] = await t.dataSource.query(`SELECT last_name, first_name, birth_date, length(snils_encrypted) AS snils FROM children WHERE id = $1`, [childId]);
    expect(kid).toEqual({ last_name: 'Удалено', first_name: 'Удалено', birth_date: '2016-01-01', snils: 0 });
    const [consent] = await t.dataSource.query(`SELECT withdrawn_at FROM consents c JOIN children ch ON ch.parent_user_id = c.user_id WHERE ch.id = $1`, [childId]);
    expect(consent.withdrawn_at).toBeInstanceOf(Date);
    await t.mailbox.waitFor('leaving@example.ru', { subject: 'Согласие отозвано' });
  });
});
