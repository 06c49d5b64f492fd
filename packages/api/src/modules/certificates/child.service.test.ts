import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { bornYearsAgo, randomSnils } from '../../../test/certificates';
import { TEST_DATA_ENCRYPTION_KEY } from '../../../test/database';
import { DomainError } from '../../common/errors';
import type { Actor } from '../../common/actor';
import { CertificateService } from './certificate.service';
import { Gender } from './certificates.enums';
import { ChildService } from './child.service';
import { checkInvariants } from '../../invariants/registry';
import type { AddChildInput } from './inputs/child.input';
import { formatSnils, maskSnils, SnilsCrypto } from '../../common/snils';

describe('children', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let ds: DataSource;
  let children: ChildService;
  let certificates: CertificateService;
  let parent: Actor;
  let otherParent: Actor;
  let operator: Actor;
  let staff: Actor;
  let zeyaId: string;
  beforeAll(async () => {
    app = await createTestApp({ poolSize: 20 });
    ds = app.dataSource;
    children = app.container.get(ChildService);
    certificates = app.container.get(CertificateService);
    parent = await actorByEmail(ds, 'parent@demo.ru');
    otherParent = await actorByEmail(ds, 'petrova@demo.ru');
    operator = await actorByEmail(ds, 'operator@demo.ru');
    staff = await actorByEmail(ds, 'staff@demo.ru');
    [{ id: zeyaId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
  });
  afterAll(() => app.close());

  const input = (overrides: Partial<AddChildInput> = {}): AddChildInput => ({
    lastName: 'Соколов',
    firstName: 'Никита',
    middleName: 'Павлович',
    birthDate: bornYearsAgo(9),
    gender: Gender.MALE,
    municipalityId: zeyaId,
    snils: randomSnils(),
    ...overrides,
  });
  const failure = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error('expected a DomainError');
  };

  it('adds a child and keeps the SNILS only encrypted, hashed and as its last two digits', async () => {
    const snils = randomSnils();
    const child = await children.addChild(parent, input({ snils: formatSnils(snils) }));
    expect(child).toMatchObject({ parentUserId: parent.userId, lastName: 'Соколов', municipalityId: zeyaId, snilsLastDigits: snils.slice(9) });
    const [row] = await ds.query(`SELECT row_to_json(c)::text AS json, encode(snils_encrypted, 'escape') AS raw FROM children c WHERE id = $1`, [child.id]);
    expect(row.json).not.toContain(snils);
    expect(row.json).not.toContain(snils.slice(0, 9));
    expect(row.raw).not.toContain(snils.slice(0, 9));
  });

  it('shows the full SNILS to the child\'s own parent only; everyone else sees the mask', async () => {
    const snils = randomSnils();
    const child = await children.addChild(parent, input({ snils }));
    expect(children.snilsFor(parent, child)).toBe(formatSnils(snils));
    for (const viewer of [otherParent, operator, staff, undefined]) {
      expect(children.snilsFor(viewer, child)).toBe(maskSnils(snils.slice(9)));
    }
  });

  it('refuses a SNILS whose check number does not match, explaining it on the snils field', async () => {
    const snils = randomSnils();
    const wrong = `${snils.slice(0, 9)}${String((Number(snils.slice(9)) + 1) % 100).padStart(2, '0')}`;
    const err = await failure(children.addChild(parent, input({ snils: wrong })));
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.details).toEqual({ field: 'snils' });
    expect(err.message).toContain('СНИЛС');
  });

  it('refuses a SNILS already registered anywhere in the region, however it is typed', async () => {
    const snils = randomSnils();
    await children.addChild(parent, input({ snils }));
    const err = await failure(children.addChild(otherParent, input({ snils: formatSnils(snils) })));
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toEqual({ field: 'snils' });
  });

  it('registers a SNILS exactly once when ten parents submit it at the same moment', async () => {
    const snils = randomSnils();
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => children.addChild(i % 2 ? parent : otherParent, input({ snils }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('CONFLICT');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM children WHERE snils_hash = $1`, [new SnilsCrypto(TEST_DATA_ENCRYPTION_KEY).hash(snils)]);
    expect(n).toBe(1);
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('accepts children from 5 to 17 and refuses younger, 18-year-olds and future birth dates', async () => {
    await expect(children.addChild(parent, input({ birthDate: bornYearsAgo(5) }))).resolves.toBeTruthy();
    await expect(children.addChild(parent, input({ birthDate: bornYearsAgo(17) }))).resolves.toBeTruthy();
    for (const birthDate of [bornYearsAgo(4), bornYearsAgo(18), bornYearsAgo(0, -10)]) {
      const err = await failure(children.addChild(parent, input({ birthDate })));
      expect(err.code).toBe('BAD_USER_INPUT');
      expect(err.details).toEqual({ field: 'birthDate' });
    }
    const err = await failure(children.addChild(parent, input({ birthDate: bornYearsAgo(4) })));
    expect(err.message).toBe('Сертификат дополнительного образования оформляется на детей от 5 до 18 лет, а ребёнку сейчас 4');
  });

  it('refuses an unknown municipality', async () => {
    const err = await failure(children.addChild(parent, input({ municipalityId: '00000000-0000-4000-8000-000000000000' })));
    expect(err.details).toEqual({ field: 'municipalityId' });
  });

  it('lets only parents add children', async () => {
    for (const actor of [operator, staff, await actorByEmail(ds, 'admin@demo.ru')]) {
      expect((await failure(children.addChild(actor, input()))).code).toBe('FORBIDDEN');
    }
    expect((await failure(children.addChild(undefined, input()))).code).toBe('UNAUTHENTICATED');
  });

  it('lists a parent\'s own children only', async () => {
    const mine = await children.myChildren(otherParent);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM children WHERE parent_user_id = $1`, [otherParent.userId]);
    expect(mine).toHaveLength(n);
    expect(mine.every((c) => c.parentUserId === otherParent.userId)).toBe(true);
  });

  it('corrects a child\'s data while the certificate awaits verification, moving its validity with the birth date', async () => {
    const child = await children.addChild(parent, input());
    const certificate = await certificates.requestCertificate(parent, child.id);
    const birthDate = bornYearsAgo(11, 20);
    const updated = await children.updateChild(parent, child.id, { firstName: 'Никола', middleName: '', birthDate });
    expect(updated).toMatchObject({ firstName: 'Никола', middleName: null, birthDate, lastName: 'Соколов' });
    const [row] = await ds.query(`SELECT valid_until FROM certificates WHERE id = $1`, [certificate.id]);
    const eighteenth = new Date(`${birthDate}T00:00:00Z`);
    eighteenth.setUTCFullYear(eighteenth.getUTCFullYear() + 18);
    eighteenth.setUTCDate(eighteenth.getUTCDate() - 1);
    expect(row.valid_until).toBe(eighteenth.toISOString().slice(0, 10));
  });

  it('refuses corrections once the certificate is verified, and to another parent', async () => {
    const child = await children.addChild(parent, input());
    const certificate = await certificates.requestCertificate(parent, child.id);
    expect((await failure(children.updateChild(otherParent, child.id, { firstName: 'Чужой' }))).code).toBe('NOT_FOUND');
    await certificates.verifyCertificate(staff, certificate.id);
    const err = await failure(children.updateChild(parent, child.id, { firstName: 'Поздно' }));
    expect(err.code).toBe('INVALID_TRANSITION');
    expect(err.message).toContain('обратитесь в муниципальный опорный центр');
  });

  it('changes a SNILS to a valid, unused one only', async () => {
    const taken = randomSnils();
    await children.addChild(otherParent, input({ snils: taken }));
    const child = await children.addChild(parent, input());
    expect((await failure(children.updateChild(parent, child.id, { snils: taken }))).code).toBe('CONFLICT');
    const fresh = randomSnils();
    const updated = await children.updateChild(parent, child.id, { snils: fresh });
    expect(children.snilsFor(parent, updated)).toBe(formatSnils(fresh));
  });

  it('shows a child to its parent and to the МОЦ of its municipality, not to other parents or municipalities', async () => {
    const child = await children.addChild(parent, input());
    expect(await children.child(parent, child.id)).toMatchObject({ id: child.id });
    expect(await children.child(otherParent, child.id)).toBeNull();
    expect(await children.child(operator, child.id)).toMatchObject({ id: child.id });
    expect((await failure(children.child(await actorByEmail(ds, 'operator.blag@demo.ru'), child.id))).code).toBe('FORBIDDEN');
  });
});
