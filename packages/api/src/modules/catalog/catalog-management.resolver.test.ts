import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';
import { createTestCertificate } from '../../../test/certificates';
import { groupInput, programInput } from '../../testing/catalog-fixtures';

const PROGRAM_FIELDS = `id title status certificationStatus certificationRejectReason normativeMonthlyCost monthlyPrice organizationId
  certificatePaymentAvailable certificateMonthlyShare parentMonthlyCopayment`;

const CREATE_PROGRAM = `mutation($input: CreateProgramInput!) { createProgram(input: $input) { ${PROGRAM_FIELDS} } }`;
const CREATE_GROUP = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id name capacity freeSeats enrollmentOpen schedule { weekday startTime endTime } } }`;
const SEARCH = `query($text: String!) { programs(filter: { text: $text }) { totalCount
  edges { node { id certificatePaymentAvailable certificateMonthlyShare parentMonthlyCopayment groups { id freeSeats } organization { shortName } } }
  facets { fundingTypes { value count } } } }`;
const AUDIT = `query($id: ID!) { auditTrail(entityType: PROGRAM, entityId: $id) { action actorName before after at } }`;

interface SearchResult {
  programs: {
    totalCount: number;
    edges: { node: { id: string; certificatePaymentAvailable: boolean; certificateMonthlyShare: number | null; parentMonthlyCopayment: number; groups: { id: string; freeSeats: number }[] } }[];
    facets: { fundingTypes: { value: string; count: number }[] };
  };
}

describe('catalog management over HTTP', () => {
  let api: TestServer;
  let staff: string;
  let otherStaff: string;
  let operator: string;
  let otherOperator: string;
  let parent: string;

  beforeAll(async () => {
    api = await startTestServer();
    [staff, otherStaff, operator, otherOperator, parent] = await Promise.all(
      ['staff@demo.ru', 'staff.blag@demo.ru', 'operator@demo.ru', 'operator.blag@demo.ru', 'parent@demo.ru'].map((email) => api.login(email)),
    );
  });
  afterAll(() => api.close());

  const ok = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const res = await api.gql<T>(query, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  it('takes a program from a draft with a group to the catalog with the certificate badge, and on to applications', async () => {
    const { createProgram: program } = await ok<{ createProgram: { id: string; status: string; certificationStatus: string } }>(
      CREATE_PROGRAM,
      { input: programInput({ title: 'Звездочёты: первые шаги в астрономии', monthlyPrice: 250_000 }) },
      staff,
    );
    expect(program).toMatchObject({ status: 'DRAFT', certificationStatus: 'NOT_SUBMITTED' });
    const { createGroup: group } = await ok<{ createGroup: { id: string; freeSeats: number } }>(CREATE_GROUP, { input: groupInput(program.id) }, staff);
    expect(group.freeSeats).toBe(12);

    const search = () => ok<SearchResult>(SEARCH, { text: 'звездочёты' });
    expect((await search()).programs.totalCount).toBe(0);

    await ok(`mutation($id: ID!) { publishProgram(programId: $id) { id } }`, { id: program.id }, staff);
    const submitted = await ok<{ submitProgramForCertification: { certificationStatus: string } }>(
      `mutation($id: ID!) { submitProgramForCertification(programId: $id) { certificationStatus } }`,
      { id: program.id },
      staff,
    );
    expect(submitted.submitProgramForCertification.certificationStatus).toBe('SUBMITTED');

    // Published but not yet certified: listed, without the badge, and the certificate pays nothing.
    const before = (await search()).programs;
    expect(before.edges[0].node).toMatchObject({ id: program.id, certificatePaymentAvailable: false, certificateMonthlyShare: null, parentMonthlyCopayment: 250_000 });
    const { childId } = await createTestCertificate(api.dataSource);
    const APPLY = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status } }`;
    const early = await api.gql(APPLY, { input: { childId, groupId: group.id } }, parent);
    expect(early.errors![0].extensions!.code).toBe('PROGRAM_NOT_AVAILABLE');

    const queue = await ok<{ programsAwaitingCertification: { id: string }[] }>(`{ programsAwaitingCertification { id } }`, {}, operator);
    expect(queue.programsAwaitingCertification.map((p) => p.id)).toContain(program.id);
    const certified = await ok<{ certifyProgram: { certificationStatus: string; normativeMonthlyCost: number } }>(
      `mutation($input: CertifyProgramInput!) { certifyProgram(input: $input) { certificationStatus normativeMonthlyCost } }`,
      { input: { programId: program.id, normativeMonthlyCost: 200_000 } },
      operator,
    );
    expect(certified.certifyProgram).toEqual({ certificationStatus: 'CERTIFIED', normativeMonthlyCost: 200_000 });

    const after = (await search()).programs;
    expect(after.totalCount).toBe(1);
    expect(after.facets.fundingTypes).toEqual([{ value: 'CERTIFICATE', count: 1 }]);
    expect(after.edges[0].node).toMatchObject({
      id: program.id,
      certificatePaymentAvailable: true,
      certificateMonthlyShare: 200_000,
      parentMonthlyCopayment: 50_000,
      groups: [{ id: group.id, freeSeats: 12 }],
    });

    const applied = await ok<{ submitApplication: { status: string } }>(APPLY, { input: { childId, groupId: group.id } }, parent);
    expect(applied.submitApplication.status).toBe('SUBMITTED');

    const trail = await ok<{ auditTrail: { action: string; actorName: string }[] }>(AUDIT, { id: program.id }, staff);
    expect(trail.auditTrail.map((e) => e.action)).toEqual(['program.created', 'program.published', 'program.certification_submitted', 'program.certified']);
    expect(trail.auditTrail.at(-1)!.actorName).toMatch(/МОЦ г. Зеи/);
    expect((await ok<{ auditTrail: unknown[] }>(AUDIT, { id: program.id }, operator)).auditTrail).toHaveLength(4);
  });

  it('shows the change history only to the organization\'s staff and its municipality\'s МОЦ', async () => {
    const { createProgram: program } = await ok<{ createProgram: { id: string } }>(CREATE_PROGRAM, { input: programInput() }, staff);
    expect((await api.gql(AUDIT, { id: program.id }, otherStaff)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(AUDIT, { id: program.id }, otherOperator)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(AUDIT, { id: program.id }, parent)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(AUDIT, { id: program.id })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('explains invalid program input in Russian, field by field', async () => {
    const res = await api.gql(CREATE_PROGRAM, { input: programInput({ title: '', ageFrom: 4, ageTo: 19, monthlyPrice: -100, durationMonths: 0 }) }, staff);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const fields = (res.errors![0].extensions!.fields as { field: string; message: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'ageFrom', 'ageTo', 'monthlyPrice', 'durationMonths']));
    expect(res.errors![0].message).toContain('Возраст «от» — от 5 до 18 лет');
    expect(res.errors![0].message).toContain('Стоимость не может быть отрицательной');
  });

  it('explains an invalid timetable in Russian', async () => {
    const { createProgram: program } = await ok<{ createProgram: { id: string } }>(CREATE_PROGRAM, { input: programInput() }, staff);
    const res = await api.gql(CREATE_GROUP, { input: groupInput(program.id, { schedule: [{ weekday: 8, startTime: '25:00', endTime: '17:00' }], capacity: 0 }) }, staff);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('День недели');
    expect(res.errors![0].message).toContain('ЧЧ:ММ');
    expect(res.errors![0].message).toContain('Число мест');
    const empty = await api.gql(CREATE_GROUP, { input: groupInput(program.id, { schedule: [] }) }, staff);
    expect(empty.errors![0].message).toContain('хотя бы одно занятие');
  });

  it('refuses catalog changes to anonymous callers and to the wrong roles before reaching the service', async () => {
    expect((await api.gql(CREATE_PROGRAM, { input: programInput() })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(CREATE_PROGRAM, { input: programInput() }, parent)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(CREATE_PROGRAM, { input: programInput() }, operator)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const certify = `mutation { certifyProgram(input: { programId: "00000000-0000-4000-8000-000000000000", normativeMonthlyCost: 1 }) { id } }`;
    expect((await api.gql(certify, {}, staff)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(`{ myOrganizationPrograms { id } }`, {}, operator)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('gives staff their organization and all its programs, drafts included', async () => {
    const { createProgram: draft } = await ok<{ createProgram: { id: string } }>(CREATE_PROGRAM, { input: programInput({ title: 'Черновик кружка' }) }, staff);
    const data = await ok<{ myOrganization: { shortName: string }; myOrganizationPrograms: { id: string; status: string }[] }>(
      `{ myOrganization { shortName } myOrganizationPrograms(filter: { status: DRAFT }) { id status } }`,
      {},
      staff,
    );
    expect(data.myOrganization.shortName).toBe('МАО ДО ДДТ «Ровесник»');
    expect(data.myOrganizationPrograms.map((p) => p.id)).toContain(draft.id);
    expect(data.myOrganizationPrograms.every((p) => p.status === 'DRAFT')).toBe(true);
    const unfiltered = await ok<{ myOrganizationPrograms: { id: string }[] }>(`{ myOrganizationPrograms(filter: null) { id } }`, {}, staff);
    expect(unfiltered.myOrganizationPrograms.map((p) => p.id)).toContain(draft.id);
    const updated = await api.gql(`mutation { updateOrganization(input: { email: "не почта" }) { id } }`, {}, staff);
    expect(updated.errors![0].message).toContain('электронной почты');
  });
});
