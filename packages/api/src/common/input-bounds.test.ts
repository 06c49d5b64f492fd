import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLInputObjectType, getNamedType, isInputObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/app';
import { createTestProgram, signTestContract } from '../../test/signed-contracts';
import { TEST_TODAY } from '../testing/test-today';
import { MAX_AMOUNT_KOPECKS } from './money';

const MONTH = TEST_TODAY.slice(0, 7);

describe('input bounds', () => {
  let api: TestServer;
  let parent: string;
  let operator: string;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestServer();
    [parent, operator, tokens.staff] = await Promise.all(['parent@demo.ru', 'operator@demo.ru', 'staff@demo.ru'].map((e) => api.login(e)));
    tokens.parent = parent;
    tokens.operator = operator;
  });
  afterAll(() => api.close());

  it('refuses a reason of spaces, and the contract stays as it was', async () => {
    const { groupId } = await createTestProgram(api.dataSource, { startsOn: `${MONTH}-01` });
    const { contract } = await signTestContract(api.server.container, api.dataSource, groupId, { confirmedAt: `${MONTH}-01` });
    const res = await api.gql(`mutation($input: TerminateContractInput!) { terminateContract(input: $input) { status } }`, { input: { contractId: contract.id, reason: '   ' } }, parent);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/причину расторжения/);
    const [{ status }] = await api.dataSource.query(`SELECT status FROM contracts WHERE id = $1`, [contract.id]);
    expect(status).toBe('ACTIVE');
  });

  it.each([
    ['rejectApplication', 'RejectApplicationInput', 'staff', { applicationId: '00000000-0000-4000-8000-000000000000', reason: ' \t\n ' }],
    ['suspendCertificate', 'CertificateStatusChangeInput', 'operator', { certificateId: '00000000-0000-4000-8000-000000000000', reason: '    ' }],
    ['returnInvoice', 'ReturnInvoiceInput', 'operator', { invoiceId: '00000000-0000-4000-8000-000000000000', reason: '     ' }],
    ['rejectProgramCertification', 'RejectProgramCertificationInput', 'operator', { programId: '00000000-0000-4000-8000-000000000000', reason: '        ' }],
    ['terminateContract', 'TerminateContractInput', 'parent', { contractId: '00000000-0000-4000-8000-000000000000', reason: 'x'.repeat(501) }],
  ])('refuses a blank or overlong reason in %s', async (mutation, type, role, input) => {
    const res = await api.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input }, tokens[role]);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a nominal of 10^15 kopecks', async () => {
    const [{ id: municipalityId }] = await api.dataSource.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
    const year = Number(TEST_TODAY.slice(0, 4)) + 1;
    const res = await api.gql(
      `mutation($input: SetCertificatePeriodInput!) { setCertificatePeriod(input: $input) { id } }`,
      { input: { municipalityId, year, nominal: 10 ** 15, financingLimit: 10, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` } },
      operator,
    );
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/слишком велика/);
  });

  it('states the upper bound of every amount in the schema', () => {
    const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
    const amounts = Object.values(schema.getTypeMap())
      .filter((t): t is GraphQLInputObjectType => isInputObjectType(t))
      .flatMap((t) => Object.values(t.getFields()).filter((f) => getNamedType(f.type).name === 'Kopecks').map((f) => ({ field: `${t.name}.${f.name}`, description: f.description ?? '' })));
    expect(amounts.length).toBeGreaterThanOrEqual(6);
    for (const a of amounts) expect(a.description, a.field).toContain(String(MAX_AMOUNT_KOPECKS));
  });
});
