import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';
import { createTestCertificate } from '../../../test/certificates';
import { createTestGroup } from '../../../test/enrollment';
import { checkInvariants } from '../../invariants/registry';
import { TEST_TODAY } from '../../testing/test-today';

const APPLICATION_FIELDS = `id status waitlistPosition rejectReason submittedAt
  child { id firstName } group { id name freeSeats } program { id title } organization { shortName }
  statusHistory { status note at }
  contract { id number status text startsOn endsOn months monthlyPrice certificateMonthlyShare parentMonthlyCopayment certificateTotal offerExpiresAt
             fundingPlan { year months certificateAmount parentAmount state } }`;

describe('enrollment over GraphQL', () => {
  let api: TestServer;
  let parent: string;
  let staff: string;
  let otherStaff: string;
  let operator: string;
  let otherOperator: string;

  beforeAll(async () => {
    api = await startTestServer();
    [parent, staff, otherStaff, operator, otherOperator] = await Promise.all(
      ['parent@demo.ru', 'staff@demo.ru', 'staff.blag@demo.ru', 'operator@demo.ru', 'operator.blag@demo.ru'].map((email) => api.login(email)),
    );
  });
  afterAll(() => api.close());

  const balance = async (certificateId: string) => {
    const [row] = await api.dataSource.query(
      `SELECT a.blocked::int AS blocked, a.committed::int AS committed FROM certificate_accounts a JOIN certificate_periods p ON p.id = a.period_id
        WHERE a.certificate_id = $1 AND p.starts_on <= $2 AND p.ends_on >= $2`,
      [certificateId, TEST_TODAY],
    );
    return row;
  };

  it('takes a parent from application through the offer to a signed contract, with the organization and the МОЦ looking on', async () => {
    const { certificateId, childId } = await createTestCertificate(api.dataSource);
    const { groupId } = await createTestGroup(api.dataSource);

    const submitted = await api.gql<{ submitApplication: { id: string; status: string } }>(
      `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { ${APPLICATION_FIELDS} } }`,
      { input: { childId, groupId, idempotencyKey: 'submit-key-0001' } },
      parent,
    );
    expect(submitted.errors).toBeUndefined();
    const applicationId = submitted.data!.submitApplication.id;
    expect(submitted.data!.submitApplication.status).toBe('SUBMITTED');

    const staffList = await api.gql<{ applications: { totalCount: number; edges: { node: { id: string; child: { firstName: string } } }[] } }>(
      `query($filter: ApplicationFilter) { applications(filter: $filter, first: 10) { totalCount edges { node { id child { firstName } } } } }`,
      { filter: { groupId, status: 'SUBMITTED' } },
      staff,
    );
    expect(staffList.data!.applications.edges.map((e) => e.node.id)).toEqual([applicationId]);
    const foreign = await api.gql<{ applications: { totalCount: number } }>(`query($filter: ApplicationFilter) { applications(filter: $filter) { totalCount } }`, { filter: { groupId } }, otherStaff);
    expect(foreign.data!.applications.totalCount).toBe(0);
    const municipal = await api.gql<{ applications: { totalCount: number } }>(`query($filter: ApplicationFilter) { applications(filter: $filter) { totalCount } }`, { filter: { groupId } }, operator);
    expect(municipal.data!.applications.totalCount).toBe(1);
    const otherMunicipality = await api.gql<{ applications: { totalCount: number } }>(`query($filter: ApplicationFilter) { applications(filter: $filter) { totalCount } }`, { filter: { groupId } }, otherOperator);
    expect(otherMunicipality.data!.applications.totalCount).toBe(0);

    const refused = await api.gql(`mutation($input: ApplicationActionInput!) { confirmApplication(input: $input) { id } }`, { input: { applicationId } }, parent);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    type Plan = { year: number; months: number; certificateAmount: number; parentAmount: number; state: string }[];
    const confirmed = await api.gql<{ confirmApplication: { status: string; contract: { id: string; number: string; text: string; certificateTotal: number; status: string; fundingPlan: Plan } } }>(
      `mutation($input: ApplicationActionInput!) { confirmApplication(input: $input) { ${APPLICATION_FIELDS} } }`,
      { input: { applicationId } },
      staff,
    );
    expect(confirmed.errors).toBeUndefined();
    const offer = confirmed.data!.confirmApplication.contract;
    expect(offer.status).toBe('OFFERED');
    expect(offer.text).toContain(offer.number);
    // Today's period blocks its months; the next year's are paid from that year's nominal when it is credited.
    const [thisYear, nextYear] = offer.fundingPlan;
    expect(offer.fundingPlan).toHaveLength(2);
    expect(thisYear).toMatchObject({ year: Number(TEST_TODAY.slice(0, 4)), state: 'BLOCKED' });
    expect(nextYear).toMatchObject({ year: Number(TEST_TODAY.slice(0, 4)) + 1, state: 'PLANNED' });
    expect(thisYear.certificateAmount + nextYear.certificateAmount).toBe(offer.certificateTotal);
    expect(offer.text).toContain(`будет оплачено из номинала ${nextYear.year} года`);
    expect(await balance(certificateId)).toEqual({ blocked: thisYear.certificateAmount, committed: 0 });

    const mine = await api.gql<{ myApplications: { id: string; status: string; statusHistory: { status: string }[]; contract: { id: string } }[] }>(
      `{ myApplications { ${APPLICATION_FIELDS} } }`,
      {},
      parent,
    );
    const listed = mine.data!.myApplications.find((a) => a.id === applicationId)!;
    expect(listed.status).toBe('CONFIRMED');
    expect(listed.statusHistory.map((h) => h.status)).toEqual(['SUBMITTED', 'CONFIRMED']);
    expect(listed.contract.id).toBe(offer.id);

    const signed = await api.gql<{ signContract: { status: string; signedAt: string } }>(
      `mutation($input: SignContractInput!) { signContract(input: $input) { status signedAt child { firstName } certificate { number } } }`,
      { input: { contractId: offer.id } },
      parent,
    );
    expect(signed.errors).toBeUndefined();
    expect(signed.data!.signContract.status).toBe('ACTIVE');
    expect(await balance(certificateId)).toEqual({ blocked: 0, committed: thisYear.certificateAmount });

    const contracts = await api.gql<{ myContracts: { id: string; status: string }[] }>(`{ myContracts { id status } }`, {}, parent);
    expect(contracts.data!.myContracts).toContainEqual({ id: offer.id, status: 'ACTIVE' });
    const asStaff = await api.gql<{ contract: { number: string } | null }>(`query($id: ID!) { contract(id: $id) { number } }`, { id: offer.id }, staff);
    expect(asStaff.data!.contract?.number).toBe(offer.number);
    const asStranger = await api.gql<{ contract: { number: string } | null }>(`query($id: ID!) { contract(id: $id) { number } }`, { id: offer.id }, otherStaff);
    expect(asStranger.data!.contract).toBeNull();

    expect(await checkInvariants(api.dataSource)).toEqual([]);
  });

  it('reports a certificate that cannot cover the block with the amounts, and a malformed key as bad input', async () => {
    const { childId } = await createTestCertificate(api.dataSource, { nominal: 100_000 });
    const { groupId } = await createTestGroup(api.dataSource);
    const badKey = await api.gql(`mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`, { input: { childId, groupId, idempotencyKey: 'x' } }, parent);
    expect(badKey.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const submitted = await api.gql<{ submitApplication: { id: string } }>(`mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`, { input: { childId, groupId } }, parent);
    const refused = await api.gql(`mutation($input: ApplicationActionInput!) { confirmApplication(input: $input) { id } }`, { input: { applicationId: submitted.data!.submitApplication.id } }, staff);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_BALANCE', available: 100_000 });
    expect(refused.errors?.[0].message).toMatch(/Недостаточно средств/);
  });

  it('shows notifications with an unread count and marks them read', async () => {
    const count = async () => (await api.gql<{ unreadNotificationCount: number }>(`{ unreadNotificationCount }`, {}, parent)).data!.unreadNotificationCount;
    expect(await count()).toBeGreaterThan(0);
    const page = await api.gql<{ myNotifications: { totalCount: number; edges: { node: { id: string; kind: string; title: string } }[] } }>(
      `{ myNotifications(first: 5, unreadOnly: true) { totalCount edges { node { id kind title body applicationId readAt } } } }`,
      {},
      parent,
    );
    expect(page.data!.myNotifications.edges.length).toBeGreaterThan(0);
    const first = page.data!.myNotifications.edges[0].node.id;
    const marked = await api.gql<{ markNotificationsRead: number }>(`mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: [first] }, parent);
    expect(marked.data!.markNotificationsRead).toBe(1);
    await api.gql(`mutation { markNotificationsRead }`, {}, parent);
    expect(await count()).toBe(0);
    const anonymous = await api.gql(`{ unreadNotificationCount }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
