import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createTestCertificate } from '../../../test/certificates';
import { createTestProgram } from '../../../test/signed-contracts';
import type { FixedClock } from '../../common/clock';
import type { Container } from '../../common/container';
import { DomainError } from '../../common/errors';
import { formatRub } from '../../common/money';
import type { Actor } from '../../common/actor';
import { ChargeService } from '../billing/charge.service';
import { ContractClosingService } from './contract-closing.service';
import { CertificateService } from '../certificates/certificate.service';
import { checkInvariants } from '../../invariants/registry';
import { LedgerService } from '../certificates/ledger.service';
import { PeriodRolloverService } from '../certificates/period-rollover.service';
import { MunicipalityService } from '../municipalities/municipality.service';
import { Contract } from './contract.entity';
import { ContractQueryService } from './contract-query.service';
import { EnrollmentService } from '../enrollment/enrollment.service';
import { ContractOffers } from './contract-offers';
import { ContractFundingService } from './contract-funding.service';

const SHARE = 180_000; // the test program: price 2 000 ₽, normative 1 800 ₽

/**
 * The school year crosses the financing year (DESIGN.md «Seasons across
 * periods»). Each test gets its own database and lives on pinned days of
 * 2026–2027 that the clock moves through.
 */
describe('seasons across financing periods', () => {
  let ds: DataSource;
  let container: Container;
  let clock: FixedClock;
  let close: () => Promise<void>;
  let enrollment: EnrollmentService;
  let offers: ContractOffers;
  let parent: Actor;
  let staff: Actor;
  let operator: Actor;
  let zeyaId: string;
  const ledger = new LedgerService();

  beforeEach(async () => {
    ({ dataSource: ds, container, clock, close } = await createTestApp({ today: '2026-12-02', poolSize: 10 }));
    enrollment = container.get(EnrollmentService);
    offers = container.get(ContractOffers);
    [parent, staff, operator] = await Promise.all(['parent@demo.ru', 'staff@demo.ru', 'operator@demo.ru'].map((e) => actorByEmail(ds, e)));
    [{ id: zeyaId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
  });
  afterEach(() => close());

  /** A child with a financing certificate credited for 2026, applied, confirmed and signed on `day`. */
  const contractOn = async (groupId: string, day: string, options: { nominal?: number; childId?: string } = {}) => {
    clock.set(day);
    const { certificateId, childId } = options.childId
      ? { certificateId: (await ds.query(`SELECT id FROM certificates WHERE child_id = $1`, [options.childId]))[0].id, childId: options.childId }
      : await createTestCertificate(ds, { today: day, ...(options.nominal ? { nominal: options.nominal } : {}) });
    const application = await enrollment.submitApplication(parent, { childId, groupId });
    await enrollment.confirmApplication(staff, application.id);
    const offer = await ds.getRepository(Contract).findOneByOrFail({ applicationId: application.id });
    const contract = await offers.signContract(parent, offer.id);
    return { contract, certificateId, childId, applicationId: application.id };
  };
  const account = async (certificateId: string, on: string) => {
    const a = await ledger.accountFor(ds.manager, certificateId, on);
    return a && { blocked: a.blocked, committed: a.committed, spent: a.spent, available: a.available };
  };
  const reload = (id: string) => ds.getRepository(Contract).findOneByOrFail({ id });
  const plan = async (id: string) => (await container.get(ContractQueryService).fundingPlan(await reload(id))).map((p) => ({ year: p.year, months: p.months, state: p.state }));
  const seats = async (groupId: string): Promise<number> => (await ds.query(`SELECT seats_taken FROM groups WHERE id = $1`, [groupId]))[0].seats_taken;
  const notices = (kind: string): Promise<{ title: string; body: string; user_id: string }[]> =>
    ds.query(`SELECT title, body, user_id FROM notifications WHERE kind = $1 ORDER BY created_at, id`, [kind]);
  const failure = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error('expected a DomainError');
  };
  const charge = (contractId: string, month: string, day: string) =>
    container.get(ChargeService).recordCharges(staff, { month, items: [{ contractId, amount: SHARE }] }, day).then(([r]) => r);
  /** The МОЦ sets 2027 (limit counted over Zeya's financing certificates), and the clock reaches the first of January with its jobs. */
  const newYear = async (options: { nominal?: number; limitBelowCurrent?: number } = {}) => {
    // Without a shortfall, room for the certificates the test creates later in 2027.
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM certificates WHERE municipality_id = $1 AND status = 'FINANCING'`, [zeyaId]);
    await container.get(MunicipalityService).setCertificatePeriod(operator, {
      municipalityId: zeyaId,
      year: 2027,
      nominal: options.nominal ?? 1_500_000,
      financingLimit: options.limitBelowCurrent === undefined ? n + 5 : n - options.limitBelowCurrent,
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
    });
    clock.set('2027-01-01');
    await container.get(ContractClosingService).completeEndedContracts();
    return container.get(PeriodRolloverService).run();
  };

  it('keeps a December contract of a September–May group through New Year: December blocked now, January–May funded from 2027 first, once', async () => {
    const { groupId } = await createTestProgram(ds);
    const { contract, certificateId } = await contractOn(groupId, '2026-12-01');
    expect(contract).toMatchObject({ startsOn: '2026-12-01', endsOn: '2027-05-31', months: 6, certificateTotal: 6 * SHARE });
    expect(contract.text).toContain('будет оплачено из номинала 2027 года');
    expect(await plan(contract.id)).toEqual([
      { year: 2026, months: 1, state: 'FUNDED' },
      { year: 2027, months: 5, state: 'PLANNED' },
    ]);
    expect(await account(certificateId, '2026-12-02')).toMatchObject({ committed: SHARE });
    expect((await charge(contract.id, '2026-12', '2026-12-20')).errorCode).toBeNull();

    await newYear();
    expect((await reload(contract.id)).status).toBe('ACTIVE');
    expect(await seats(groupId)).toBe(1);
    expect(await account(certificateId, '2027-01-01')).toEqual({ blocked: 0, committed: 5 * SHARE, spent: 0, available: 1_500_000 - 5 * SHARE });
    expect(await plan(contract.id)).toEqual([
      { year: 2026, months: 1, state: 'FUNDED' },
      { year: 2027, months: 5, state: 'FUNDED' },
    ]);
    const [line] = await ds.query(`SELECT type, amount::int AS amount, reason FROM ledger_entries WHERE contract_id = $1 AND type = 'COMMIT'`, [contract.id]);
    expect(line).toEqual({ type: 'COMMIT', amount: 5 * SHARE, reason: `Резерв по договору № ${contract.number}, «Робототехника» на 2027 год` });
    const [funded] = await notices('CONTRACT_FUNDED');
    expect(funded).toMatchObject({ user_id: parent.userId, title: 'Обучение продолжается в 2027 году' });
    expect(funded.body).toBe(
      `Тест, «Робототехника», договор № ${contract.number}: из номинала 2027 года на сертификате зарезервировано ${formatRub(5 * SHARE)} ` +
        'за январь – май 2027 (5 месяцев). Место в группе сохраняется, ничего делать не нужно.',
    );

    const [{ n: before }] = await ds.query(`SELECT count(*)::int AS n FROM ledger_entries`);
    expect(await container.get(PeriodRolloverService).run()).toEqual({ expired: 0, credited: 0, returnedToAccounting: 0, closed: 0, settled: 0 });
    expect((await ds.query(`SELECT count(*)::int AS n FROM ledger_entries`))[0].n).toBe(before);

    expect((await charge(contract.id, '2027-01', '2027-01-20')).errorCode).toBeNull();
    expect(await account(certificateId, '2027-01-01')).toMatchObject({ committed: 4 * SHARE, spent: SHARE });
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('keeps the seat of a contract the new year cannot fund, refuses its January charge, and lets the parent pay or lets the deadline end it', async () => {
    const { groupId } = await createTestProgram(ds, { capacity: 2 });
    const paying = await contractOn(groupId, '2026-12-01');
    const silent = await contractOn(groupId, '2026-12-03');
    clock.set('2026-12-04');
    const waiting = await enrollment.submitApplication(parent, { childId: (await createTestCertificate(ds, { today: '2026-12-04' })).childId, groupId });
    expect(waiting.status).toBe('WAITLISTED');

    // The new limit leaves the two newest certificates (these) without 2027 financing.
    const result = await newYear({ limitBelowCurrent: 3 });
    expect(result.returnedToAccounting).toBe(3);
    for (const { contract } of [paying, silent]) {
      expect(await reload(contract.id)).toMatchObject({ status: 'AWAITING_FUNDING', fundingDeadline: '2027-01-15' });
    }
    expect(await seats(groupId)).toBe(2);
    expect(await plan(paying.contract.id)).toEqual([
      { year: 2026, months: 1, state: 'FUNDED' },
      { year: 2027, months: 5, state: 'AWAITING_FUNDING' },
    ]);
    const asked = (await notices('CONTRACT_AWAITING_FUNDING')).filter((n) => n.user_id === parent.userId);
    expect(asked).toHaveLength(2);
    expect(asked[0].body).toContain('До 15.01.2027 выберите в личном кабинете: оплачивать обучение самостоятельно (2\u00a0000,00\u00a0₽ в месяц) или расторгнуть договор.');
    expect((await notices('CONTRACT_AWAITING_FUNDING')).some((n) => n.user_id === staff.userId)).toBe(true);

    const refused = await charge(paying.contract.id, '2027-01', '2027-01-05');
    expect(refused.errorCode).toBe('CHARGE_MONTH_NOT_FUNDED');
    // December, funded by 2026, is still charged while the contract waits.
    expect((await charge(paying.contract.id, '2026-12', '2027-01-05')).errorCode).toBeNull();

    clock.set('2027-01-10');
    const funding = container.get(ContractFundingService);
    expect((await funding.payContractMyself(parent, paying.contract.id)).status).toBe('ACTIVE');
    expect(await plan(paying.contract.id)).toEqual([
      { year: 2026, months: 1, state: 'FUNDED' },
      { year: 2027, months: 5, state: 'PARENT_PAYS' },
    ]);
    expect((await failure(funding.payContractMyself(parent, paying.contract.id))).code).toBe('INVALID_TRANSITION');
    expect((await charge(paying.contract.id, '2027-01', '2027-01-20')).errorCode).toBe('CHARGE_MONTH_NOT_FUNDED');

    const closing = container.get(ContractClosingService);
    clock.set('2027-01-15');
    expect(await closing.endUndecidedContracts()).toBe(0);
    clock.set('2027-01-16');
    expect(await closing.endUndecidedContracts()).toBe(1);
    expect(await reload(silent.contract.id)).toMatchObject({ status: 'TERMINATED', endsOn: '2027-01-31', fundingDeadline: null });
    expect(await seats(groupId)).toBe(1);
    expect((await ds.query(`SELECT status FROM applications WHERE id = $1`, [waiting.id]))[0].status).toBe('SUBMITTED');
    expect(await closing.endUndecidedContracts()).toBe(0);
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('resumes a waiting contract by itself when financing arrives before the deadline', async () => {
    const { groupId } = await createTestProgram(ds);
    const { contract, certificateId } = await contractOn(groupId, '2026-12-02');
    await newYear({ limitBelowCurrent: 1 });
    expect((await reload(contract.id)).status).toBe('AWAITING_FUNDING');

    clock.set('2027-01-12');
    await ds.query(`UPDATE certificate_periods SET financing_limit = financing_limit + 1 WHERE municipality_id = $1 AND year = 2027`, [zeyaId]);
    await container.get(CertificateService).grantFinancing(operator, certificateId);
    expect(await reload(contract.id)).toMatchObject({ status: 'ACTIVE', fundingDeadline: null });
    expect(await account(certificateId, '2027-01-12')).toMatchObject({ committed: 5 * SHARE });
    expect((await notices('CONTRACT_FUNDED')).map((n) => n.title)).toEqual(['Обучение продолжается в 2027 году']);
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('funds a child\'s contracts in the order they were signed while the nominal lasts; a suspended certificate waits and resumes', async () => {
    const first = await createTestProgram(ds, { title: 'Шахматы' });
    const second = await createTestProgram(ds, { title: 'Робототехника' });
    const a = await contractOn(first.groupId, '2026-12-02');
    const b = await contractOn(second.groupId, '2026-12-03', { childId: a.childId });
    // 2027 pays 1 100 000: enough for one contract's five months (900 000), not two.
    await newYear({ nominal: 1_100_000 });
    expect((await reload(a.contract.id)).status).toBe('ACTIVE');
    expect((await reload(b.contract.id)).status).toBe('AWAITING_FUNDING');
    const [asked] = await notices('CONTRACT_AWAITING_FUNDING');
    expect(asked.body).toContain('номинала 2027 года не хватает на все договоры ребёнка');

    const certificates = container.get(CertificateService);
    await certificates.suspendCertificate(operator, { certificateId: a.certificateId, reason: 'Проверка документов' });
    await container.get(ContractClosingService).terminateContract(parent, { contractId: a.contract.id, reason: 'Ребёнок выбрал другой кружок' });
    // Termination in January returns February–May (720 000) to the certificate; resuming it pays the waiting contract.
    expect((await reload(b.contract.id)).status).toBe('AWAITING_FUNDING');
    await certificates.resumeCertificate(operator, a.certificateId);
    expect((await reload(b.contract.id)).status).toBe('ACTIVE');
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('offers a January group in December with nothing blocked, and funds it when 2027 is credited', async () => {
    const { groupId } = await createTestProgram(ds, { startsOn: '2027-01-11' });
    const { contract, certificateId } = await contractOn(groupId, '2026-12-10');
    expect(contract).toMatchObject({ status: 'ACTIVE', startsOn: '2027-01-11', months: 5 });
    expect(await account(certificateId, '2026-12-10')).toMatchObject({ blocked: 0, committed: 0 });
    expect(await plan(contract.id)).toEqual([{ year: 2027, months: 5, state: 'PLANNED' }]);
    await newYear();
    expect(await plan(contract.id)).toEqual([{ year: 2027, months: 5, state: 'FUNDED' }]);
    expect(await account(certificateId, '2027-01-01')).toMatchObject({ committed: 5 * SHARE });
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('reads dates that bite: 1 September, 31 December, 1 January and 31 May', async () => {
    const { groupId } = await createTestProgram(ds, { capacity: 5 });
    const september = await contractOn(groupId, '2026-09-01');
    expect(await plan(september.contract.id)).toEqual([
      { year: 2026, months: 4, state: 'FUNDED' },
      { year: 2027, months: 5, state: 'PLANNED' },
    ]);
    const lastDay = await contractOn(groupId, '2026-12-31');
    expect(await account(lastDay.certificateId, '2026-12-31')).toMatchObject({ committed: SHARE });
    await newYear();
    const firstDay = await contractOn(groupId, '2027-01-01');
    expect(await plan(firstDay.contract.id)).toEqual([{ year: 2027, months: 5, state: 'FUNDED' }]);
    const may = await contractOn(groupId, '2027-05-31');
    expect(may.contract).toMatchObject({ startsOn: '2027-05-31', endsOn: '2027-05-31', months: 1 });
    clock.set('2027-06-01');
    expect(await container.get(ContractClosingService).completeEndedContracts()).toBe(4);
    expect(await seats(groupId)).toBe(0);
    expect(await checkInvariants(ds)).toEqual([]);
  });
});
