import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/app';
import { bornYearsAgo, randomSnils } from '../../../test/certificates';
import { formatSnils } from '../../common/snils';
import { TEST_TODAY } from '../../testing/test-today';

const ADD_CHILD = `mutation($input: AddChildInput!) { addChild(input: $input) { id fullName age snils certificate { id } } }`;
const REQUEST = `mutation($childId: ID!) { requestCertificate(childId: $childId) { id number status statusLabel validUntil } }`;
const VERIFY = `mutation($id: ID!) { verifyCertificate(certificateId: $id) { status } }`;
const GRANT = `mutation($id: ID!) { grantFinancing(certificateId: $id) { status } }`;
const MY_CHILDREN = `{ myChildren { id firstName age snils certificate { number status currentAccount { nominal blocked committed spent available period { year } } ledger(first: 10) { totalCount edges { node { type label amount availableChange reason } } } } } }`;
const CERTIFICATE = `query($id: ID!) { certificate(id: $id) { number status child { fullName snils } } }`;

describe('certificates over HTTP', () => {
  let t: TestServer;
  const tokens: Record<string, string> = {};
  let zeyaId: string;
  beforeAll(async () => {
    t = await startTestServer();
    for (const email of ['parent@demo.ru', 'petrova@demo.ru', 'staff@demo.ru', 'staff.blag@demo.ru', 'operator@demo.ru', 'operator.blag@demo.ru', 'admin@demo.ru']) {
      tokens[email] = await t.login(email);
    }
    [{ id: zeyaId }] = await t.dataSource.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
  });
  afterAll(() => t.close());

  const addChild = async (snils = randomSnils(), token = tokens['parent@demo.ru']) => {
    const res = await t.gql<{ addChild: { id: string; snils: string } }>(
      ADD_CHILD,
      { input: { lastName: 'Васильев', firstName: 'Тимофей', middleName: 'Ильич', birthDate: bornYearsAgo(10), gender: 'MALE', municipalityId: zeyaId, snils: formatSnils(snils) } },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.addChild;
  };

  it('runs the whole journey: a parent adds a child and requests, staff verify, the operator finances, the parent sees the money', async () => {
    const snils = randomSnils();
    const child = await addChild(snils);
    expect(child.snils).toBe(formatSnils(snils));
    const requested = await t.gql<{ requestCertificate: { id: string; number: string; status: string; statusLabel: string } }>(REQUEST, { childId: child.id }, tokens['parent@demo.ru']);
    expect(requested.data!.requestCertificate).toMatchObject({ status: 'PENDING_VERIFICATION', statusLabel: 'ожидает проверки документов' });
    const id = requested.data!.requestCertificate.id;
    expect((await t.gql(VERIFY, { id }, tokens['staff@demo.ru'])).data).toEqual({ verifyCertificate: { status: 'ACCOUNTING' } });
    expect((await t.gql(GRANT, { id }, tokens['operator@demo.ru'])).data).toEqual({ grantFinancing: { status: 'FINANCING' } });

    const mine = await t.gql<{ myChildren: { id: string; certificate: { currentAccount: Record<string, unknown>; ledger: { totalCount: number; edges: { node: Record<string, unknown> }[] } } }[] }>(MY_CHILDREN, {}, tokens['parent@demo.ru']);
    expect(mine.errors).toBeUndefined();
    const certificate = mine.data!.myChildren.find((c) => c.id === child.id)!.certificate;
    const year = Number(TEST_TODAY.slice(0, 4));
    expect(certificate.currentAccount).toEqual({ nominal: 1_347_000, blocked: 0, committed: 0, spent: 0, available: 1_347_000, period: { year } });
    expect(certificate.ledger.totalCount).toBe(1);
    expect(certificate.ledger.edges[0].node).toEqual({ type: 'CREDIT', label: 'Зачисление', amount: 1_347_000, availableChange: 1_347_000, reason: `Зачислен номинал сертификата на ${year} год` });
  });

  it('gives parent@demo.ru a 10-year-old in Zeya with a financing certificate and a child without one', async () => {
    const res = await t.gql<{ myChildren: { firstName: string; age: number; certificate: { status: string; currentAccount: { available: number } } | null }[] }>(MY_CHILDREN, {}, tokens['parent@demo.ru']);
    const artyom = res.data!.myChildren.find((c) => c.firstName === 'Артём')!;
    expect(artyom).toMatchObject({ age: 10, certificate: { status: 'FINANCING', currentAccount: { available: 1_347_000 } } });
    expect(res.data!.myChildren.find((c) => c.firstName === 'Софья')).toMatchObject({ age: 7, certificate: null });
  });

  it('never shows a SNILS unmasked in another user\'s response', async () => {
    const snils = randomSnils();
    const child = await addChild(snils);
    const { data } = await t.gql<{ requestCertificate: { id: string; number: string } }>(REQUEST, { childId: child.id }, tokens['parent@demo.ru']);
    const { id, number } = data!.requestCertificate;
    const responses = [
      await t.gql(CERTIFICATE, { id }, tokens['staff.blag@demo.ru']),
      await t.gql(CERTIFICATE, { id }, tokens['operator@demo.ru']),
      await t.gql(CERTIFICATE, { id }, tokens['admin@demo.ru']),
      await t.gql(`query($n: String!) { certificateByNumber(number: $n) { child { snils } } }`, { n: number }, tokens['staff@demo.ru']),
      await t.gql(`{ certificates(first: 100) { edges { node { child { snils } } } } }`, {}, tokens['operator@demo.ru']),
      await t.gql(`query($id: ID!) { child(id: $id) { snils } }`, { id: child.id }, tokens['operator@demo.ru']),
      await t.gql(CERTIFICATE, { id }, tokens['petrova@demo.ru']),
      await t.gql(CERTIFICATE, { id }),
    ];
    for (const res of responses) {
      const text = JSON.stringify(res);
      expect(text).not.toContain(snils.slice(0, 9));
      expect(text).not.toContain(formatSnils(snils).slice(0, 11));
    }
    expect((responses[1] as { data: { certificate: { child: { snils: string } } } }).data.certificate.child.snils).toBe(`***-***-*** ${snils.slice(9)}`);
    expect((responses[6] as { data: { certificate: unknown } }).data.certificate).toBeNull();
  });

  it('hides the money from staff and reports refusals with codes', async () => {
    const child = await addChild();
    const { data } = await t.gql<{ requestCertificate: { id: string } }>(REQUEST, { childId: child.id }, tokens['parent@demo.ru']);
    const id = data!.requestCertificate.id;
    const money = await t.gql(`query($id: ID!) { certificate(id: $id) { currentAccount { available } } }`, { id }, tokens['staff@demo.ru']);
    expect(money.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(VERIFY, { id }, tokens['parent@demo.ru'])).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(VERIFY, { id }, tokens['operator.blag@demo.ru'])).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(GRANT, { id }, tokens['operator@demo.ru'])).errors![0].extensions!.code).toBe('INVALID_TRANSITION');
    expect((await t.gql(CERTIFICATE, { id })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(MY_CHILDREN, {}, tokens['staff@demo.ru'])).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('explains an invalid SNILS and an age out of range in Russian, per field', async () => {
    const bad = await t.gql(ADD_CHILD, { input: { lastName: 'Васильев', firstName: 'Пётр', birthDate: bornYearsAgo(10), gender: 'MALE', municipalityId: zeyaId, snils: '112-233-445 96' } }, tokens['parent@demo.ru']);
    expect(bad.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'snils' } });
    const young = await t.gql(ADD_CHILD, { input: { lastName: 'Васильев', firstName: 'Пётр', birthDate: bornYearsAgo(3), gender: 'MALE', municipalityId: zeyaId, snils: randomSnils() } }, tokens['parent@demo.ru']);
    expect(young.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'birthDate' } });
    expect(young.errors![0].message).toContain('от 5 до 18 лет');
    const malformed = await t.gql(ADD_CHILD, { input: { lastName: '', firstName: 'Пётр', birthDate: bornYearsAgo(9), gender: 'MALE', municipalityId: zeyaId, snils: 'abc' } }, tokens['parent@demo.ru']);
    expect(malformed.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(malformed.errors![0].message).toContain('фамилию');
  });

  it('lists the operator\'s certificates with counts by status', async () => {
    const res = await t.gql<{ certificates: { totalCount: number; countsByStatus: { status: string; count: number }[]; edges: { node: { municipality: { code: string } } }[] } }>(
      `{ certificates(first: 50, filter: { status: FINANCING }) { totalCount countsByStatus { status count } edges { node { number municipality { code } } } } }`,
      {},
      tokens['operator@demo.ru'],
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.certificates.edges.every((e) => e.node.municipality.code === 'zeya')).toBe(true);
    const counts = Object.fromEntries(res.data!.certificates.countsByStatus.map((c) => [c.status, c.count]));
    expect(counts.FINANCING).toBe(res.data!.certificates.totalCount);
    for (const status of ['PENDING_VERIFICATION', 'ACCOUNTING', 'FINANCING', 'CLOSED']) expect(counts[status]).toBeGreaterThan(0);
    expect((await t.gql(`{ certificates { totalCount } }`, {}, tokens['parent@demo.ru'])).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('lets the operator set the own municipality\'s period, the admin any, and nobody else', async () => {
    const year = Number(TEST_TODAY.slice(0, 4)) + 5;
    const SET = `mutation($input: SetCertificatePeriodInput!) { setCertificatePeriod(input: $input) { year nominal financingLimit financingIssued startsOn endsOn } }`;
    const input = { municipalityId: zeyaId, year, nominal: 1_400_000, financingLimit: 950, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
    const set = await t.gql(SET, { input }, tokens['operator@demo.ru']);
    expect(set.data).toEqual({ setCertificatePeriod: { year, nominal: 1_400_000, financingLimit: 950, financingIssued: 0, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` } });
    expect((await t.gql(SET, { input }, tokens['operator.blag@demo.ru'])).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(SET, { input }, tokens['parent@demo.ru'])).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(SET, { input: { ...input, nominal: 1_450_000 } }, tokens['admin@demo.ru'])).data).toMatchObject({ setCertificatePeriod: { nominal: 1_450_000 } });
    const periods = await t.gql<{ municipalities: { code: string; periods: { year: number }[] }[] }>(`{ municipalities { code periods { year } } }`);
    expect(periods.data!.municipalities.find((m) => m.code === 'zeya')!.periods[0].year).toBe(year);
  });
});
