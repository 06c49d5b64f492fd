import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createFinancedChildren } from '../../../test/certificates';
import { createTestParents } from '../../../test/enrollment';
import { createTestProgram } from '../../../test/signed-contracts';
import type { FixedClock } from '../../common/clock';
import type { Container } from '../../common/container';
import { addDays, type IsoDate } from '../../common/dates';
import { jobs } from '../../jobs/jobs';
import type { Actor } from '../../common/actor';
import { Role } from '../../common/role';
import { monthsFromTo, prorate } from '../../common/months';
import { ChargeService } from '../billing/charge.service';
import { CertificateService } from '../certificates/certificate.service';
import { checkInvariants } from '../../invariants/registry';
import { LedgerService } from '../certificates/ledger.service';
import { MunicipalityService } from '../municipalities/municipality.service';
import { fundingPhrases, type UnfundedReason } from '../notifications/phrasebook/funding';
import { Contract } from '../contracts/contract.entity';
import { ContractFundingService } from '../contracts/contract-funding.service';
import { monthsTouched } from '../contracts/contract-terms';
import { EnrollmentService } from './enrollment.service';
import { ContractOffers } from '../contracts/contract-offers';

const PRICE = 200_000;
const SHARE = 180_000;
const CAPACITY = 10;
const WAITLIST = 2;
const FIRST_DAY = '2026-09-01';
const LAST_DAY = '2027-06-01';

/** What becomes of a contract at the rollover. */
type Fate = 'kept' | 'silent' | 'pays' | 'rescued';

interface SimGroup {
  index: number;
  groupId: string;
  staff: Actor;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** The day its contracts are confirmed (and signed the next day). */
  offerDay: IsoDate;
  zeya: boolean;
}

interface Seat {
  group: SimGroup;
  parent: Actor;
  childId: string;
  certificateId: string;
  fate: Fate;
  reason?: UnfundedReason;
  contractId?: string;
  applicationId?: string;
}

