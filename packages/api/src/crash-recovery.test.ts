import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiPlace, type ApiProcess, freePort, isAlive, loginAs, postmasterPid, spawnApi, withDatabase } from '../test/api-process';
import { createTestGroup } from '../test/enrollment';
import { DEMO_ACCOUNTS } from './db/seed/demo-data';
import { checkInvariants } from './invariants/registry';

const SUBMIT = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`;
const RUSH = 40;



describe('the API as a process: kill -9, a dead database, SIGTERM', () => {
  let place: ApiPlace;
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'navigator-crash-'));
    chmodSync(dir, 0o755);
    place = { dataDir: dir, port: await freePort(), pgPort: await freePort() };
  });
  afterAll(async () => {
    if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
    const pid = postmasterPid(place);
    if (pid && isAlive(pid)) process.kill(pid, 'SIGQUIT');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(place.dataDir, { recursive: true, force: true });
  });

  it('restarts on its own after SIGKILL in the middle of a rush, losing and doubling nothing', async () => {
    api = await spawnApi(place);
    const groups = await withDatabase(place, 'crash-test', async (ds) => {
      const made = [];
      for (let i = 0; i < RUSH; i++) made.push(await createTestGroup(ds, { fundingType: 'BUDGET', capacity: 100 }));
      return made;
    });
    const token = await loginAs(api, DEMO_ACCOUNTS.parent);
    const children = await api.gql<{ myChildren: { id: string }[] }>(`{ myChildren { id } }`, undefined, token);
    const childId = children.data!.myChildren[0].id;
    const requests = groups.map((g, i) => ({ key: `rush-key-${i}`, input: { childId, groupId: g.groupId, idempotencyKey: `rush-key-${i}` } }));

    const answered = new Map<string, string>();
    const rush = requests.map(async (r) => {
      try {
        const res = await api!.gql<{ submitApplication: { id: string } }>(SUBMIT, { input: r.input }, token);
        if (res.data?.submitApplication) answered.set(r.key, res.data.submitApplication.id);
      } catch {
        /* cut off by the kill */
      }
    });
    // Mid-rush: some answers are out, others are in flight or still queued.
    while (answered.size < 5) await new Promise((r) => setTimeout(r, 2));
    const orphan = postmasterPid(place)!;
    api.child.kill('SIGKILL');
    await api.exited;
    await Promise.all(rush);
    expect(answered.size).toBeLessThan(RUSH);
    expect(isAlive(orphan)).toBe(true); // the embedded PostgreSQL outlives its parent

    api = await spawnApi(place);
    expect(api.output()).toMatch(/left running on our data directory/);
    expect(isAlive(orphan)).toBe(false);

    const token2 = await loginAs(api, DEMO_ACCOUNTS.parent);
    for (const r of requests) {
      const first = await api.gql<{ submitApplication: { id: string } }>(SUBMIT, { input: r.input }, token2);
      const again = await api.gql<{ submitApplication: { id: string } }>(SUBMIT, { input: r.input }, token2);
      expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
      expect(again.data!.submitApplication.id).toBe(first.data!.submitApplication.id);
      if (answered.has(r.key)) expect(first.data!.submitApplication.id).toBe(answered.get(r.key));
    }
    await withDatabase(place, 'crash-test', async (ds) => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM applications WHERE child_id = $1 AND group_id = ANY($2::uuid[])`, [childId, groups.map((g) => g.groupId)]);
      expect(n).toBe(RUSH);
      expect(await checkInvariants(ds)).toEqual([]);
    });
  }, 120_000); // two starts of a primary and its workers, one recovering an orphaned PostgreSQL: slow on a busy CI box

  it('answers 503 SERVICE_UNAVAILABLE while PostgreSQL is gone and stops within seconds on SIGTERM', async () => {
    if (!api || api.child.exitCode !== null) api = await spawnApi(place);
    const token = await loginAs(api, DEMO_ACCOUNTS.parent);
    const pg = postmasterPid(place)!;
    process.kill(pg, 'SIGKILL');
    while (isAlive(pg)) await new Promise((r) => setTimeout(r, 50));

    const anonymous = await api.gql(`{ programs { totalCount } }`);
    expect(anonymous.status).toBe(503);
    expect(anonymous.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
    expect(anonymous.errors![0].message).toMatch(/временно недоступен/);
    const signedIn = await api.gql(`{ myChildren { id } }`, undefined, token);
    expect(signedIn.status).toBe(503);
    expect(signedIn.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${api.url}/healthz`)).status).toBe(503);

    const started = Date.now();
    api.child.kill('SIGTERM');
    const code = await api.exited;
    const took = Date.now() - started;
    expect(code, api.output()).toBe(0);
    expect(took).toBeLessThan(8_000);
  });
});
