import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createTestCertificate } from '../../../test/certificates';
import { createTestProgram } from '../../../test/signed-contracts';
import type { FixedClock } from '../../common/clock';
import type { Container } from '../../common/container';
import type { Actor } from '../../common/actor';
import { prorate } from '../../common/months';
import { ChargeService } from '../billing/charge.service';
import { ContractClosingService } from './contract-closing.service';
import { checkInvariants } from '../../invariants/registry';
import { LedgerService } from '../certificates/ledger.service';
import { PeriodRolloverService } from '../certificates/period-rollover.service';
import { MunicipalityService } from '../municipalities/municipality.service';
import { Contract } from './contract.entity';
import { ContractQueryService } from './contract-query.service';
import { EnrollmentService } from '../enrollment/enrollment.service';
import { ContractOffers } from './contract-offers';

const SHARE = 180_000; // the test program: price 2 000 ₽, normative 1 800 ₽

/**
 * 29 February 2028 (issue 12: a date that will bite). The 2027/28 school
 * year crosses a rollover into a leap year: a contract offered on the leap
 * day, a group that ends on it, a termination that ends on it, and the
 * charges of a February with 29 days.
 */
describe('29 February 2028', () => {
  let ds: DataSource;
  let container: Container;
  let clock: FixedClock;
  let close: () => Promise<void>;
  let enrollment: EnrollmentService;
  let offers: ContractOffers;
  let parent: Actor;
  let staff: Actor;
  const ledger = new LedgerService();

  beforeAll(async () => {
    ({ dataSource: ds, container, clock, close } = await createTestApp({ today: '2027-12-01' }));
    enrollment = container.get(EnrollmentService);
    offers = container.get(ContractOffers);
    const operator = await actorByEmail(ds, 'operator@demo.ru');
    [parent, staff] = await Promise.all(['parent@demo.ru', 'staff@demo.ru'].map((e) => actorByEmail(ds, e)));
    const [{ id: zeyaId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
    await container.get(MunicipalityService).setCertificatePeriod(operator, {
      municipalityId: zeyaId, year: 2028, nominal: 1_500_000, financingLimit: 5_000, startsOn: '2028-01-01', endsOn: '2028-12-31',
    });
  });
  afterAll(() => close());

  const contractOn = async (groupId: string, day: string) => {
    clock.set(day);
    const { certificateId, childId } = await createTestCertificate(ds, { today: day });
    const application = await enrollment.submitApplication(parent, { childId, groupId });
    await enrollment.confirmApplication(staff, application.id);
    const offer = await ds.getRepository(Contract).findOneByOrFail({ applicationId: application.id });
    return { contract: await offers.signContract(parent, offer.id), certificateId };
  };
  const reload = (id: string) => ds.getRepository(Contract).findOneByOrFail({ id });
  const charge = (contractId: string, amount: number, today = '2028-02-29') =>
    container.get(ChargeService).recordCharges(staff, { month: '2028-02', items: [{ contractId, amount }] }, today).then(([r]) => r);
  const plan = async (id: string) => (await container.get(ContractQueryService).fundingPlan(await reload(id))).map((p) => ({ year: p.year, months: p.months, state: p.state }));

  it('funds a December contract through the 2028 rollover, offers a seat on the leap day, and charges a 29-day February', async () => {
    const schoolYear = await createTestProgram(ds, { title: 'Шахматы', startsOn: '2027-09-01', endsOn: '2028-05-31' });
    const winter = await createTestProgram(ds, { title: 'Лыжи', startsOn: '2027-09-01', endsOn: '2028-02-29' });
    const december = await contractOn(schoolYear.groupId, '2027-12-01');
    const skiing = await contractOn(winter.groupId, '2027-12-01');
    expect(skiing.contract).toMatchObject({ startsOn: '2027-12-01', endsOn: '2028-02-29', months: 3 });
    expect(skiing.contract.text).toContain('Срок действия договора: с 01.12.2027 по 29.02.2028 (месяцев: 3)');

    clock.set('2028-01-01');
    await container.get(ContractClosingService).completeEndedContracts();
    expect((await reload(december.contract.id)).status).toBe('ACTIVE');
    await container.get(PeriodRolloverService).run();
    expect(await plan(december.contract.id)).toEqual([
      { year: 2027, months: 1, state: 'FUNDED' },
      { year: 2028, months: 5, state: 'FUNDED' },
    ]);
    expect(await plan(skiing.contract.id)).toEqual([
      { year: 2027, months: 1, state: 'FUNDED' },
      { year: 2028, months: 2, state: 'FUNDED' },
    ]);

    // Offered and signed on the leap day: the month counts whole for blocking, a day's worth for the charge.
    const leap = await contractOn(schoolYear.groupId, '2028-02-29');
    expect(leap.contract).toMatchObject({ startsOn: '2028-02-29', endsOn: '2028-05-31', months: 4, certificateTotal: 4 * SHARE });
    expect(leap.contract.text).toContain('Срок действия договора: с 29.02.2028 по 31.05.2028 (месяцев: 4)');
    expect(await ledger.accountFor(ds.manager, leap.certificateId, '2028-02-29')).toMatchObject({ committed: 4 * SHARE });
    const oneDay = prorate(SHARE, leap.contract, '2028-02');
    expect(oneDay).toBe(Math.floor(SHARE / 29));
    expect((await charge(leap.contract.id, oneDay + 1)).errorCode).toBe('CHARGE_OVER_SHARE');
    expect((await charge(leap.contract.id, oneDay)).errorCode).toBeNull();

    // The winter group ends on the leap day: charged in full for 29 days, completed on 1 March, not before.
    expect((await charge(skiing.contract.id, SHARE)).errorCode).toBeNull();
    const closing = container.get(ContractClosingService);
    await closing.completeEndedContracts('2028-02-29');
    expect((await reload(skiing.contract.id)).status).toBe('ACTIVE');
    clock.set('2028-03-01');
    expect(await closing.completeEndedContracts()).toBeGreaterThanOrEqual(1);
    expect(await reload(skiing.contract.id)).toMatchObject({ status: 'COMPLETED', endsOn: '2028-02-29', closeReason: null });
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('ends a contract terminated in February 2028 on the 29th and releases March–May', async () => {
    const { groupId } = await createTestProgram(ds, { title: 'Робототехника', startsOn: '2027-09-01', endsOn: '2028-05-31' });
    const { contract, certificateId } = await contractOn(groupId, '2028-02-01');
    expect((await charge(contract.id, SHARE, '2028-02-10')).errorCode).toBeNull();
    clock.set('2028-02-10');
    const terminated = await container.get(ContractClosingService).terminateContract(parent, { contractId: contract.id, reason: 'Переезд' });
    expect(terminated).toMatchObject({ status: 'TERMINATED', endsOn: '2028-02-29' });
    expect(await ledger.accountFor(ds.manager, certificateId, '2028-02-10')).toMatchObject({ committed: 0, spent: SHARE });
    const [line] = await ds.query(`SELECT reason FROM ledger_entries WHERE contract_id = $1 AND type = 'RELEASE'`, [contract.id]);
    expect(line.reason).toContain('действует по 29.02.2028');
    expect(await checkInvariants(ds)).toEqual([]);
  });
});