/** Runs `work` over `items`, `parallel` at a time (the pool has ten connections). */
async function inParallel<T>(items: T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/**
 * A whole school year, day by day, through the real job handlers
 * (DESIGN.md «Seasons across periods»; issue 12, deliverable 7). 20 groups of
 * five organizations in Zeya and Blagoveshchensk, 200 contracts signed in
 * September (one group starts in January, one ends before the New Year).
 * Zeya's 2027 limit leaves 20 certificates out, and ten children hold two
 * contracts that the 2027 nominal cannot both pay: their parents pay
 * themselves, stay silent, or are rescued by the МОЦ in time.
 */
describe('a school year from 1 September to 31 May', () => {
  let ds: DataSource;
  let container: Container;
  let clock: FixedClock;
  let close: () => Promise<void>;
  let operator: Actor;
  let zeyaId: string;
  const groups: SimGroup[] = [];
  const seats: Seat[] = [];
  const waitlisted: { group: SimGroup; parent: Actor; applicationId: string }[] = [];
  const refusals: { contractId: string; month: string; code: string }[] = [];

  const contractsOf = (fate: Fate) => seats.filter((s) => s.fate === fate);
  const contract = (id: string) => ds.getRepository(Contract).findOneByOrFail({ id });

  beforeAll(async () => {
    ({ dataSource: ds, container, clock, close } = await createTestApp({ today: FIRST_DAY, poolSize: 10 }));
    operator = await actorByEmail(ds, 'operator@demo.ru');
    [{ id: zeyaId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);

    // Four organizations of Zeya (ДДТ «Ровесник» and three more, each with its staff) and one of Blagoveshchensk.
    const [{ organization_id: rovesnik }] = await ds.query(`SELECT organization_id FROM users WHERE email = 'staff@demo.ru'`);
    // Zeya has two seeded providers; two more open for the simulation.
    for (const name of ['Центр «Радуга»', 'Школа «Умка»']) {
      await ds.query(
        `INSERT INTO organizations (municipality_id, name, short_name, type, inn, license_number, license_date, address, phone, email, description, pf_connected)
         SELECT municipality_id, $2, $2, type, '28' || lpad((floor(random() * 1e8))::bigint::text, 8, '0'), license_number, license_date, address, phone, email, description, true
           FROM organizations WHERE id = $1`,
        [rovesnik, name],
      );
    }
    const others: { id: string }[] = await ds.query(`SELECT id FROM organizations WHERE municipality_id = $1 AND id <> $2 ORDER BY id LIMIT 3`, [zeyaId, rovesnik]);
    expect(others).toHaveLength(3);
    const staffEmails = ['staff@demo.ru', ...others.map((_, i) => `staff-sim-${i}@test.ru`), 'staff.blag@demo.ru'];
    for (const [i, org] of others.entries()) {
      await ds.query(`INSERT INTO users (email, password_hash, role, full_name, municipality_id, organization_id) VALUES ($1, 'not-a-hash', 'PROVIDER_STAFF', 'Сотрудник Тестовый', $2, $3)`, [
        staffEmails[i + 1],
        zeyaId,
        org.id,
      ]);
    }
    const staff = await Promise.all(staffEmails.map((e) => actorByEmail(ds, e)));

    for (let index = 0; index < 20; index++) {
      // Group 3 starts and ends mid-month, group 7 starts in January (offered in December), group 11 ends before the New Year.
      const startsOn = index === 3 ? '2026-09-15' : index === 7 ? '2027-01-11' : FIRST_DAY;
      const endsOn = index === 3 ? '2027-05-20' : index === 11 ? '2026-12-25' : '2027-05-31';
      const org = Math.floor(index / 4);
      const { groupId } = await createTestProgram(ds, { title: `Кружок ${index + 1}`, price: PRICE, share: SHARE, capacity: CAPACITY, staffEmail: staffEmails[org], startsOn, endsOn });
      groups.push({ index, groupId, staff: staff[org], startsOn, endsOn, offerDay: index === 7 ? '2026-12-10' : FIRST_DAY, zeya: index < 16 });
    }

    // Who loses what at the rollover (Zeya only; Blagoveshchensk keeps its limit):
    // seats 8 and 9 of ten Zeya groups belong to the 20 certificates the 2027 limit leaves out;
    // group 6 is taken by the ten children who already hold a seat in group 5 (2027 pays one contract, not two).
    const losers = [0, 1, 2, 3, 4, 7, 8, 9, 10, 12];
    const plan: { group: SimGroup; fate: Fate; reason?: UnfundedReason; lateFinanced: boolean }[] = [];
    for (const group of groups) {
      if (group.index === 6) continue;
      for (let seat = 0; seat < CAPACITY; seat++) {
        const lost = losers.includes(group.index) && seat >= 8;
        const fate: Fate = !lost ? 'kept' : seat === 8 ? 'silent' : group.index === 10 || group.index === 12 ? 'rescued' : 'pays';
        plan.push({ group, fate, reason: lost ? 'NOT_FINANCING' : undefined, lateFinanced: lost });
      }
    }
    /** Children with financing certificates for `entries`, in their groups' municipalities, in the order given. */
    const make = async (entries: { group: SimGroup; lateFinanced: boolean }[]) => {
      const made: { parent: Actor; childId: string; certificateId: string }[] = new Array(entries.length);
      for (const zeya of [true, false]) {
        const indexes = entries.flatMap((e, i) => (e.group.zeya === zeya ? [i] : []));
        if (indexes.length === 0) continue;
        const parents = await createTestParents(ds, indexes.length, zeya ? 'zeya' : 'blagoveshchensk');
        // Certificates financed after the seeded ones are the first a lower limit leaves out.
        const children = await createFinancedChildren(ds, parents, {
          on: FIRST_DAY,
          nominal: 1_347_000,
          financedAt: (k) => new Date(Date.parse(entries[indexes[k]].lateFinanced ? '2026-12-01T00:00:00Z' : '2026-08-01T00:00:00Z') + k * 1000),
        });
        indexes.forEach((i, k) => (made[i] = { parent: parents[k], ...children[k] }));
      }
      return made;
    };
    const children = await make(plan);
    plan.forEach((p, i) => seats.push({ group: p.group, fate: p.fate, reason: p.reason, ...children[i] }));
    // Group 5's children also take group 6 (2026 tops their nominal up for both); signed second, it waits in 2027.
    const doubles = seats.filter((s) => s.group.index === 5);
    const ledger = container.get(LedgerService);
    for (const d of doubles) {
      await ds.transaction((m) =>
        ledger.credit(m, { certificateId: d.certificateId, amount: 200_000, on: FIRST_DAY, actorUserId: null, reason: 'Доплата номинала (тест)', idempotencyKey: `test-topup:${d.certificateId}` }),
      );
    }
    doubles.forEach((d, i) => seats.push({ ...d, group: groups[6], fate: i % 2 === 0 ? 'pays' : 'silent', reason: 'TOO_LITTLE' }));

    // Everyone applies in late August; two more per group wait on the list.
    const waiting = await make(groups.flatMap((group) => Array.from({ length: WAITLIST }, () => ({ group, lateFinanced: false }))));
    const enrollment = container.get(EnrollmentService);
    clock.set('2026-08-25');
    await inParallel(groups, 5, async (group) => {
      for (const seat of seats.filter((s) => s.group === group)) {
        seat.applicationId = (await enrollment.submitApplication(seat.parent, { childId: seat.childId, groupId: group.groupId })).id;
      }
    });
    for (const [i, w] of waiting.entries()) {
      const group = groups[Math.floor(i / WAITLIST)];
      const application = await enrollment.submitApplication(w.parent, { childId: w.childId, groupId: group.groupId });
      expect(application.status).toBe('WAITLISTED');
      waitlisted.push({ group, parent: w.parent, applicationId: application.id });
    }
  }, 120_000);
  afterAll(() => close());

  /** Staff confirm a group's applications on its offer day and the parents sign the next morning. */
  const offerAndSign = async (group: SimGroup, day: IsoDate) => {
    const enrollment = container.get(EnrollmentService);
    const offers = container.get(ContractOffers);
    for (const seat of seats.filter((s) => s.group === group)) {
      tick(day);
      await enrollment.confirmApplication(group.staff, seat.applicationId!);
      const offer = await ds.getRepository(Contract).findOneByOrFail({ applicationId: seat.applicationId! });
      tick(addDays(day, 1));
      seat.contractId = (await offers.signContract(seat.parent, offer.id)).id;
    }
    clock.set(day);
  };
  /** Moves the clock to a moment of `day` later than every earlier one: the order of signatures decides who is funded first. */
  let ticks = 0;
  const tick = (day: IsoDate) => {
    clock.set(day);
    clock.advanceMs(++ticks * 1000);
  };

  /** Each organization records the month's charges for every contract it may charge. */
  const recordCharges = async (month: string, today: IsoDate) => {
    const charges = container.get(ChargeService);
    const staff = [...new Set(groups.map((g) => g.staff))];
    await inParallel(staff, 5, async (actor) => {
      const open: Contract[] = await ds.getRepository(Contract).createQueryBuilder('c')
        .where(`c.organization_id = :org AND c.status IN ('ACTIVE','TERMINATED','AWAITING_FUNDING') AND c.group_id IN (:...groupIds)`, {
          org: actor.organizationId,
          groupIds: groups.map((g) => g.groupId),
        })
        .andWhere(`to_char(c.starts_on, 'YYYY-MM') <= :month AND to_char(c.ends_on, 'YYYY-MM') >= :month`, { month })
        .getMany();
      const items = open.map((c) => ({ contractId: c.id, amount: prorate(SHARE, c, month) }));
      for (const result of await charges.recordCharges(actor, { month, items }, today)) {
        if (result.errorCode) refusals.push({ contractId: result.contractId, month, code: result.errorCode });
      }
    });
  };

  it('keeps every seat it should through New Year, asks every parent of a waiting contract, and balances every account', async () => {
    const funding = container.get(ContractFundingService);
    const seatsOn = async (): Promise<Map<string, number>> =>
      new Map((await ds.query(`SELECT id, seats_taken FROM groups WHERE id = ANY($1::uuid[])`, [groups.map((g) => g.groupId)])).map((r: { id: string; seats_taken: number }) => [r.id, r.seats_taken]));
    let december: Map<string, number> | undefined;

    const events = new Map<IsoDate, () => Promise<void>>();
    const on = (day: IsoDate, work: () => Promise<void>) => {
      const before = events.get(day);
      events.set(day, async () => {
        await before?.();
        await work();
      });
    };
    for (const group of groups) on(group.offerDay, () => offerAndSign(group, group.offerDay));
    // Group 6 is signed after group 5 by the same children: 2027 funds group 5 first.
    // On the 20th: a contract is completed the day after it ends, and a completed one takes no charge (group 3 ends on 20 May).
    for (const month of monthsFromTo('2026-09', '2027-05')) on(`${month}-20`, () => recordCharges(month, `${month}-20`));
    on('2026-12-20', async () => {
      // The МОЦ sets 2027 so that the 20 certificates financed last (ours, marked late) are left out.
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM certificates WHERE municipality_id = $1 AND status = 'FINANCING'`, [zeyaId]);
      await container.get(MunicipalityService).setCertificatePeriod(operator, {
        municipalityId: zeyaId, year: 2027, nominal: 1_347_000, financingLimit: n - 20, startsOn: '2027-01-01', endsOn: '2027-12-31',
      });
    });
    on('2026-12-31', async () => {
      december = await seatsOn();
    });
    on('2027-01-01', async () => {
      // Nothing ended on New Year's Day: every seat of December is still taken.
      expect(await seatsOn()).toEqual(december);
      const statuses = new Map<string, string>((await ds.query(`SELECT id, status FROM contracts WHERE id = ANY($1::uuid[])`, [seats.map((s) => s.contractId)])).map((r: { id: string; status: string }) => [r.id, r.status]));
      for (const seat of seats) {
        const expected = seat.group.endsOn < '2027-01-01' ? 'COMPLETED' : seat.fate === 'kept' ? 'ACTIVE' : 'AWAITING_FUNDING';
        expect({ group: seat.group.index, status: statuses.get(seat.contractId!) }).toEqual({ group: seat.group.index, status: expected });
      }
    });
    contractsOf('pays').forEach((seat, i) => on(`2027-01-${String(3 + (i % 12)).padStart(2, '0')}`, async () => {
      expect((await funding.payContractMyself(seat.parent, seat.contractId!)).status).toBe('ACTIVE');
    }));
    on('2027-01-12', async () => {
      // The МОЦ finds room for two more certificates in time: their contracts resume by themselves.
      const [period] = await ds.query(`SELECT financing_limit FROM certificate_periods WHERE municipality_id = $1 AND year = 2027`, [zeyaId]);
      await container.get(MunicipalityService).setCertificatePeriod(operator, {
        municipalityId: zeyaId, year: 2027, nominal: 1_347_000, financingLimit: period.financing_limit + 2, startsOn: '2027-01-01', endsOn: '2027-12-31',
      });
      for (const seat of contractsOf('rescued')) await container.get(CertificateService).grantFinancing(operator, seat.certificateId);
      for (const seat of contractsOf('rescued')) expect((await contract(seat.contractId!)).status).toBe('ACTIVE');
    });
    on('2027-01-17', async () => {
      // Silent parents' contracts ended yesterday: the first on each of those lists was moved up; staff offer them a seat.
      const enrollment = container.get(EnrollmentService);
      const silentGroups = new Set(contractsOf('silent').map((s) => s.group));
      for (const group of silentGroups) {
        const first = waitlisted.find((w) => w.group === group)!;
        const [{ status }] = await ds.query(`SELECT status FROM applications WHERE id = $1`, [first.applicationId]);
        expect(status).toBe('SUBMITTED');
        await enrollment.confirmApplication(group.staff, first.applicationId);
      }
    });
    on('2027-01-18', async () => {
      // Half of them sign; the other offers expire and the next child on the list moves up.
      const offers = container.get(ContractOffers);
      const promoted = [...new Set(contractsOf('silent').map((s) => s.group))].map((g) => waitlisted.find((w) => w.group === g)!);
      for (const [i, w] of promoted.entries()) {
        if (i % 2 === 1) continue;
        const offer = await ds.getRepository(Contract).findOneByOrFail({ applicationId: w.applicationId });
        await offers.signContract(w.parent, offer.id);
      }
    });

    on('2027-01-25', async () => {
      // The offers nobody signed expired and moved the list up once more.
      const promoted = [...new Set(contractsOf('silent').map((s) => s.group))];
      for (const [i, group] of promoted.entries()) {
        const [first, second] = waitlisted.filter((w) => w.group === group);
        const [{ status: firstStatus }] = await ds.query(`SELECT status FROM applications WHERE id = $1`, [first.applicationId]);
        const [{ status: secondStatus }] = await ds.query(`SELECT status FROM applications WHERE id = $1`, [second.applicationId]);
        const freed = contractsOf('silent').filter((s) => s.group === group).length + (i % 2 === 1 ? 1 : 0);
        expect({ group: group.index, firstStatus, secondStatus }).toEqual({ group: group.index, firstStatus: i % 2 === 0 ? 'ENROLLED' : 'EXPIRED', secondStatus: freed > 1 ? 'SUBMITTED' : 'WAITLISTED' });
      }
    });

    let invariantRuns = 0;
    for (let day: IsoDate = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
      clock.set(day);
      for (const job of jobs) await job.run(container, {});
      await events.get(day)?.();
      if (day.endsWith('-01')) {
        expect({ day, violations: await checkInvariants(ds) }).toEqual({ day, violations: [] });
        invariantRuns++;
      }
    }

    // Kept seats: funded by 2026 and 2027 (or 2027 alone for the January group), ran to the group's end, completed after it.
    const rows: { id: string; status: string; ends_on: string; close_reason: string | null; charges: number; parent_months: number }[] = await ds.query(
      `SELECT c.id, c.status, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.close_reason,
              (SELECT count(*)::int FROM charges ch WHERE ch.contract_id = c.id) AS charges,
              (SELECT coalesce(sum(months), 0)::int FROM contract_fundings f WHERE f.contract_id = c.id AND f.source = 'PARENT') AS parent_months
         FROM contracts c WHERE c.id = ANY($1::uuid[])`,
      [seats.map((s) => s.contractId)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const seat of seats) {
      const row = byId.get(seat.contractId!)!;
      const c = await contract(seat.contractId!);
      const where = { group: seat.group.index, fate: seat.fate };
      if (seat.fate === 'silent') {
        expect({ ...where, status: row.status, endsOn: row.ends_on }).toEqual({ ...where, status: 'COMPLETED', endsOn: '2027-01-31' });
        expect(row.close_reason).toBe('родитель не выбрал способ оплаты до 15.01.2027, а период финансирования договор не оплатил');
        continue;
      }
      expect({ ...where, status: row.status, endsOn: row.ends_on, reason: row.close_reason }).toEqual({ ...where, status: 'COMPLETED', endsOn: seat.group.endsOn, reason: null });
      const months = monthsTouched(c.startsOn, c.endsOn);
      const parentMonths = seat.fate === 'pays' ? monthsTouched(c.startsOn > '2027-01-01' ? c.startsOn : '2027-01-01', c.endsOn) : 0;
      expect({ ...where, charges: row.charges, parentMonths: row.parent_months }).toEqual({ ...where, charges: months - parentMonths, parentMonths });
    }

    // Every refused charge is a month no period funded: the 2027 months of waiting, paying and silent contracts.
    const unfunded = new Set([...contractsOf('pays'), ...contractsOf('silent'), ...contractsOf('rescued')].map((s) => s.contractId));
    for (const refusal of refusals) {
      expect(refusal.code).toBe('CHARGE_MONTH_NOT_FUNDED');
      expect(unfunded.has(refusal.contractId) && refusal.month >= '2027-01').toBe(true);
    }

    // Every parent of a contract that waited was asked, in the phrasebook's words, with the deadline 15.01.2027.
    for (const seat of seats.filter((s) => s.fate !== 'kept')) {
      const c = await contract(seat.contractId!);
      const startsOn = c.startsOn > '2027-01-01' ? c.startsOn : '2027-01-01';
      const months = monthsTouched(startsOn, seat.group.endsOn);
      const names = { number: c.number, childFirstName: 'Тест', programTitle: `Кружок ${seat.group.index + 1}` };
      const expected = fundingPhrases.awaiting(names, { year: 2027, startsOn, endsOn: seat.group.endsOn, months, amount: SHARE * months }, seat.reason!, '2027-01-15', PRICE);
      const asked = await ds.query(`SELECT title, body FROM notifications WHERE user_id = $1 AND contract_id = $2 AND kind = 'CONTRACT_AWAITING_FUNDING'`, [seat.parent.userId, c.id]);
      expect(asked).toEqual([{ title: expected.title, body: expected.body }]);
    }
    // Nobody else was asked: kept contracts were funded and told so.
    const [{ n: asked }] = await ds.query(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'CONTRACT_AWAITING_FUNDING' AND u.role = $2 AND n.contract_id = ANY($1::uuid[])`,
      [seats.map((s) => s.contractId), Role.PARENT],
    );
    expect(asked).toBe(seats.filter((s) => s.fate !== 'kept').length);

    expect(await checkInvariants(ds)).toEqual([]);
    expect(seats).toHaveLength(200);
    expect(invariantRuns).toBe(10);
  }, 180_000);
});

