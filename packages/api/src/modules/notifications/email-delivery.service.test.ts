import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppSettings } from '../../common/container';
import { createTestApp } from '../../../test/app';
import { startJobQueue } from '../../jobs/job-queue';
import { deliverEmailJob, EmailDeliveryService } from './email-delivery.service';

/**
 * An SMTP server whose answers the test controls: it records each subject
 * and, while `stall` is set, keeps a message waiting before accepting it.
 */
async function controllableSmtp() {
  const received: string[] = [];
  const stalled: (() => void)[] = [];
  const state = { stall: (_subject: string) => false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        const accept = () => {
          received.push(mail.subject ?? '');
          callback();
        };
        if (state.stall(mail.subject ?? '')) stalled.push(accept);
        else accept();
      }, callback);
    },
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)));
  return { url: `smtp://127.0.0.1:${port}`, received, stalled, state, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('e-mail delivery from the outbox', () => {
  let smtp: Awaited<ReturnType<typeof controllableSmtp>>;
  let app: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    smtp = await controllableSmtp();
    app = await createTestApp({ smtpUrl: smtp.url });
  });
  afterEach(async () => {
    smtp.state.stall = () => false;
    smtp.stalled.splice(0).forEach((accept) => accept());
    smtp.received.length = 0;
    await app.dataSource.query(`DELETE FROM email_outbox`);
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  const enqueue = (subjects: string[]) =>
    app.dataSource.query(`INSERT INTO email_outbox (to_address, subject, body) SELECT 'parent@demo.ru', s, 'Текст' FROM unnest($1::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n`, [subjects]);
  const statuses = async () =>
    Object.fromEntries((await app.dataSource.query(`SELECT subject, status FROM email_outbox ORDER BY id`)).map((r: { subject: string; status: string }) => [r.subject, r.status]));
  /** A separate delivery worker over the same database, as another (or a restarted) process would be. */
  const worker = () => new EmailDeliveryService(app.dataSource, app.container.get(AppSettings));
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(check()).toBe(true);
  };

  it('holds no lock and no transaction while the SMTP server is slow', async () => {
    await enqueue(['первое', 'второе']);
    smtp.state.stall = (s) => s === 'первое';
    const delivering = worker().deliverPending();
    await until(() => smtp.stalled.length === 1);
    // The row being sent can be locked by anyone else right now: the claim was committed before sending.
    const locked = await app.dataSource.transaction(async (m) => m.query(`SELECT status FROM email_outbox WHERE subject = 'первое' FOR UPDATE NOWAIT`));
    expect(locked).toEqual([{ status: 'SENDING' }]);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`);
    expect(n).toBe(0);
    smtp.stalled.shift()!();
    expect(await delivering).toBe(2);
    expect(await statuses()).toEqual({ первое: 'SENT', второе: 'SENT' });
  });

  it('after a worker dies mid-batch, repeats at most the one message that was in flight', async () => {
    await enqueue(['1', '2', '3', '4', '5']);
    smtp.state.stall = (s) => s === '3';
    // The first worker sends 1 and 2, then "dies" while 3 is on the wire: its promise is simply abandoned.
    const abandoned = worker().deliverPending().catch(() => undefined);
    await until(() => smtp.stalled.length === 1);
    expect(await statuses()).toEqual({ 1: 'SENT', 2: 'SENT', 3: 'SENDING', 4: 'PENDING', 5: 'PENDING' });

    // A restarted worker right away leaves the claimed message alone, and sends the ones never claimed.
    smtp.state.stall = () => false;
    expect(await worker().deliverPending()).toBe(2);
    expect(await statuses()).toEqual({ 1: 'SENT', 2: 'SENT', 3: 'SENDING', 4: 'SENT', 5: 'SENT' });
    // After the claim's lease, the in-flight message is sent again: the only possible repeat.
    await app.dataSource.query(`UPDATE email_outbox SET claimed_at = claimed_at - interval '11 minutes' WHERE status = 'SENDING'`);
    expect(await worker().deliverPending()).toBe(1);
    smtp.stalled.shift()!();
    await until(() => smtp.received.length === 6);
    expect([...smtp.received].sort()).toEqual(['1', '2', '3', '3', '4', '5']);
    // The worker that outlived its lease does not overwrite the outcome.
    expect(await statuses()).toEqual({ 1: 'SENT', 2: 'SENT', 3: 'SENT', 4: 'SENT', 5: 'SENT' });
    // It is still looping, though: let it find nothing to claim, or it delivers the next test's messages.
    await abandoned;
  });

  it('a shutdown during a backlog stops the job after the message on the wire; the rest wait, none left claimed', async () => {
    const subjects = Array.from({ length: 120 }, (_, i) => String(i + 1));
    await enqueue(subjects);
    smtp.state.stall = (s) => s === '3';
    const { logger } = app.container.get(AppSettings);
    // Without its cron: only the one-off run below drains the outbox.
    const queue = await startJobQueue((app.dataSource.options as { url: string }).url, [{ ...deliverEmailJob, cron: undefined }], app.container, logger);
    try {
      await queue.send(deliverEmailJob.name);
      await until(() => smtp.stalled.length === 1);
    } finally {
      const stopping = queue.stop();
      // The message on the wire when the stop came is finished and marked, then the job ends.
      smtp.stalled.shift()?.();
      await stopping;
    }
    const after = await statuses();
    expect(subjects.map((s) => after[s])).toEqual(subjects.map((s) => (Number(s) <= 3 ? 'SENT' : 'PENDING')));
  });

  it('retries a refused message on a later run, and parks it after five attempts', async () => {
    await enqueue(['битое']);
    await app.dataSource.query(`UPDATE email_outbox SET to_address = 'not an address'`);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await worker().deliverPending()).toBe(0);
      // A failed message waits a minute before the next try, instead of being retried in a loop.
      expect(await worker().deliverPending()).toBe(0);
      await app.dataSource.query(`UPDATE email_outbox SET claimed_at = claimed_at - interval '2 minutes'`);
    }
    const [row] = await app.dataSource.query(`SELECT status, attempts, last_error FROM email_outbox`);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 5, last_error: expect.any(String) });
  });
});
