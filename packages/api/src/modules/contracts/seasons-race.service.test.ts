import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createFinancedChildren } from '../../../test/certificates';
import { createTestParents } from '../../../test/enrollment';
import { createTestProgram } from '../../../test/signed-contracts';
import type { FixedClock } from '../../common/clock';
import type { Container } from '../../common/container';
import type { Actor } from '../../common/actor';
import { financingCreditKey } from '../certificates/certificate.service';
import { checkInvariants } from '../../invariants/registry';
import { LedgerService } from '../certificates/ledger.service';
import { PeriodRolloverService } from '../certificates/period-rollover.service';
import { MunicipalityService } from '../municipalities/municipality.service';
import { Contract } from './contract.entity';
import { ContractFundingService } from './contract-funding.service';
import { EnrollmentService } from '../enrollment/enrollment.service';
import { ContractOffers } from './contract-offers';

const SHARE = 180_000; // the test program: price 2 000 ₽, normative 1 800 ₽
const CHILDREN = 8;
/** 2027 pays one contract's five months (900 000), not two. */
const NOMINAL_2027 = 1_000_000;

/**
 * The rollover funds continuing contracts from the new nominal while staff
 * confirm new applications that would block the same money, and while
 * parents sign December offers (DESIGN.md «Seasons across periods»: «before
 * any new application can use the money, in the order the contracts were signed»).
 */
