import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiPlace, type ApiProcess, databaseUrl, freePort, isAlive, loginAs, postmasterPid, spawnApi, withDatabase } from '../../test/api-process';
import { createTestGroup } from '../../test/enrollment';
import { DEMO_ACCOUNTS } from '../db/seed/demo-data';
import { jobs } from '../jobs/jobs';
import { checkInvariants } from '../invariants/registry';
import { type Mailbox, startMailbox } from '../modules/notifications/mailbox';
import { programInput } from '../testing/catalog-fixtures';

const SUBMIT = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`;
const CONFIRM = `mutation($input: ApplicationActionInput!) { confirmApplication(input: $input) { id status } }`;
/** December, so that the New Year rollover can be run by hand (/dev/jobs needs CLOCK_START, which keeps each replica at one worker). */
const CLOCK_START = '2026-12-10';



function dev(api: ApiProcess, route: string, body: object = {}): Promise<Response> {
  return fetch(`${api.url}/dev/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function stop(api: ApiProcess | undefined): Promise<void> {
  if (!api || api.child.exitCode !== null) return;
  api.child.kill('SIGTERM');
  await api.exited;
}

/**
 * Two replicas of the API, as behind a load balancer: A owns the embedded
 * PostgreSQL, B is pointed at it with DATABASE_URL. Both run the job queue
 * with its cron schedules and deliver mail to one mailbox. Whatever both do
 * at once must happen once.
 */
