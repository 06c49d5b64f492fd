import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createTestCertificate } from '../../../test/certificates';
import { createTestGroup, createTestParents } from '../../../test/enrollment';
import type { FixedClock } from '../../common/clock';
import type { Container } from '../../common/container';
import { addDays } from '../../common/dates';
import { DomainError } from '../../common/errors';
import type { Actor } from '../../common/actor';
import { checkInvariants } from '../../invariants/registry';
import { LedgerService } from '../certificates/ledger.service';
import { monthsTouched } from '../contracts/contract-terms';
import { ApplicationStatus } from './enrollment.enums';
import { ContractStatus } from '../contracts/contracts.enums';
import { EnrollmentService } from './enrollment.service';
import { ContractOffers } from '../contracts/contract-offers';
import { TEST_TODAY } from '../../testing/test-today';

const NOMINAL = 1_347_000;
const SHARE = 400_000; // min(price 5 000 ₽, normative 4 000 ₽)

describe('enrollment', () => {
  let ds: DataSource;
  let container: Container;
  let close: () => Promise<void>;
  let clock: FixedClock;
  let enrollment: EnrollmentService;
  let offers: ContractOffers;
  let parent: Actor;
  let staff: Actor;
  let otherStaff: Actor;
  let operator: Actor;

  beforeAll(async () => {
    ({ dataSource: ds, container, close, clock } = await createTestApp({ poolSize: 50 }));
    enrollment = container.get(EnrollmentService);
    offers = container.get(ContractOffers);
    parent = await actorByEmail(ds, 'parent@demo.ru');
    staff = await actorByEmail(ds, 'staff@demo.ru');
    otherStaff = await actorByEmail(ds, 'staff.blag@demo.ru');
    operator = await actorByEmail(ds, 'operator@demo.ru');
  });
  afterAll(() => close());

  /** Months of a contract offered today for a default test group inside today's period (the period ends on 31 December): what is blocked now. */
  const contractMonths = () => monthsTouched(TEST_TODAY, `${TEST_TODAY.slice(0, 4)}-12-31`);
  /** The whole season of that contract: the group runs 200 days ahead, into the next year. */
  const seasonMonths = () => monthsTouched(TEST_TODAY, addDays(TEST_TODAY, 200));
  const balance = async (certificateId: string) => {
    const account = await new LedgerService().accountFor(ds.manager, certificateId, TEST_TODAY);
    return { blocked: account!.blocked, committed: account!.committed, available: account!.available };
  };
  const failure = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error('expected a DomainError');
  };
  const seatsTaken = async (groupId: string): Promise<number> => (await ds.query(`SELECT seats_taken FROM groups WHERE id = $1`, [groupId]))[0].seats_taken;
  const statusOf = async (applicationId: string): Promise<string> => (await ds.query(`SELECT status FROM applications WHERE id = $1`, [applicationId]))[0].status;
  const contractOf = async (applicationId: string) => (await ds.query(`SELECT id, status FROM contracts WHERE application_id = $1`, [applicationId]))[0] ?? null;
  const notices = async (userId: string): Promise<string[]> =>
    (await ds.query(`SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at, kind`, [userId])).map((r: { kind: string }) => r.kind);
  const expectInvariants = async () => expect(await checkInvariants(ds)).toEqual([]);

  describe('the happy path', () => {
    it('submits, confirms with a block of share × months, signs into committed money, with balances and notices at each step', async () => {
      const { certificateId, childId } = await createTestCertificate(ds);
      const { groupId } = await createTestGroup(ds);
      const total = SHARE * contractMonths();

      const application = await enrollment.submitApplication(parent, { childId, groupId });
      expect(application.status).toBe(ApplicationStatus.SUBMITTED);
      expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 0, available: NOMINAL });
      expect(await seatsTaken(groupId)).toBe(0);
      await expectInvariants();

      const confirmed = await enrollment.confirmApplication(staff, application.id);
      expect(confirmed.status).toBe(ApplicationStatus.CONFIRMED);
      expect(await balance(certificateId)).toEqual({ blocked: total, committed: 0, available: NOMINAL - total });
      expect(await seatsTaken(groupId)).toBe(1);
      const [offer] = await ds.query(`SELECT * FROM contracts WHERE application_id = $1`, [application.id]);
      expect(offer).toMatchObject({
        status: 'OFFERED',
        starts_on: TEST_TODAY,
        ends_on: addDays(TEST_TODAY, 200),
        months: seasonMonths(),
        monthly_price: '500000',
        certificate_monthly_share: String(SHARE),
        parent_monthly_copayment: '100000',
        certificate_total: String(SHARE * seasonMonths()),
        certificate_id: certificateId,
      });
      expect(offer.number).toMatch(/^28-ZEYA-\d{4}-\d{6}$/);
      expect(offer.text).toContain(`ДОГОВОР ОБ ОБРАЗОВАНИИ № ${offer.number}`);
      expect(offer.text).toContain('Доплата Заказчика: 1\u00a0000,00\u00a0₽ в месяц.');
      expect(new Date(offer.offer_expires_at).getTime() - new Date(offer.offered_at).getTime()).toBe(5 * 24 * 3600_000);
      await expectInvariants();

      const contract = await offers.signContract(parent, offer.id);
      expect(contract.status).toBe(ContractStatus.ACTIVE);
      expect(await statusOf(application.id)).toBe(ApplicationStatus.ENROLLED);
      expect(await balance(certificateId)).toEqual({ blocked: 0, committed: total, available: NOMINAL - total });
      expect(await seatsTaken(groupId)).toBe(1);
      await expectInvariants();

      expect(await notices(parent.userId)).toEqual(expect.arrayContaining(['APPLICATION_SUBMITTED', 'APPLICATION_CONFIRMED', 'APPLICATION_ENROLLED']));
      expect(await notices(staff.userId)).toContain('NEW_APPLICATION');
      const [{ outbox }] = await ds.query(`SELECT count(*)::int AS outbox FROM email_outbox e JOIN notifications n ON n.id = e.notification_id WHERE n.application_id = $1`, [
        application.id,
      ]);
      const [{ staffCount }] = await ds.query(`SELECT count(*)::int AS "staffCount" FROM users WHERE organization_id = $1 AND role = 'PROVIDER_STAFF'`, [staff.organizationId]);
      expect(outbox).toBe(3 + staffCount); // three for the parent, one for each of the organization's staff
      const history = await ds.query(`SELECT status FROM application_events WHERE application_id = $1 ORDER BY id`, [application.id]);
      expect(history.map((h: { status: string }) => h.status)).toEqual(['SUBMITTED', 'CONFIRMED', 'ENROLLED']);
    });

    it('moves no certificate money for BUDGET and PAID programs', async () => {
      const { certificateId, childId } = await createTestCertificate(ds, { status: 'ACCOUNTING' });
      for (const fundingType of ['BUDGET', 'PAID'] as const) {
        const { groupId } = await createTestGroup(ds, { fundingType });
        const application = await enrollment.submitApplication(parent, { childId, groupId });
        await enrollment.confirmApplication(staff, application.id);
        const offer = await contractOf(application.id);
        await offers.signContract(parent, offer.id);
        const [row] = await ds.query(`SELECT certificate_total, certificate_id FROM contracts WHERE id = $1`, [offer.id]);
        expect(row).toEqual({ certificate_total: '0', certificate_id: null });
      }
      expect(await ds.query(`SELECT 1 FROM ledger_entries WHERE certificate_id = $1`, [certificateId])).toEqual([]);
      await expectInvariants();
    });
  });

  describe('refusals when applying', () => {
    it('refuses a child whose age at the group start is outside the program ages', async () => {
      const { childId } = await createTestCertificate(ds);
      const { groupId } = await createTestGroup(ds, { ageFrom: 12, ageTo: 17 });
      const err = await failure(enrollment.submitApplication(parent, { childId, groupId }));
      expect(err.code).toBe('AGE_NOT_ELIGIBLE');
      expect(err.details).toMatchObject({ ageFrom: 12, ageTo: 17 });
    });

    it('refuses a group closed for enrollment', async () => {
      const { childId } = await createTestCertificate(ds);
      const { groupId } = await createTestGroup(ds, { enrollmentOpen: false });
      expect((await failure(enrollment.submitApplication(parent, { childId, groupId }))).code).toBe('ENROLLMENT_CLOSED');
    });

    it('refuses unpublished programs and certificate programs that are not certified', async () => {
      const { childId } = await createTestCertificate(ds);
      const draft = await createTestGroup(ds, { programStatus: 'DRAFT' });
      expect((await failure(enrollment.submitApplication(parent, { childId, groupId: draft.groupId }))).code).toBe('PROGRAM_NOT_AVAILABLE');
      const uncertified = await createTestGroup(ds, { certificationStatus: 'SUBMITTED' });
      expect((await failure(enrollment.submitApplication(parent, { childId, groupId: uncertified.groupId }))).code).toBe('PROGRAM_NOT_AVAILABLE');
    });

    it('refuses a second live application of the same child for the same program', async () => {
      const { childId } = await createTestCertificate(ds);
      const { groupId } = await createTestGroup(ds);
      await enrollment.submitApplication(parent, { childId, groupId });
      expect((await failure(enrollment.submitApplication(parent, { childId, groupId }))).code).toBe('DUPLICATE_APPLICATION');
    });

    it('refuses simultaneous duplicates so that exactly one application is live', async () => {
      const { childId } = await createTestCertificate(ds);
      const { groupId } = await createTestGroup(ds);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => enrollment.submitApplication(parent, { childId, groupId })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason.code).toBe('DUPLICATE_APPLICATION');
    });

    it('refuses a certificate whose status does not fit the funding type, and needs none for PAID programs', async () => {
      const accounting = await createTestCertificate(ds, { status: 'ACCOUNTING' });
      const pending = await createTestCertificate(ds, { status: 'PENDING_VERIFICATION' });
      const certificateGroup = await createTestGroup(ds);
      const budgetGroup = await createTestGroup(ds, { fundingType: 'BUDGET' });
      const paidGroup = await createTestGroup(ds, { fundingType: 'PAID' });
      expect((await failure(enrollment.submitApplication(parent, { childId: accounting.childId, groupId: certificateGroup.groupId }))).code).toBe('CERTIFICATE_STATUS');
      expect((await failure(enrollment.submitApplication(parent, { childId: pending.childId, groupId: budgetGroup.groupId }))).code).toBe('CERTIFICATE_STATUS');
      expect((await enrollment.submitApplication(parent, { childId: accounting.childId, groupId: budgetGroup.groupId })).status).toBe('SUBMITTED');
      expect((await enrollment.submitApplication(parent, { childId: pending.childId, groupId: paidGroup.groupId })).status).toBe('SUBMITTED');
    });

    it('does not let a parent apply for someone else\'s child', async () => {
      const [stranger] = await createTestParents(ds, 1);
      const { childId } = await createTestCertificate(ds);
      const { groupId } = await createTestGroup(ds);
      expect((await failure(enrollment.submitApplication(stranger, { childId, groupId }))).code).toBe('NOT_FOUND');
    });
  });

  describe('refusals when confirming', () => {
    it('refuses to confirm when the certificate cannot cover the block, and changes nothing', async () => {
      const { certificateId, childId } = await createTestCertificate(ds, { nominal: SHARE });
      const { groupId } = await createTestGroup(ds);
      const application = await enrollment.submitApplication(parent, { childId, groupId });
      const err = await failure(enrollment.confirmApplication(staff, application.id));
      expect(err.code).toBe('INSUFFICIENT_BALANCE');
      expect(err.details).toEqual({ available: SHARE, required: SHARE * contractMonths() });
      expect(await statusOf(application.id)).toBe('SUBMITTED');
      expect(await seatsTaken(groupId)).toBe(0);
      expect(await contractOf(application.id)).toBeNull();
      expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 0, available: SHARE });
      await expectInvariants();
    });

    it('refuses to confirm beyond the capacity', async () => {
      const { groupId } = await createTestGroup(ds, { capacity: 2 });
      const a = await enrollment.submitApplication(parent, { childId: (await createTestCertificate(ds)).childId, groupId });
      const b = await enrollment.submitApplication(parent, { childId: (await createTestCertificate(ds)).childId, groupId });
      await ds.query(`UPDATE groups SET capacity = 1 WHERE id = $1`, [groupId]);
      await enrollment.confirmApplication(staff, a.id);
      expect((await failure(enrollment.confirmApplication(staff, b.id))).code).toBe('GROUP_FULL');
      expect(await seatsTaken(groupId)).toBe(1);
      await expectInvariants();
    });

    it('refuses to offer a contract for a group that starts in a period the municipality has not set yet', async () => {
      const { childId } = await createTestCertificate(ds);
      const later = Number(TEST_TODAY.slice(0, 4)) + 2;
      const { groupId } = await createTestGroup(ds, { startsOn: `${later}-02-01`, endsOn: `${later}-05-31` });
      const application = await enrollment.submitApplication(parent, { childId, groupId });
      expect((await failure(enrollment.confirmApplication(staff, application.id))).code).toBe('OUTSIDE_PERIOD');
      expect(await seatsTaken(groupId)).toBe(0);
    });
  });

  describe('the state machine, per role', () => {
    it('lets only the organization\'s staff confirm or reject, and only the parent cancel or sign', async () => {
      const { childId } = await createTestCertificate(ds);
      const { groupId } = await createTestGroup(ds);
      const application = await enrollment.submitApplication(parent, { childId, groupId });
      expect((await failure(enrollment.confirmApplication(parent, application.id))).code).toBe('FORBIDDEN');
      expect((await failure(enrollment.confirmApplication(operator, application.id))).code).toBe('FORBIDDEN');
      expect((await failure(enrollment.confirmApplication(otherStaff, application.id))).code).toBe('NOT_FOUND');
      expect((await failure(enrollment.rejectApplication(parent, application.id, 'нет'))).code).toBe('FORBIDDEN');
      expect((await failure(enrollment.rejectApplication(otherStaff, application.id, 'нет мест'))).code).toBe('NOT_FOUND');
      expect((await failure(enrollment.cancelApplication(staff, application.id))).code).toBe('FORBIDDEN');
      expect((await failure(enrollment.submitApplication(staff, { childId, groupId }))).code).toBe('FORBIDDEN');
      const [stranger] = await createTestParents(ds, 1);
      expect((await failure(enrollment.cancelApplication(stranger, application.id))).code).toBe('NOT_FOUND');

      await enrollment.confirmApplication(staff, application.id);
      const offer = await contractOf(application.id);
      expect((await failure(enrollment.confirmApplication(staff, application.id))).code).toBe('INVALID_TRANSITION');
      expect((await failure(offers.signContract(staff, offer.id))).code).toBe('FORBIDDEN');
      expect((await failure(offers.signContract(stranger, offer.id))).code).toBe('NOT_FOUND');
      await offers.signContract(parent, offer.id);

      expect((await failure(offers.signContract(parent, offer.id))).code).toBe('INVALID_TRANSITION');
      expect((await failure(enrollment.cancelApplication(parent, application.id))).code).toBe('INVALID_TRANSITION');
      expect((await failure(enrollment.rejectApplication(staff, application.id, 'поздно'))).code).toBe('INVALID_TRANSITION');
      expect(await statusOf(application.id)).toBe('ENROLLED');
      await expectInvariants();
    });

    it('refuses to confirm a waitlisted application and to sign an offer past its deadline', async () => {
      const { groupId } = await createTestGroup(ds, { capacity: 1 });
      const first = await enrollment.submitApplication(parent, { childId: (await createTestCertificate(ds)).childId, groupId });
      const waiting = await enrollment.submitApplication(parent, { childId: (await createTestCertificate(ds)).childId, groupId });
      expect(waiting.status).toBe('WAITLISTED');
      expect((await failure(enrollment.confirmApplication(staff, waiting.id))).code).toBe('INVALID_TRANSITION');
      await enrollment.confirmApplication(staff, first.id);
      const offer = await contractOf(first.id);
      const late = new Date(clock.now().getTime() + 6 * 24 * 3600_000);
      expect((await failure(offers.signContract(parent, offer.id, null, late))).code).toBe('OFFER_EXPIRED');
      expect(await statusOf(first.id)).toBe('CONFIRMED');
    });

    it('returns the seat and the block when the parent cancels an offer, and the waitlist moves up', async () => {
      const [other] = await createTestParents(ds, 1);
      const mine = await createTestCertificate(ds);
      const theirs = await createTestCertificate(ds, { parentEmail: other.email });
      const { groupId } = await createTestGroup(ds, { capacity: 1 });
      const application = await enrollment.submitApplication(parent, { childId: mine.childId, groupId });
      const waiting = await enrollment.submitApplication(other, { childId: theirs.childId, groupId });
      await enrollment.confirmApplication(staff, application.id);
      expect(await balance(mine.certificateId)).toMatchObject({ blocked: SHARE * contractMonths() });

      const cancelled = await enrollment.cancelApplication(parent, application.id);
      expect(cancelled.status).toBe('CANCELLED');
      expect((await contractOf(application.id)).status).toBe('CANCELLED');
      expect(await balance(mine.certificateId)).toEqual({ blocked: 0, committed: 0, available: NOMINAL });
      expect(await seatsTaken(groupId)).toBe(0);
      expect(await statusOf(waiting.id)).toBe('SUBMITTED');
      expect(await notices(other.userId)).toEqual(['APPLICATION_WAITLISTED', 'APPLICATION_SUBMITTED']);
      await expectInvariants();
    });

    it('withdraws the offer when the organization rejects after confirming, keeping the reason for the parent', async () => {
      const { certificateId, childId } = await createTestCertificate(ds);
      const { groupId } = await createTestGroup(ds);
      const application = await enrollment.submitApplication(parent, { childId, groupId });
      await enrollment.confirmApplication(staff, application.id);
      const rejected = await enrollment.rejectApplication(staff, application.id, 'Группа переформирована');
      expect(rejected).toMatchObject({ status: 'REJECTED', rejectReason: 'Группа переформирована' });
      expect((await contractOf(application.id)).status).toBe('CANCELLED');
      expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 0, available: NOMINAL });
      expect(await seatsTaken(groupId)).toBe(0);
      const [notice] = await ds.query(`SELECT body FROM notifications WHERE application_id = $1 AND kind = 'APPLICATION_REJECTED'`, [application.id]);
      expect(notice.body).toContain('Причина: Группа переформирована');
      await expectInvariants();
    });
  });

  describe('racing decisions on one offer', () => {
    it('lets exactly one of signing, cancelling and rejecting win, and keeps the money and the seat consistent', async () => {
      for (let round = 0; round < 5; round++) {
        const { certificateId, childId } = await createTestCertificate(ds);
        const { groupId } = await createTestGroup(ds);
        const application = await enrollment.submitApplication(parent, { childId, groupId });
        await enrollment.confirmApplication(staff, application.id);
        const offer = await contractOf(application.id);
        const results = await Promise.allSettled([
          offers.signContract(parent, offer.id),
          enrollment.cancelApplication(parent, application.id),
          enrollment.rejectApplication(staff, application.id, 'Группа расформирована'),
          enrollment.expireOffers(new Date(clock.now().getTime() + 6 * 24 * 3600_000)),
        ]);
        const decisions = results.slice(0, 3);
        expect(results[3].status).toBe('fulfilled');
        const expired = (await statusOf(application.id)) === 'EXPIRED';
        expect(decisions.filter((r) => r.status === 'fulfilled').length + (expired ? 1 : 0)).toBe(1);
        for (const r of decisions.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason.code).toBe('INVALID_TRANSITION');
        const total = SHARE * contractMonths();
        const signed = (await statusOf(application.id)) === 'ENROLLED';
        expect(await balance(certificateId)).toEqual({ blocked: 0, committed: signed ? total : 0, available: NOMINAL - (signed ? total : 0) });
        expect(await seatsTaken(groupId)).toBe(signed ? 1 : 0);
        await expectInvariants();
      }
    });
  });

  describe('idempotency', () => {
    it('returns the first result for a retried mutation with the same key and changes nothing', async () => {
      const { certificateId, childId } = await createTestCertificate(ds);
      const { groupId } = await createTestGroup(ds);
      const key = randomUUID();
      const [first, ...retries] = await Promise.all(Array.from({ length: 5 }, () => enrollment.submitApplication(parent, { childId, groupId, idempotencyKey: key })));
      for (const retry of retries) expect(retry.id).toBe(first.id);
      const confirmKey = randomUUID();
      await enrollment.confirmApplication(staff, first.id, confirmKey);
      expect((await enrollment.confirmApplication(staff, first.id, confirmKey)).id).toBe(first.id);
      expect(await seatsTaken(groupId)).toBe(1);
      expect(await balance(certificateId)).toMatchObject({ blocked: SHARE * contractMonths() });
      const offer = await contractOf(first.id);
      const signKey = randomUUID();
      await offers.signContract(parent, offer.id, signKey);
      expect((await offers.signContract(parent, offer.id, signKey)).status).toBe('ACTIVE');
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM applications WHERE child_id = $1`, [childId]);
      expect(n).toBe(1);
      expect((await failure(enrollment.cancelApplication(parent, first.id, key))).code).toBe('IDEMPOTENCY_KEY_REUSED');
      await expectInvariants();
    });
  });

  describe('offer expiry', () => {
    it('expires unsigned offers only after their deadline, frees the seat and the block, and moves the waitlist up, once', async () => {
      const [other] = await createTestParents(ds, 1);
      const mine = await createTestCertificate(ds);
      const theirs = await createTestCertificate(ds, { parentEmail: other.email });
      const { groupId } = await createTestGroup(ds, { capacity: 1 });
      const application = await enrollment.submitApplication(parent, { childId: mine.childId, groupId });
      const waiting = await enrollment.submitApplication(other, { childId: theirs.childId, groupId });
      await enrollment.confirmApplication(staff, application.id);

      expect(await enrollment.expireOffers(new Date(clock.now().getTime() + 4 * 24 * 3600_000))).toBe(0);
      expect(await statusOf(application.id)).toBe('CONFIRMED');

      const later = new Date(clock.now().getTime() + 6 * 24 * 3600_000);
      // A shutdown stops the loop before the next offer; the next run expires it.
      expect(await enrollment.expireOffers(later, AbortSignal.abort())).toBe(0);
      expect(await statusOf(application.id)).toBe('CONFIRMED');
      expect(await enrollment.expireOffers(later)).toBeGreaterThanOrEqual(1);
      expect(await statusOf(application.id)).toBe('EXPIRED');
      expect((await contractOf(application.id)).status).toBe('EXPIRED');
      expect(await balance(mine.certificateId)).toEqual({ blocked: 0, committed: 0, available: NOMINAL });
      expect(await seatsTaken(groupId)).toBe(0);
      expect(await statusOf(waiting.id)).toBe('SUBMITTED');
      expect(await notices(parent.userId)).toContain('APPLICATION_EXPIRED');
      expect(await notices(other.userId)).toEqual(['APPLICATION_WAITLISTED', 'APPLICATION_SUBMITTED']);
      await expectInvariants();

      expect(await enrollment.expireOffers(later)).toBe(0);
      expect(await ds.query(`SELECT type FROM ledger_entries WHERE certificate_id = $1 AND type = 'UNBLOCK'`, [mine.certificateId])).toHaveLength(1);
    });
  });
});
