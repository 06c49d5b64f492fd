import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';
import { createTestProgram, signTestContract } from '../../../test/signed-contracts';
import { formatRub } from '../../common/money';
import { checkInvariants } from '../../invariants/registry';
import type { Contract } from '../contracts/contract.entity';
import { monthName } from '../../common/months';
import { TEST_TODAY } from '../../testing/test-today';

// The API charges months that have started, by the real clock: the contract here runs from the first day of the current month.
const MONTH = TEST_TODAY.slice(0, 7);

describe('billing over HTTP', () => {
  let server: TestServer;
  let contract: Contract;
  let certificateId: string;
  let staff: string;
  let parent: string;
  let operator: string;
  let otherOperator: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { groupId } = await createTestProgram(server.dataSource, { startsOn: `${MONTH}-01` });
    ({ contract, certificateId } = await signTestContract(server.server.container, server.dataSource, groupId, { confirmedAt: `${MONTH}-01` }));
    [staff, parent, operator, otherOperator] = await Promise.all(['staff@demo.ru', 'parent@demo.ru', 'operator@demo.ru', 'operator.blag@demo.ru'].map((e) => server.login(e)));
  });
  afterAll(() => server.close());

  const download = (path: string, token?: string) => fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('lets staff charge from the month sheet, each item with its own result, and shows the parent the charge and the ledger line', async () => {
    const sheet = await server.gql<{ monthSheet: { uncharged: number; lines: { contract: { id: string }; proratedShare: number; copayment: number; chargeable: boolean }[] } }>(
      `query($month: String!) { monthSheet(month: $month) { uncharged lines { contract { id } proratedShare copayment chargeable } } }`,
      { month: MONTH },
      staff,
    );
    const line = sheet.data!.monthSheet.lines.find((l) => l.contract.id === contract.id)!;
    expect(line).toMatchObject({ proratedShare: 180_000, copayment: 20_000, chargeable: true });

    const recorded = await server.gql<{ recordCharges: { contractNumber: string; errorCode: string | null; charge: { amount: number; copayment: number } | null }[] }>(
      `mutation($input: RecordChargesInput!) { recordCharges(input: $input) { contractNumber errorCode errorMessage charge { amount copayment lessonsAttended } } }`,
      {
        input: {
          month: MONTH,
          items: [
            { contractId: contract.id, amount: line.proratedShare, lessonsPlanned: 8, lessonsAttended: 8 },
            { contractId: contract.id, amount: 1_000 },
          ],
        },
      },
      staff,
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordCharges.map((r) => [r.contractNumber, r.errorCode, r.charge?.amount ?? null])).toEqual([
      [contract.number, null, 180_000],
      [contract.number, 'CHARGE_EXISTS', null],
    ]);

    const mine = await server.gql<{ contract: { charges: { month: string; amount: number; copayment: number }[] } }>(
      `query($id: ID!) { contract(id: $id) { charges { month amount copayment } } }`,
      { id: contract.id },
      parent,
    );
    expect(mine.data!.contract.charges).toEqual([{ month: MONTH, amount: 180_000, copayment: 20_000 }]);
    const [entry] = await server.dataSource.query(`SELECT reason FROM ledger_entries WHERE certificate_id = $1 AND type = 'CHARGE'`, [certificateId]);
    expect(entry.reason).toBe(`Списание за ${monthName(MONTH)}, «Робототехника», ${formatRub(180_000)}`);
  });

  it('refuses a parent and validates the month', async () => {
    const asParent = await server.gql(`mutation($input: RecordChargesInput!) { recordCharges(input: $input) { errorCode } }`, { input: { month: MONTH, items: [{ contractId: contract.id, amount: 1 }] } }, parent);
    expect(asParent.errors![0].extensions!.code).toBe('FORBIDDEN');
    const badMonth = await server.gql(`query { monthSheet(month: "2026-13") { uncharged } }`, {}, staff);
    expect(badMonth.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const badInput = await server.gql(`mutation($input: RecordChargesInput!) { recordCharges(input: $input) { errorCode } }`, { input: { month: 'октябрь', items: [{ contractId: contract.id, amount: 1 }] } }, staff);
    expect(badInput.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('forms the invoice for the operator to approve, with its CSV and the month\'s registry for download', async () => {
    const formed = await server.gql<{ formInvoice: { id: string; status: string; total: number; chargeCount: number }[] }>(
      `mutation($month: String!) { formInvoice(month: $month) { id status total chargeCount } }`,
      { month: MONTH },
      staff,
    );
    const [invoice] = formed.data!.formInvoice;
    expect(invoice).toMatchObject({ status: 'FORMED', total: 180_000, chargeCount: 1 });

    const approved = await server.gql<{ approveInvoice: { status: string; total: number; charges: { amount: number }[]; organization: { shortName: string } } }>(
      `mutation($id: ID!) { approveInvoice(invoiceId: $id) { status total charges { amount } organization { shortName } } }`,
      { id: invoice.id },
      operator,
    );
    expect(approved.data!.approveInvoice).toMatchObject({ status: 'APPROVED', total: 180_000, charges: [{ amount: 180_000 }] });

    const registry = await server.gql<{ invoiceRegistry: { total: number; approvedTotal: number; invoices: { id: string }[] } }>(
      `query($month: String!) { invoiceRegistry(month: $month) { total approvedTotal invoices { id } } }`,
      { month: MONTH },
      operator,
    );
    expect(registry.data!.invoiceRegistry).toEqual({ total: 180_000, approvedTotal: 180_000, invoices: [{ id: invoice.id }] });

    const csv = await download(`/reports/invoices/${invoice.id}.csv`, staff);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(`invoice-${MONTH}-`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith(`\uFEFFСчёт на оплату за ${monthName(MONTH)}`)).toBe(true);
    const rows = text.slice(1).split('\r\n');
    const line = rows.find((r) => r.startsWith('1;'))!.split(';');
    expect(line.slice(1, 2)).toEqual([contract.number]);
    expect(line.slice(4)).toEqual(['Робототехника', '8', '8', '1800,00', '200,00', '']);
    expect(rows.find((r) => r.startsWith('Итого'))).toBe('Итого;;;;;;;1800,00;200,00;');

    const registryCsv = await download(`/reports/registry.csv?month=${MONTH}`, operator);
    expect(registryCsv.status).toBe(200);
    const registryText = await registryCsv.text();
    expect(registryText).toContain(`Реестр счетов за ${monthName(MONTH)}`);
    expect(registryText).toContain(';утверждён;1;1800,00;');

    expect((await download(`/reports/invoices/${invoice.id}.csv`)).status).toBe(401);
    expect((await download(`/reports/invoices/${invoice.id}.csv`, otherOperator)).status).toBe(404);
    expect((await download(`/reports/invoices/${invoice.id}.csv`, parent)).status).toBe(403);
    expect((await download(`/reports/registry.csv?month=${MONTH}`, staff)).status).toBe(403);
    expect((await download(`/reports/registry.csv?month=oct`, operator)).status).toBe(400);
  });

  it('lets the parent terminate their own contract, and shows the operator the municipality\'s money', async () => {
    const terminated = await server.gql<{ terminateContract: { status: string; endsOn: string } }>(
      `mutation($input: TerminateContractInput!) { terminateContract(input: $input) { status endsOn } }`,
      { input: { contractId: contract.id, reason: 'Ребёнок выбрал другую секцию' } },
      parent,
    );
    expect(terminated.errors).toBeUndefined();
    expect(terminated.data!.terminateContract.status).toBe('TERMINATED');

    const summary = await server.gql<{ municipalitySummary: { financingIssued: number; financingLimit: number; spent: number; available: number; nominalTotal: number } }>(
      `query($id: ID!) { municipalitySummary(municipalityId: $id) { financingIssued financingLimit nominalTotal blocked committed spent available } }`,
      { id: contract.municipalityId },
      operator,
    );
    expect(summary.errors).toBeUndefined();
    expect(summary.data!.municipalitySummary.spent).toBeGreaterThanOrEqual(180_000);
    const denied = await server.gql(`query($id: ID!) { municipalitySummary(municipalityId: $id) { spent } }`, { id: contract.municipalityId }, otherOperator);
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await checkInvariants(server.dataSource)).toEqual([]);
  });
});