describe('two API processes on one database', () => {
  let place: ApiPlace;
  let dirB: string;
  let a: ApiProcess;
  let b: ApiProcess | undefined;
  let mailbox: Mailbox;
  let bUpAt: Date;
  let parentToken: string;
  let applicationId: string;

  beforeAll(async () => {
    mailbox = await startMailbox({ keep: 10_000 });
    const dir = mkdtempSync(path.join(tmpdir(), 'navigator-replicas-'));
    chmodSync(dir, 0o755);
    dirB = mkdtempSync(path.join(tmpdir(), 'navigator-replicas-b-'));
    place = { dataDir: dir, port: await freePort(), pgPort: await freePort() };
    const env = { CLOCK_START, API_WORKERS: '1', SMTP_URL: mailbox.url };
    a = await spawnApi(place, env);
    b = await spawnApi({ dataDir: dirB, port: await freePort(), pgPort: 0 }, { ...env, DATABASE_URL: databaseUrl(place) });
    bUpAt = new Date();
  });
  afterAll(async () => {
    await stop(b);
    await stop(a);
    const pid = postmasterPid(place);
    if (pid && isAlive(pid)) process.kill(pid, 'SIGQUIT');
    await mailbox.stop();
    rmSync(place.dataDir, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  });

  it('takes a session made on one on the other (no sticky sessions), and makes one application of one key sent to both at once', async () => {
    parentToken = await loginAs(a, DEMO_ACCOUNTS.parent);
    const children = await b!.gql<{ myChildren: { id: string; firstName: string }[] }>(`{ myChildren { id firstName } }`, undefined, parentToken);
    const childId = children.data!.myChildren.find((c) => c.firstName === 'Артём')!.id;
    const { groupId } = await withDatabase(place, 'replicas-test', (ds) => createTestGroup(ds, { startsOn: '2026-09-01', endsOn: '2027-05-31' }));

    const input = { childId, groupId, idempotencyKey: 'replicas-submit' };
    const answers = await Promise.all([a, b!].map((api) => api.gql<{ submitApplication: { id: string } }>(SUBMIT, { input }, parentToken)));
    for (const answer of answers) expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    applicationId = answers[0].data!.submitApplication.id;
    expect(answers[1].data!.submitApplication.id).toBe(applicationId);
    const [{ n }] = await withDatabase(place, 'replicas-test', (ds) => ds.query(`SELECT count(*)::int AS n FROM applications WHERE child_id = $1 AND group_id = $2`, [childId, groupId]));
    expect(n).toBe(1);
  });

  it('finds on one a program published through the other within a notice: each process caches searches, outdated by NOTIFY at commit', async () => {
    const search = (api: ApiProcess) => api.gql<{ programs: { totalCount: number } }>(`{ programs(filter: { text: "Звездочёты реплик" }) { totalCount } }`);
    expect((await search(b!)).data!.programs.totalCount).toBe(0);
    expect((await search(b!)).data!.programs.totalCount).toBe(0); // now from B's cache

    const staffToken = await loginAs(a, DEMO_ACCOUNTS.staff);
    const created = await a.gql<{ createProgram: { id: string } }>(
      `mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
      { input: programInput({ title: 'Звездочёты реплик: астрономия' }) },
      staffToken,
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const published = await a.gql(`mutation($id: ID!) { publishProgram(programId: $id) { id } }`, { id: created.data!.createProgram.id }, staffToken);
    expect(published.errors, JSON.stringify(published.errors)).toBeUndefined();
    // B hears of the commit by its own LISTEN connection, milliseconds later: asked until then, and never for long.
    const deadline = Date.now() + 2000;
    let found = 0;
    while ((found = (await search(b!)).data!.programs.totalCount) === 0 && Date.now() < deadline);
    expect(found).toBe(1);
  });

  it('blocks the certificate money once when both confirm the same application at once', async () => {
    const staffToken = await loginAs(b!, DEMO_ACCOUNTS.staff);
    const blocks = (ds: DataSource) =>
      ds.query(`SELECT count(*)::int AS n FROM ledger_entries l JOIN applications a ON a.id = $1 JOIN children c ON c.id = a.child_id
                 JOIN certificates cert ON cert.child_id = c.id WHERE l.certificate_id = cert.id AND l.type = 'BLOCK'`, [applicationId]);
    const [before] = await withDatabase(place, 'replicas-test', blocks);
    const answers = await Promise.all([a, b!].map((api) => api.gql(CONFIRM, { input: { applicationId } }, staffToken)));
    expect(answers.filter((r) => !r.errors)).toHaveLength(1);
    expect(answers.find((r) => r.errors)!.errors![0].extensions!.code).toBe('INVALID_TRANSITION');

    await withDatabase(place, 'replicas-test', async (ds) => {
      const [after] = await blocks(ds);
      expect(after.n - before.n).toBe(1);
      const [{ contracts }] = await ds.query(`SELECT count(*)::int AS contracts FROM contracts WHERE application_id = $1`, [applicationId]);
      expect(contracts).toBe(1);
    });
  });

  it('credits every account of the new year once when both run the New Year rollover at once', async () => {
    for (const api of [a, b!]) expect((await dev(api, 'clock', { today: '2027-01-01' })).status).toBe(200);
    const runs = await Promise.all([a, b!].map((api) => dev(api, 'jobs/certificates.period-rollover')));
    expect(runs.map((r) => r.status)).toEqual([200, 200]);
    await withDatabase(place, 'replicas-test', async (ds) => {
      const [{ credits, accounts }] = await ds.query(
        `SELECT count(*)::int AS credits, count(DISTINCT l.account_id)::int AS accounts
           FROM ledger_entries l JOIN certificate_accounts ca ON ca.id = l.account_id JOIN certificate_periods p ON p.id = ca.period_id
          WHERE p.year = 2027 AND l.type = 'CREDIT'`,
      );
      expect(credits).toBeGreaterThan(0);
      expect(credits).toBe(accounts);
      expect(await checkInvariants(ds)).toEqual([]);
    });
  });

  it('sends every letter once and fires each cron schedule once a minute, with both working the job queue', async () => {
    const cronJobs = jobs.filter((j) => j.cron).map((j) => j.name);
    const firedSinceBothUp = (ds: DataSource) =>
      ds.query(`SELECT count(*)::int AS n FROM (SELECT created_on FROM pgboss.job WHERE name = 'expire-offers' UNION ALL SELECT created_on FROM pgboss.archive WHERE name = 'expire-offers') j WHERE created_on > $1`, [bUpAt]);

    await withDatabase(place, 'replicas-test', async (ds) => {
      // A cron minute must pass with both replicas up: pg-boss checks its schedules every 30 s.
      for (const deadline = Date.now() + 120_000; ; ) {
        const [{ n }] = await firedSinceBothUp(ds);
        if (n > 0) break;
        if (Date.now() > deadline) throw new Error('no cron run within two minutes');
        await new Promise((r) => setTimeout(r, 1_000));
      }
      // Each cron tick is one «send-it» job per schedule (singleton per minute); each must have made exactly one job.
      const [ticks, made] = await Promise.all([
        ds.query(
          `SELECT singleton_key AS name, count(DISTINCT singleton_on)::int AS n FROM (SELECT singleton_key, singleton_on FROM pgboss.job WHERE name = '__pgboss__send-it'
             UNION ALL SELECT singleton_key, singleton_on FROM pgboss.archive WHERE name = '__pgboss__send-it') t WHERE singleton_key = ANY($1) GROUP BY 1 ORDER BY 1`,
          [cronJobs],
        ),
        ds.query(
          `SELECT name, count(*)::int AS n FROM (SELECT name FROM pgboss.job UNION ALL SELECT name FROM pgboss.archive) j WHERE name = ANY($1) GROUP BY 1 ORDER BY 1`,
          [cronJobs],
        ),
      ]);
      expect(made.length).toBeGreaterThan(0);
      expect(made).toEqual(ticks);

      // Both deliver at once, beside their cron runs, until nothing waits (the cron jobs above may have queued more letters).
      let outbox: { waiting: number; sent: number };
      do {
        const deliveries = await Promise.all([a, b!].map((api) => dev(api, 'jobs/deliver-email')));
        expect(deliveries.map((r) => r.status)).toEqual([200, 200]);
        [outbox] = await ds.query(
          `SELECT count(*) FILTER (WHERE status IN ('PENDING', 'SENDING'))::int AS waiting, count(*) FILTER (WHERE status = 'SENT')::int AS sent FROM email_outbox`,
        );
      } while (outbox.waiting > 0);
      const { sent } = outbox;
      expect(sent).toBeGreaterThan(0);
      expect(mailbox.messages).toHaveLength(sent);
      expect(await checkInvariants(ds)).toEqual([]);
    });
  }, 180_000);
});
