import { E2E_TODAY, type RunningSystem } from '../../../testing/e2e-system';

async function call<T = any>(system: RunningSystem, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await system.gql<T>(query, variables, token);
  if (!res.data || res.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** The first day of a month counted from the system's pinned day. */
function isoMonthStart(offset: number): string {
  const [y, m] = E2E_TODAY.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 10);
}

/**
 * The steps the journey test takes in the browser, done through the API: a certified program of staff@demo.ru's
 * organization with a group, parent@demo.ru's child applying with a financing certificate, and the staff confirming.
 */
export async function offerContractThroughApi(system: RunningSystem): Promise<{ id: string; number: string; childLastName: string; programId: string }> {
  const [staff, operator, parent] = await Promise.all([system.login('staff@demo.ru'), system.login('operator@demo.ru'), system.login('parent@demo.ru')]);
  const { createProgram } = await call(system, staff, `mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }`, {
    input: {
      title: 'Шахматы для начинающих',
      description: 'Учимся играть в шахматы: правила, дебюты, турниры.',
      direction: 'SOCIAL_HUMANITARIAN',
      ageFrom: 6,
      ageTo: 14,
      durationMonths: 9,
      academicHours: 72,
      format: 'IN_PERSON',
      fundingType: 'CERTIFICATE',
      monthlyPrice: 200_000,
      address: 'г. Зея, ул. Народная, 26',
    },
  });
  const programId = createProgram.id;
  const { createGroup } = await call(system, staff, `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`, {
    input: { programId, name: 'Группа А', capacity: 10, startsOn: isoMonthStart(-2), endsOn: isoMonthStart(6), schedule: [{ weekday: 3, startTime: '16:00', endTime: '17:30' }] },
  });
  await call(system, staff, `mutation($id: ID!) { publishProgram(programId: $id) { id } }`, { id: programId });
  await call(system, staff, `mutation($id: ID!) { submitProgramForCertification(programId: $id) { id } }`, { id: programId });
  await call(system, operator, `mutation($input: CertifyProgramInput!) { certifyProgram(input: $input) { id } }`, { input: { programId, normativeMonthlyCost: 200_000 } });
  const { myChildren } = await call(system, parent, `{ myChildren { id lastName certificate { status } } }`);
  const child = myChildren.find((c: any) => c.certificate?.status === 'FINANCING');
  const { submitApplication } = await call(system, parent, `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`, {
    input: { childId: child.id, groupId: createGroup.id },
  });
  const { confirmApplication } = await call(system, staff, `mutation($input: ApplicationActionInput!) { confirmApplication(input: $input) { contract { id number } } }`, {
    input: { applicationId: submitApplication.id },
  });
  return { id: confirmApplication.contract.id, number: confirmApplication.contract.number, childLastName: child.lastName, programId };
}
