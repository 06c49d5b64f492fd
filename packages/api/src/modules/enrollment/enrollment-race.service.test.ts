import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createFinancedChildren, createTestCertificate } from '../../../test/certificates';
import { createTestGroup, createTestParents } from '../../../test/enrollment';
import { raceBehindLock } from '../../../test/races';
import type { Container } from '../../common/container';
import type { Actor } from '../../common/actor';
import { GroupManagementService } from '../catalog/group-management.service';
import { checkInvariants } from '../../invariants/registry';
import { monthsTouched } from '../contracts/contract-terms';
import type { Application } from './application.entity';
import { EnrollmentService } from './enrollment.service';
import { TEST_TODAY } from '../../testing/test-today';

const PARENTS = 200;
const PENDING = 40;
const SEATS = 15;
const SHARE = 400_000; // the test group: min(price 5 000 ₽, normative 4 000 ₽)

/**
 * The season-start rush as a race for real: every contender reaches the
 * contested row (the group's seats, the certificate's money) and queues behind
 * a lock before any may go, and a control run with the guard taken away
 * shows the test would catch its loss.
 */
describe('confirmations contending for seats and money', () => {
  let ds: DataSource;
  let container: Container;
  let close: () => Promise<void>;
  let enrollment: EnrollmentService;
  let staff: Actor;

  beforeEach(async () => {
    ({ dataSource: ds, container, close } = await createTestApp({ poolSize: 60 }));
    enrollment = container.get(EnrollmentService);
    staff = await actorByEmail(ds, 'staff@demo.ru');
  });
  afterEach(() => close());

  const lockRow = (table: 'groups' | 'certificate_accounts', where: string, id: string) => (m: { query: DataSource['query'] }) =>
    m.query(`SELECT 1 FROM ${table} WHERE ${where} = $1 FOR UPDATE`, [id]);
  const seatsTaken = async (groupId: string): Promise<number> => (await ds.query(`SELECT seats_taken FROM groups WHERE id = $1`, [groupId]))[0].seats_taken;
  const codes = (results: PromiseSettledResult<unknown>[]) =>
    results.reduce<Record<string, number>>((acc, r) => {
      const key = r.status === 'fulfilled' ? 'confirmed' : (r.reason as { code: string }).code;
      return { ...acc, [key]: (acc[key] ?? 0) + 1 };
    }, {});

  /** 200 parents apply at once to a group of 40 seats (40 pending, 160 waitlisted in order); then staff cut it to 15 seats. */
  const rush = async (): Promise<{ groupId: string; pending: Application[]; waitlisted: Application[] }> => {
    const parents = await createTestParents(ds, PARENTS);
    const children = await createFinancedChildren(ds, parents, { on: TEST_TODAY, nominal: 1_347_000, financedAt: () => new Date(`${TEST_TODAY}T09:00:00Z`) });
    const { groupId } = await createTestGroup(ds, { capacity: PENDING });
    const applications = await Promise.all(parents.map((p, i) => enrollment.submitApplication(p, { childId: children[i].childId, groupId })));
    const pending = applications.filter((a) => a.status === 'SUBMITTED');
    const waitlisted = applications.filter((a) => a.status === 'WAITLISTED');
    expect(pending).toHaveLength(PENDING);
    const positions = await ds.query(`SELECT waitlist_position FROM applications WHERE group_id = $1 AND status = 'WAITLISTED' ORDER BY submitted_at`, [groupId]);
    expect(positions.map((w: { waitlist_position: number }) => w.waitlist_position)).toEqual(Array.from({ length: PARENTS - PENDING }, (_, i) => i + 1));
    // A teacher fell ill: the group takes fewer children than have applications pending.
    await container.get(GroupManagementService).updateGroup(staff, { groupId, capacity: SEATS });
    return { groupId, pending, waitlisted };
  };

  it('lets 200 parents apply at once; with 40 pending for 15 seats, exactly 15 confirmations take a seat and 25 find the group full', async () => {
    const { groupId, pending, waitlisted } = await rush();
    const confirm = (a: Application) => () => enrollment.confirmApplication(staff, a.id);
    // The waitlisted are refused before they reach the seats; the pending all queue behind the group's lock.
    const results = await raceBehindLock(ds, lockRow('groups', 'id', groupId), [...pending, ...waitlisted].map(confirm), PENDING);

    expect(codes(results.slice(0, PENDING))).toEqual({ confirmed: SEATS, GROUP_FULL: PENDING - SEATS });
    expect(codes(results.slice(PENDING))).toEqual({ INVALID_TRANSITION: PARENTS - PENDING });
    expect(await seatsTaken(groupId)).toBe(SEATS);
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('control: taking a seat by reading the free seats first and then adding one (no conditional update) overfills the group', async () => {
    const { groupId, pending } = await rush();
    // Without the database's last check, as a seat taken by read-then-write would need it gone.
    await ds.query(`ALTER TABLE groups DROP CONSTRAINT groups_seats`);
    const takeSeatUnguarded = () =>
      ds.transaction(async (m) => {
        const [{ seats_taken: taken, capacity }] = await m.query(`SELECT seats_taken, capacity FROM groups WHERE id = $1`, [groupId]);
        if (taken >= capacity) return false;
        await m.query(`UPDATE groups SET seats_taken = seats_taken + 1 WHERE id = $1`, [groupId]);
        return true;
      });
    const results = await raceBehindLock(ds, lockRow('groups', 'id', groupId), pending.map(() => takeSeatUnguarded));

    expect(results.filter((r) => r.status === 'fulfilled' && r.value)).toHaveLength(PENDING);
    expect(await seatsTaken(groupId)).toBeGreaterThan(SEATS);
  });

  it('never overspends a certificate when providers confirm twelve applications of one child at the same instant', async () => {
    const perContract = SHARE * monthsTouched(TEST_TODAY, `${TEST_TODAY.slice(0, 4)}-12-31`);
    const [parent] = await createTestParents(ds, 1);
    const { certificateId, childId } = await createTestCertificate(ds, { parentEmail: parent.email, nominal: perContract * 5 + SHARE });
    const applications = [];
    for (let i = 0; i < 12; i++) applications.push(await enrollment.submitApplication(parent, { childId, groupId: (await createTestGroup(ds)).groupId }));

    // Each confirmation takes its own group's seat and then queues for the one account.
    const results = await raceBehindLock(
      ds,
      lockRow('certificate_accounts', 'certificate_id', certificateId),
      applications.map((a) => () => enrollment.confirmApplication(staff, a.id)),
    );

    expect(codes(results)).toEqual({ confirmed: 5, INSUFFICIENT_BALANCE: 7 });
    const [account] = await ds.query(`SELECT blocked::int, committed::int FROM certificate_accounts WHERE certificate_id = $1`, [certificateId]);
    expect(account).toEqual({ blocked: 5 * perContract, committed: 0 });
    expect(await checkInvariants(ds)).toEqual([]);
  });
});