describe('the rollover racing confirmations and signatures for the same new-period money', () => {
  let ds: DataSource;
  let container: Container;
  let clock: FixedClock;
  let close: () => Promise<void>;
  let enrollment: EnrollmentService;
  let offers: ContractOffers;
  let staff: Actor;
  let zeyaId: string;

  beforeEach(async () => {
    ({ dataSource: ds, container, clock, close } = await createTestApp({ today: '2026-12-01', poolSize: 20 }));
    enrollment = container.get(EnrollmentService);
    offers = container.get(ContractOffers);
    staff = await actorByEmail(ds, 'staff@demo.ru');
    [{ id: zeyaId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
    const operator = await actorByEmail(ds, 'operator@demo.ru');
    await container.get(MunicipalityService).setCertificatePeriod(operator, {
      municipalityId: zeyaId, year: 2027, nominal: NOMINAL_2027, financingLimit: 5_000, startsOn: '2027-01-01', endsOn: '2027-12-31',
    });
  });
  afterEach(() => close());

  /**
   * CHILDREN children, each with a September–May contract signed in December
   * (2027 still to fund) and an application to a second program submitted in
   * December, waiting for staff to confirm it once 2027 has begun.
   */
  const setUp = async (options: { signed: boolean } = { signed: true }) => {
    const continuing = await createTestProgram(ds, { title: 'Шахматы', capacity: CHILDREN });
    const fresh = await createTestProgram(ds, { title: 'Робототехника', capacity: CHILDREN });
    const parents = await createTestParents(ds, CHILDREN);
    const children = await createFinancedChildren(ds, parents, { on: '2026-12-01', nominal: 1_347_000, financedAt: (i) => new Date(Date.UTC(2026, 0, 10, 0, 0, i)) });
    const kids = [];
    for (const [i, parent] of parents.entries()) {
      // An unsigned offer is made late in December, so that it is still open on the first of January.
      clock.set(options.signed ? '2026-12-01' : '2026-12-28');
      clock.advanceMs(i * 1000);
      const first = await enrollment.submitApplication(parent, { childId: children[i].childId, groupId: continuing.groupId });
      await enrollment.confirmApplication(staff, first.id);
      const offer = await ds.getRepository(Contract).findOneByOrFail({ applicationId: first.id });
      if (options.signed) await offers.signContract(parent, offer.id);
      const second = await enrollment.submitApplication(parent, { childId: children[i].childId, groupId: fresh.groupId });
      kids.push({ parent, ...children[i], contractId: offer.id, applicationId: second.id });
    }
    return kids;
  };
  const fundings2027 = (contractIds: string[]): Promise<{ contract_id: string; status: string; certificate_amount: number }[]> =>
    ds.query(
      `SELECT f.contract_id, f.status, f.certificate_amount::int AS certificate_amount FROM contract_fundings f JOIN certificate_periods p ON p.id = f.period_id
        WHERE p.year = 2027 AND f.contract_id = ANY($1::uuid[]) ORDER BY f.contract_id`,
      [contractIds],
    );
  const statuses = async (ids: string[]): Promise<string[]> =>
    (await ds.query(`SELECT status FROM contracts WHERE id = ANY($1::uuid[])`, [ids])).map((r: { status: string }) => r.status);
  const negativeAccounts = async (): Promise<number> =>
    (await ds.query(`SELECT count(*)::int AS n FROM certificate_accounts WHERE nominal - blocked - committed - spent - expired < 0 OR blocked < 0 OR committed < 0`))[0].n;

  it('funds every continuing contract first while staff confirm new applications against the same certificates', async () => {
    const kids = await setUp();
    clock.set('2027-01-01');
    const rollover = container.get(PeriodRolloverService);
    // Half the confirmations start before the rollover, half while it runs.
    const early = kids.slice(0, CHILDREN / 2).map((k) => enrollment.confirmApplication(staff, k.applicationId));
    const run = rollover.run();
    const late = kids.slice(CHILDREN / 2).map((k) => enrollment.confirmApplication(staff, k.applicationId));
    const [ran, ...confirmations] = await Promise.allSettled([run, ...early, ...late]);

    expect(ran.status).toBe('fulfilled');
    for (const c of confirmations) expect(c).toMatchObject({ status: 'rejected', reason: { code: 'INSUFFICIENT_BALANCE' } });
    expect(await statuses(kids.map((k) => k.contractId))).toEqual(kids.map(() => 'ACTIVE'));
    expect(await fundings2027(kids.map((k) => k.contractId))).toEqual(
      kids.map((k) => ({ contract_id: k.contractId, status: 'COMMITTED', certificate_amount: 5 * SHARE })).sort((a, b) => a.contract_id.localeCompare(b.contract_id)),
    );
    expect(await negativeAccounts()).toBe(0);
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('control: crediting and funding in two transactions (the account lock released between them) lets a new confirmation take the money first', async () => {
    const kids = await setUp();
    clock.set('2027-01-01');
    const [{ id: periodId }] = await ds.query(`SELECT id FROM certificate_periods WHERE municipality_id = $1 AND year = 2027`, [zeyaId]);
    const ledger = container.get(LedgerService);
    const funding = container.get(ContractFundingService);
    const period = { id: periodId, year: 2027, startsOn: '2027-01-01', endsOn: '2027-12-31' };
    for (const kid of kids) {
      // The unlocked path: the nominal is credited and committed on its own …
      await ds.transaction(async (m) => {
        await m.query(`UPDATE certificate_periods SET financing_issued = financing_issued + 1 WHERE id = $1`, [periodId]);
        await ledger.credit(m, { certificateId: kid.certificateId, amount: NOMINAL_2027, on: '2027-01-01', actorUserId: null, reason: 'Зачислен номинал', idempotencyKey: financingCreditKey(kid.certificateId, periodId) });
      });
      // … a confirmation slips in between …
      await enrollment.confirmApplication(staff, kid.applicationId);
      // … and the continuing contract finds the money gone.
      await ds.transaction(async (m) => {
        await m.query(`SELECT id FROM certificates WHERE id = $1 FOR UPDATE`, [kid.certificateId]);
        await funding.settle(m, kid.certificateId, period);
      });
    }
    expect(await statuses(kids.map((k) => k.contractId))).toEqual(kids.map(() => 'AWAITING_FUNDING'));
    // No money was lost, and the books balance: only the order is wrong, which is what the single transaction prevents.
    expect(await negativeAccounts()).toBe(0);
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('keeps every December offer signed on New Year\'s Day funded, whichever of the signature and the rollover comes first', async () => {
    const kids = await setUp({ signed: false });
    clock.set('2027-01-01');
    const rollover = container.get(PeriodRolloverService);
    // One parent signs at midnight, hours before the night's rollover; the others sign while it runs.
    await offers.signContract(kids[0].parent, kids[0].contractId);
    expect(await statuses([kids[0].contractId])).toEqual(['ACTIVE']);
    const early = kids.slice(1, CHILDREN / 2).map((k) => offers.signContract(k.parent, k.contractId));
    const run = rollover.run();
    const late = kids.slice(CHILDREN / 2).map((k) => offers.signContract(k.parent, k.contractId));
    const results = await Promise.allSettled([run, ...early, ...late]);

    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await statuses(kids.map((k) => k.contractId))).toEqual(kids.map(() => 'ACTIVE'));
    expect((await fundings2027(kids.map((k) => k.contractId))).map((f) => f.status)).toEqual(kids.map(() => 'COMMITTED'));
    // Nobody was told the contract waits for funding: the rollover was only a few minutes away.
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'CONTRACT_AWAITING_FUNDING'`);
    expect(n).toBe(0);
    expect(await checkInvariants(ds)).toEqual([]);
  });
});
