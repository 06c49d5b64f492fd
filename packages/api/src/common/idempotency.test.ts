import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/app';
import { createTestCertificate } from '../../test/certificates';
import { createTestGroup } from '../../test/enrollment';
import { createTestProgram, signTestContract } from '../../test/signed-contracts';
import { TEST_TODAY } from '../testing/test-today';
import { fingerprint } from './idempotency';

const SUBMIT = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id child { id } } }`;
const RECORD = `mutation($input: RecordChargesInput!) { recordCharges(input: $input) { errorCode errorMessage charge { id amount } } }`;
const MONTH = TEST_TODAY.slice(0, 7);

describe('idempotency keys', () => {
  let api: TestServer;
  let parent: string;
  let staff: string;
  beforeAll(async () => {
    api = await startTestServer();
    [parent, staff] = await Promise.all(['parent@demo.ru', 'staff@demo.ru'].map((e) => api.login(e)));
  });
  afterAll(() => api.close());

  it('refuses a key reused for another child with IDEMPOTENCY_KEY_REUSED instead of answering with the first child\'s application', async () => {
    const [a, b] = [await createTestCertificate(api.dataSource), await createTestCertificate(api.dataSource)];
    const { groupId } = await createTestGroup(api.dataSource);
    const key = 'reuse-key-0001';
    const first = await api.gql<{ submitApplication: { id: string } }>(SUBMIT, { input: { childId: a.childId, groupId, idempotencyKey: key } }, parent);
    expect(first.errors).toBeUndefined();

    const replay = await api.gql<{ submitApplication: { id: string } }>(SUBMIT, { input: { groupId, childId: a.childId, idempotencyKey: key } }, parent);
    expect(replay.data!.submitApplication.id).toBe(first.data!.submitApplication.id);

    const other = await api.gql(SUBMIT, { input: { childId: b.childId, groupId, idempotencyKey: key } }, parent);
    expect(other.errors![0].extensions!.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.errors![0].message).toMatch(/ключ повтора уже использован/i);
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM applications WHERE child_id = $1`, [b.childId]);
    expect(n).toBe(0);
  });

  it('refuses a key reused for another operation', async () => {
    const { childId } = await createTestCertificate(api.dataSource);
    const { groupId } = await createTestGroup(api.dataSource);
    const submitted = await api.gql<{ submitApplication: { id: string } }>(SUBMIT, { input: { childId, groupId, idempotencyKey: 'reuse-key-0002' } }, parent);
    const cancel = await api.gql(
      `mutation($input: ApplicationActionInput!) { cancelApplication(input: $input) { id } }`,
      { input: { applicationId: submitted.data!.submitApplication.id, idempotencyKey: 'reuse-key-0002' } },
      parent,
    );
    expect(cancel.errors![0].extensions!.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('gives recordCharges items keys: a replay returns the same charge, other figures are refused', async () => {
    const { groupId } = await createTestProgram(api.dataSource, { startsOn: `${MONTH}-01` });
    const { contract } = await signTestContract(api.server.container, api.dataSource, groupId, { confirmedAt: `${MONTH}-01` });
    const item = { contractId: contract.id, amount: 100_000, idempotencyKey: 'charge-key-0001' };
    type Results = { recordCharges: { errorCode: string | null; charge: { id: string; amount: number } | null }[] };
    const first = await api.gql<Results>(RECORD, { input: { month: MONTH, items: [item] } }, staff);
    expect(first.data!.recordCharges[0].errorCode).toBeNull();
    const replay = await api.gql<Results>(RECORD, { input: { month: MONTH, items: [item] } }, staff);
    expect(replay.data!.recordCharges[0].charge!.id).toBe(first.data!.recordCharges[0].charge!.id);
    const changed = await api.gql<Results>(RECORD, { input: { month: MONTH, items: [{ ...item, amount: 90_000 }] } }, staff);
    expect(changed.data!.recordCharges[0].errorCode).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM charges WHERE contract_id = $1`, [contract.id]);
    expect(n).toBe(1);
  });

  it('fingerprints arguments regardless of key order', () => {
    expect(fingerprint({ operation: 'x', args: { a: 1, b: { c: 2, d: 3 } } })).toBe(fingerprint({ operation: 'x', args: { b: { d: 3, c: 2 }, a: 1 } }));
    expect(fingerprint({ operation: 'x', args: { a: 1 } })).not.toBe(fingerprint({ operation: 'y', args: { a: 1 } }));
  });
});
