import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createTestCertificate } from '../../../test/certificates';
import { createTestProgram, day, signTestContract, YEAR } from '../../../test/signed-contracts';
import type { Container } from '../../common/container';
import { DomainError } from '../../common/errors';
import { formatRub } from '../../common/money';
import type { Actor } from '../../common/actor';
import { checkInvariants } from '../../invariants/registry';
import { LedgerService } from '../certificates/ledger.service';
import { Contract } from '../contracts/contract.entity';
import { EnrollmentService } from '../enrollment/enrollment.service';
import { ContractOffers } from '../contracts/contract-offers';
import { InvoiceStatus } from './billing.enums';
import type { ChargeResult } from './billing.types';
import { ChargeService } from './charge.service';
import { ContractClosingService } from '../contracts/contract-closing.service';
import { InvoiceService } from './invoice.service';

const NOMINAL = 1_347_000;
const SHARE = 180_000;
const SEP = `${YEAR}-09`;
const OCT = `${YEAR}-10`;
const NOV = `${YEAR}-11`;
const DEC = `${YEAR}-12`;
/** «Today» for charges and termination in these tests: late November of the period. */
const NOV_23 = day('11-23');

describe('billing', () => {
  let ds: DataSource;
  let container: Container;
  let close: () => Promise<void>;
  let charges: ChargeService;
  let closing: ContractClosingService;
  let invoices: InvoiceService;
  let staff: Actor;
  let otherStaff: Actor;
  let parent: Actor;
  let operator: Actor;
  let otherOperator: Actor;
  const ledger = new LedgerService();

  beforeAll(async () => {
    ({ dataSource: ds, container, close } = await createTestApp({ poolSize: 30 }));
    charges = container.get(ChargeService);
    closing = container.get(ContractClosingService);
    invoices = container.get(InvoiceService);
    [staff, otherStaff, parent, operator, otherOperator] = await Promise.all(
      ['staff@demo.ru', 'staff.blag@demo.ru', 'parent@demo.ru', 'operator@demo.ru', 'operator.blag@demo.ru'].map((e) => actorByEmail(ds, e)),
    );
  });
  afterAll(() => close());

  const balance = async (certificateId: string) => {
    const a = (await ledger.accountFor(ds.manager, certificateId, day('09-01')))!;
    return { blocked: a.blocked, committed: a.committed, spent: a.spent, available: a.available };
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
  const charge = async (contractId: string, month: string, amount: number, today = NOV_23) => {
    const [result] = await charges.recordCharges(staff, { month, items: [{ contractId, amount, lessonsPlanned: 8, lessonsAttended: 8 }] }, today);
    if (!result.charge) throw new DomainError(result.errorCode!, result.errorMessage!);
    return result.charge;
  };
  const refusal = async (contractId: string, month: string, amount: number, actor: Actor = staff, today = NOV_23) => {
    const [result] = await charges.recordCharges(actor, { month, items: [{ contractId, amount }] }, today);
    expect(result.charge).toBeNull();
    return { code: result.errorCode, message: result.errorMessage };
  };
  const reasons = async (certificateId: string, type: string): Promise<string[]> =>
    (await ds.query(`SELECT reason FROM ledger_entries WHERE certificate_id = $1 AND type = $2 ORDER BY id`, [certificateId, type])).map((r: { reason: string }) => r.reason);
  const reload = (id: string) => ds.getRepository(Contract).findOneByOrFail({ id });
  const expectInvariants = async () => expect(await checkInvariants(ds)).toEqual([]);

  it('runs the money path: credit → block → activate → three monthly charges → termination → release → completion', async () => {
    const { groupId } = await createTestProgram(ds, { capacity: 1 });
    const enrollment = container.get(EnrollmentService);
    const offers = container.get(ContractOffers);
    const { certificateId, childId } = await createTestCertificate(ds);
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 0, spent: 0, available: NOMINAL });

    const application = await enrollment.submitApplication(parent, { childId, groupId });
    await enrollment.confirmApplication(staff, application.id, null, new Date(`${day('09-01')}T03:00:00Z`));
    // 1 800 ₽ × 4 months (September – December) are blocked, not the whole nominal.
    expect(await balance(certificateId)).toEqual({ blocked: 720_000, committed: 0, spent: 0, available: NOMINAL - 720_000 });
    const offer = await ds.getRepository(Contract).findOneByOrFail({ applicationId: application.id });
    await offers.signContract(parent, offer.id, null, new Date(`${day('09-02')}T03:00:00Z`));
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 720_000, spent: 0, available: NOMINAL - 720_000 });
    await expectInvariants();

    // The group is full: the next child waits for the seat.
    const second = await createTestCertificate(ds);
    const waiting = await enrollment.submitApplication(parent, { childId: second.childId, groupId });
    expect(waiting.status).toBe('WAITLISTED');

    await charge(offer.id, SEP, SHARE);
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 540_000, spent: 180_000, available: NOMINAL - 720_000 });
    await charge(offer.id, OCT, SHARE);
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 360_000, spent: 360_000, available: NOMINAL - 720_000 });
    // The child missed lessons in November: less than the share.
    const november = await charge(offer.id, NOV, 150_000);
    expect(november).toMatchObject({ amount: 150_000, copayment: 20_000, month: NOV, invoiceId: null });
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 210_000, spent: 510_000, available: NOMINAL - 720_000 });
    await expectInvariants();

    const terminated = await closing.terminateContract(parent, { contractId: offer.id, reason: 'Переезд в другой город' }, NOV_23);
    expect(terminated).toMatchObject({ status: 'TERMINATED', endsOn: day('11-30'), closeReason: 'Переезд в другой город' });
    // December is released at once; November's unused 300 ₽ stay committed, as November may still be corrected up.
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 30_000, spent: 510_000, available: NOMINAL - 540_000 });
    expect(await reasons(certificateId, 'RELEASE')).toEqual([
      `Возврат на сертификат по договору № ${offer.number}, «Робототехника»: договор расторгнут, действует по 30.11.${YEAR} — ${formatRub(180_000)}`,
    ]);
    const [{ status: applicationStatus }] = await ds.query(`SELECT status FROM applications WHERE id = $1`, [application.id]);
    expect(applicationStatus).toBe('ENDED');
    const [{ status: promoted }] = await ds.query(`SELECT status FROM applications WHERE id = $1`, [waiting.id]);
    expect(promoted).toBe('SUBMITTED');
    const [{ seats_taken: seatsTaken }] = await ds.query(`SELECT seats_taken FROM groups WHERE id = $1`, [groupId]);
    expect(seatsTaken).toBe(0);
    await expectInvariants();

    // November is still inside the terminated contract; December is not.
    await charges.correctCharge(staff, { chargeId: november.id, amount: SHARE, comment: 'Учтено занятие по замене' });
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 0, spent: 540_000, available: NOMINAL - 540_000 });
    expect((await refusal(offer.id, DEC, SHARE, staff, day('12-05'))).code).toBe('CHARGE_OUTSIDE_CONTRACT');

    // A shutdown stops the loop before the next contract; the next run completes it.
    expect(await closing.completeEndedContracts(day('12-01'), AbortSignal.abort())).toBe(0);
    expect(await closing.completeEndedContracts(day('12-01'))).toBe(1);
    expect(await closing.completeEndedContracts(day('12-01'))).toBe(0);
    expect((await reload(offer.id)).status).toBe('COMPLETED');
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 0, spent: 540_000, available: NOMINAL - 540_000 });
    expect(await reasons(certificateId, 'CHARGE')).toEqual([
      `Списание за сентябрь ${YEAR}, «Робототехника», ${formatRub(180_000)}`,
      `Списание за октябрь ${YEAR}, «Робототехника», ${formatRub(180_000)}`,
      `Списание за ноябрь ${YEAR}, «Робототехника», ${formatRub(150_000)}`,
      `Доплата по списанию за ноябрь ${YEAR}, «Робототехника»: ${formatRub(30_000)} (было ${formatRub(150_000)}, стало ${formatRub(180_000)})`,
    ]);
    const notices: { kind: string; body: string }[] = await ds.query(`SELECT kind, body FROM notifications WHERE contract_id = $1 OR application_id = $2 ORDER BY created_at`, [
      offer.id,
      application.id,
    ]);
    expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['CHARGE_RECORDED', 'CHARGE_CORRECTED', 'CONTRACT_TERMINATED', 'APPLICATION_ENDED']));
    expect(notices.find((n) => n.kind === 'APPLICATION_ENDED')!.body).toContain(`расторгнут по вашему заявлению и действует по 30.11.${YEAR} включительно. Причина: Переезд в другой город. На сертификат возвращено ${formatRub(180_000)}.`);
    await expectInvariants();
  });

  it('prorates the first month by days and releases the unused remainder when the contract completes', async () => {
    const { groupId } = await createTestProgram(ds, { endsOn: day('12-31') });
    const { contract, certificateId } = await signTestContract(container, ds, groupId, { confirmedAt: day('09-16') });
    expect(contract).toMatchObject({ startsOn: day('09-16'), endsOn: day('12-31'), months: 4, certificateTotal: 720_000 });

    const sheet = await charges.monthSheet(staff, SEP, NOV_23);
    const line = sheet.lines.find((l) => l.contract.id === contract.id)!;
    // 15 of September's 30 days: half the share and half the co-payment.
    expect(line).toMatchObject({ days: 15, proratedShare: 90_000, copayment: 10_000, charge: null, chargeable: true });

    const over = await refusal(contract.id, SEP, 90_001);
    expect(over.code).toBe('CHARGE_OVER_SHARE');
    expect(over.message).toContain(formatRub(90_000));
    await charge(contract.id, SEP, 90_000);
    for (const month of [OCT, NOV]) await charge(contract.id, month, SHARE);
    await charge(contract.id, DEC, SHARE, day('12-20'));
    expect(await balance(certificateId)).toMatchObject({ committed: 90_000, spent: 630_000 });

    expect(await closing.completeEndedContracts(`${YEAR + 1}-01-01`)).toBeGreaterThanOrEqual(1);
    expect((await reload(contract.id)).status).toBe('COMPLETED');
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 0, spent: 630_000, available: NOMINAL - 630_000 });
    expect(await reasons(certificateId, 'RELEASE')).toEqual([
      `Возврат остатка на сертификат по договору № ${contract.number}, «Робототехника»: договор завершён 31.12.${YEAR} — ${formatRub(90_000)}`,
    ]);
    const [{ count: seats }] = await ds.query(`SELECT seats_taken AS count FROM groups WHERE id = $1`, [groupId]);
    expect(seats).toBe(0);
    await expectInvariants();
  });

  it('refuses charges beyond the rules, naming the contract, and records the rest of the batch', async () => {
    const { groupId } = await createTestProgram(ds);
    const { contract } = await signTestContract(container, ds, groupId);
    const other = await signTestContract(container, ds, groupId);

    const results = await charges.recordCharges(
      staff,
      {
        month: OCT,
        items: [
          { contractId: contract.id, amount: SHARE + 1 },
          { contractId: other.contract.id, amount: SHARE, lessonsPlanned: 8, lessonsAttended: 7, comment: 'Одно занятие пропущено' },
        ],
      },
      NOV_23,
    );
    expect(results.map((r) => [r.contractNumber, r.errorCode])).toEqual([
      [contract.number, 'CHARGE_OVER_SHARE'],
      [other.contract.number, null],
    ]);
    expect(results[0].errorMessage).toBe(`По договору № ${contract.number} за октябрь ${YEAR} с сертификата можно списать не больше ${formatRub(SHARE)}, указано ${formatRub(SHARE + 1)}`);

    const second = await refusal(other.contract.id, OCT, 1_000);
    expect(second.code).toBe('CHARGE_EXISTS');
    expect(second.message).toContain(other.contract.number);
    expect((await refusal(contract.id, `${YEAR}-08`, 1_000)).code).toBe('CHARGE_OUTSIDE_CONTRACT');
    expect((await refusal(contract.id, OCT, 1_000, otherStaff)).code).toBe('NOT_FOUND');
    expect((await failure(charges.recordCharges(parent, { month: OCT, items: [{ contractId: contract.id, amount: 1_000 }] }, NOV_23))).code).toBe('FORBIDDEN');
    expect((await failure(charges.recordCharges(staff, { month: DEC, items: [{ contractId: contract.id, amount: 1_000 }] }, NOV_23))).code).toBe('CHARGE_MONTH_NOT_STARTED');
    expect(
      (await charges.recordCharges(staff, { month: OCT, items: [{ contractId: contract.id, amount: 1_000, lessonsPlanned: 4, lessonsAttended: 5 }] }, NOV_23))[0].errorCode,
    ).toBe('BAD_USER_INPUT');

    await closing.terminateContract(staff, { contractId: contract.id, reason: 'Систематические пропуски' }, day('10-10'));
    expect((await refusal(contract.id, NOV, 1_000)).code).toBe('CHARGE_OUTSIDE_CONTRACT');
    expect((await failure(closing.terminateContract(parent, { contractId: contract.id, reason: 'Ещё раз' }, NOV_23))).code).toBe('INVALID_TRANSITION');
    expect((await failure(closing.terminateContract(otherStaff, { contractId: other.contract.id, reason: 'Чужой договор' }, NOV_23))).code).toBe('NOT_FOUND');
    await expectInvariants();
  });

  it('corrects a charge down through a REVERSAL entry, keeping the money committed to the contract', async () => {
    const { groupId } = await createTestProgram(ds);
    const { contract, certificateId } = await signTestContract(container, ds, groupId);
    const october = await charge(contract.id, OCT, SHARE);
    const corrected = await charges.correctCharge(staff, { chargeId: october.id, amount: 120_000, lessonsAttended: 5, comment: 'Три занятия отменены' });
    expect(corrected).toMatchObject({ amount: 120_000, lessonsPlanned: 8, lessonsAttended: 5, revision: 1, comment: 'Три занятия отменены' });
    expect(await balance(certificateId)).toMatchObject({ committed: 600_000, spent: 120_000 });
    expect(await reasons(certificateId, 'REVERSAL')).toEqual([
      `Исправление списания за октябрь ${YEAR}, «Робототехника»: возвращено ${formatRub(60_000)} (было ${formatRub(SHARE)}, стало ${formatRub(120_000)})`,
    ]);
    const over = await failure(charges.correctCharge(staff, { chargeId: october.id, amount: SHARE + 1, comment: 'Ошибка' }));
    expect(over.code).toBe('CHARGE_OVER_SHARE');
    expect((await failure(charges.correctCharge(otherStaff, { chargeId: october.id, amount: 1, comment: 'Чужое' }))).code).toBe('NOT_FOUND');
    await expectInvariants();
  });

  it('forms the month\'s invoice from its charges, keeps its total equal to them, and follows FORMED → RETURNED → FORMED → APPROVED → PAID', async () => {
    const { groupId, organizationId } = await createTestProgram(ds);
    const first = await signTestContract(container, ds, groupId);
    const second = await signTestContract(container, ds, groupId);
    const late = await signTestContract(container, ds, groupId);
    const MONTH = `${YEAR}-09`;
    // Earlier tests of this file charged September to other contracts of the same organization.
    const before = await ds.query(`SELECT coalesce(sum(amount), 0)::bigint AS total FROM charges WHERE organization_id = $1 AND month = $2`, [organizationId, MONTH]);
    const a = await charge(first.contract.id, MONTH, SHARE);
    await charge(second.contract.id, MONTH, 100_000);
    const expected = Number(before[0].total) + SHARE + 100_000;

    const [invoice] = await invoices.formInvoice(staff, MONTH, NOV_23);
    expect(invoice).toMatchObject({ status: InvoiceStatus.FORMED, total: expected, organizationId });
    expect((await failure(invoices.formInvoice(staff, `${YEAR}-02`, NOV_23))).code).toBe('NO_CHARGES');
    const [notice] = await ds.query(`SELECT body FROM notifications WHERE user_id = $1 AND kind = 'INVOICE_FORMED' ORDER BY created_at DESC LIMIT 1`, [operator.userId]);
    expect(notice.body).toContain(`сформировала счёт за сентябрь ${YEAR} на ${formatRub(expected)}`);

    // A correction while the invoice is only formed moves its total with it.
    await charges.correctCharge(staff, { chargeId: a.id, amount: 170_000, comment: 'Пропуск по болезни' });
    expect((await invoices.invoice(staff, invoice.id)).total).toBe(expected - 10_000);
    await expectInvariants();

    expect((await failure(invoices.approveInvoice(otherOperator, invoice.id))).code).toBe('NOT_FOUND');
    expect((await failure(invoices.approveInvoice(staff, invoice.id))).code).toBe('FORBIDDEN');
    const returned = await invoices.returnInvoice(operator, { invoiceId: invoice.id, reason: 'Проверьте посещаемость за сентябрь' });
    expect(returned).toMatchObject({ status: InvoiceStatus.RETURNED, returnReason: 'Проверьте посещаемость за сентябрь' });
    expect((await failure(invoices.approveInvoice(operator, invoice.id))).code).toBe('INVALID_TRANSITION');

    await charge(late.contract.id, MONTH, SHARE);
    const [again] = await invoices.formInvoice(staff, MONTH, NOV_23);
    expect(again).toMatchObject({ id: invoice.id, status: InvoiceStatus.FORMED, total: expected - 10_000 + SHARE });
    const approved = await invoices.approveInvoice(operator, invoice.id);
    expect(approved.status).toBe(InvoiceStatus.APPROVED);

    // Approved charges are final.
    expect((await failure(charges.correctCharge(staff, { chargeId: a.id, amount: 100_000, comment: 'Поздно' }))).code).toBe('INVOICE_CLOSED');
    const extra = await signTestContract(container, ds, groupId);
    expect((await refusal(extra.contract.id, MONTH, SHARE)).code).toBe('INVOICE_CLOSED');

    const paid = await invoices.recordInvoicePayment(operator, { invoiceId: invoice.id, paidOn: day('11-20'), paymentReference: 'п/п № 4512' });
    expect(paid).toMatchObject({ status: InvoiceStatus.PAID, paidOn: day('11-20'), paymentReference: 'п/п № 4512' });

    const registry = await invoices.invoiceRegistry(operator, MONTH);
    expect(registry.invoices.map((i) => i.id)).toContain(invoice.id);
    expect(registry).toMatchObject({ total: paid.total, approvedTotal: paid.total, paidTotal: paid.total });
    const [{ sum }] = await ds.query(`SELECT sum(amount)::bigint AS sum FROM charges WHERE invoice_id = $1`, [invoice.id]);
    expect(Number(sum)).toBe(paid.total);
    expect((await failure(invoices.invoiceRegistry(otherOperator, MONTH, first.contract.municipalityId))).code).toBe('FORBIDDEN');
    expect(await invoices.myInvoices(otherStaff, MONTH)).toEqual([]);
    await expectInvariants();
  });

  it('sums the municipality\'s certificate money for the operator', async () => {
    const summary = await invoices.municipalitySummary(operator, operator.municipalityId!, day('10-01'));
    const [sums] = await ds.query(
      `SELECT count(*)::int AS accounts, sum(a.nominal)::bigint AS nominal, sum(a.committed)::bigint AS committed, sum(a.spent)::bigint AS spent
         FROM certificate_accounts a JOIN certificate_periods p ON p.id = a.period_id WHERE p.id = $1`,
      [summary.periodId],
    );
    expect(summary).toMatchObject({ nominalTotal: Number(sums.nominal), committed: Number(sums.committed), spent: Number(sums.spent), financingIssued: sums.accounts });
    expect(summary.available).toBe(summary.nominalTotal - summary.blocked - summary.committed - summary.spent - summary.expired);
    expect(summary.financingLimit).toBeGreaterThanOrEqual(summary.financingIssued);
    expect((await failure(invoices.municipalitySummary(otherOperator, operator.municipalityId!))).code).toBe('FORBIDDEN');
  });

  it('sums every municipality\'s current period into one region-wide summary for the region admin', async () => {
    const admin = await actorByEmail(ds, 'admin@demo.ru');
    const region = await invoices.municipalitySummary(admin, undefined, day('10-01'));
    const [sums] = await ds.query(
      `SELECT count(DISTINCT p.id)::int AS periods, sum(a.nominal)::bigint AS nominal, sum(a.spent)::bigint AS spent,
              (SELECT sum(financing_limit)::int FROM certificate_periods WHERE starts_on <= $1 AND ends_on >= $1) AS financing_limit
         FROM certificate_periods p LEFT JOIN certificate_accounts a ON a.period_id = p.id WHERE p.starts_on <= $1 AND p.ends_on >= $1`,
      [day('10-01')],
    );
    expect(region).toMatchObject({ municipalityId: null, periodId: null, municipalitiesCounted: sums.periods, financingLimit: sums.financing_limit, spent: Number(sums.spent) });
    expect(region.nominalTotal).toBe(Number(sums.nominal));
    expect(sums.periods).toBeGreaterThan(1);
    // The region admin still sees one municipality when naming it; an operator naming none sees their own.
    const own = await invoices.municipalitySummary(operator, undefined, day('10-01'));
    expect(own).toMatchObject({ municipalityId: operator.municipalityId, municipalitiesCounted: 1 });
    expect(await invoices.municipalitySummary(admin, operator.municipalityId!, day('10-01'))).toEqual(own);
  });

  it('never double-spends when charges of the same month and terminations of the same contract race', async () => {
    const { groupId } = await createTestProgram(ds);
    // October – December: September's invoice of this organization is paid by an earlier test.
    const { contract, certificateId } = await signTestContract(container, ds, groupId, { confirmedAt: day('10-01') });
    await charge(contract.id, OCT, SHARE);

    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 5 }, () => charges.recordCharges(staff, { month: NOV, items: [{ contractId: contract.id, amount: SHARE }] }, NOV_23)),
      ...Array.from({ length: 3 }, () => closing.terminateContract(parent, { contractId: contract.id, reason: 'Сменили секцию' }, NOV_23)),
    ]);
    const chargeResults = outcomes.slice(0, 5).map((o) => (o as PromiseFulfilledResult<{ errorCode: string | null }[]>).value[0].errorCode);
    expect(chargeResults.filter((c) => c === null)).toHaveLength(1);
    expect(chargeResults.filter((c) => c === 'CHARGE_EXISTS')).toHaveLength(4);
    const terminations = outcomes.slice(5);
    expect(terminations.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of terminations.filter((t): t is PromiseRejectedResult => t.status === 'rejected')) expect((o.reason as DomainError).code).toBe('INVALID_TRANSITION');

    // Whichever came first: October and November spent, December released, nothing left committed.
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: 0, spent: 360_000, available: NOMINAL - 360_000 });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM charges WHERE contract_id = $1`, [contract.id]);
    expect(n).toBe(2);
    await expectInvariants();
  });

  it('never spends and releases the same money when the last month\'s charge races the completion job', async () => {
    const { groupId } = await createTestProgram(ds, { endsOn: day('12-31') });
    const { contract, certificateId } = await signTestContract(container, ds, groupId, { confirmedAt: day('10-01') });
    await charge(contract.id, OCT, SHARE);
    await charge(contract.id, NOV, SHARE);

    const [charged] = await Promise.all([
      charges.recordCharges(staff, { month: DEC, items: [{ contractId: contract.id, amount: SHARE }] }, day('12-31')),
      closing.completeEndedContracts(`${YEAR + 1}-01-01`),
      closing.completeEndedContracts(`${YEAR + 1}-01-01`),
    ]);
    const { errorCode } = charged[0];
    const b = await balance(certificateId);
    if (errorCode === null) {
      expect(b).toEqual({ blocked: 0, committed: 0, spent: 540_000, available: NOMINAL - 540_000 });
    } else {
      // The job came first: December went back to the certificate and the contract takes no more charges.
      expect(errorCode).toBe('CONTRACT_NOT_CHARGEABLE');
      expect(b).toEqual({ blocked: 0, committed: 0, spent: 360_000, available: NOMINAL - 360_000 });
    }
    expect((await reload(contract.id)).status).toBe('COMPLETED');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE contract_id = $1 AND type = 'RELEASE'`, [contract.id]);
    expect(n).toBe(errorCode === null ? 0 : 1);
    await expectInvariants();
  });

  it('keeps the invoice equal to the month\'s charges when charges, corrections, forming and approval race', async () => {
    const { groupId, organizationId } = await createTestProgram(ds);
    const signed = [];
    for (let i = 0; i < 6; i++) signed.push(await signTestContract(container, ds, groupId));
    const monthTotal = async () =>
      Number((await ds.query(`SELECT coalesce(sum(amount), 0)::bigint AS total FROM charges WHERE organization_id = $1 AND month = $2`, [organizationId, OCT]))[0].total);

    // Charges of six contracts while the month's invoice is formed three times over.
    const results = await Promise.all([
      ...signed.map(({ contract }) => charges.recordCharges(staff, { month: OCT, items: [{ contractId: contract.id, amount: SHARE }] }, NOV_23)),
      ...Array.from({ length: 3 }, () => invoices.formInvoice(staff, OCT, NOV_23)),
    ]);
    expect(results.slice(0, 6).map((r) => (r as ChargeResult[])[0].errorCode)).toEqual(Array(6).fill(null));
    const [invoice] = await invoices.formInvoice(staff, OCT, NOV_23);
    expect(invoice.total).toBe(await monthTotal());
    await expectInvariants();

    // A correction racing the approval either lands before it (and is in the total) or is refused after it.
    const first = (results[0] as ChargeResult[])[0].charge!;
    const [correction, approval] = await Promise.allSettled([
      charges.correctCharge(staff, { chargeId: first.id, amount: 100_000, comment: 'Болезнь' }),
      invoices.approveInvoice(operator, invoice.id),
    ]);
    expect(approval.status).toBe('fulfilled');
    if (correction.status === 'rejected') expect((correction.reason as DomainError).code).toBe('INVOICE_CLOSED');
    const approved = await invoices.invoice(operator, invoice.id);
    expect(approved.status).toBe(InvoiceStatus.APPROVED);
    expect(approved.total).toBe(await monthTotal());
    await expectInvariants();
  });

  it('has the invariant checker catch an invoice whose total drifts from its charges', async () => {
    const [invoice] = await ds.query(`SELECT id FROM invoices LIMIT 1`);
    await ds.query(`UPDATE invoices SET total = total + 1 WHERE id = $1`, [invoice.id]);
    const violations = await checkInvariants(ds);
    expect(violations.map((v) => v.invariant)).toEqual(['every invoice: total and count equal its charges']);
    await ds.query(`UPDATE invoices SET total = total - 1 WHERE id = $1`, [invoice.id]);
  });
});
