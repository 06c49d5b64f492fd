import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { bornYearsAgo, certificateWithHolds, createTestCertificate, randomSnils } from '../../../test/certificates';
import { DomainError } from '../../common/errors';
import type { Actor } from '../../common/actor';
import { MunicipalityService } from '../municipalities/municipality.service';
import type { Certificate } from './certificate.entity';
import { CertificateService } from './certificate.service';
import { CertificateStatus, Gender } from './certificates.enums';
import { ChildService } from './child.service';
import { checkInvariants } from '../../invariants/registry';
import { LedgerService } from './ledger.service';
import { TEST_TODAY } from '../../testing/test-today';

describe('certificate lifecycle', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let ds: DataSource;
  let service: CertificateService;
  let children: ChildService;
  let ledger: LedgerService;
  let municipalities: MunicipalityService;
  const actors: Record<string, Actor> = {};
  let zeyaId: string;
  let blagId: string;
  beforeAll(async () => {
    app = await createTestApp({ poolSize: 110 });
    ds = app.dataSource;
    service = app.container.get(CertificateService);
    children = app.container.get(ChildService);
    ledger = app.container.get(LedgerService);
    municipalities = app.container.get(MunicipalityService);
    for (const [key, email] of Object.entries({
      parent: 'parent@demo.ru',
      otherParent: 'petrova@demo.ru',
      blagParent: 'smirnov@demo.ru',
      staff: 'staff@demo.ru',
      otherStaff: 'staff.blag@demo.ru',
      operator: 'operator@demo.ru',
      otherOperator: 'operator.blag@demo.ru',
      admin: 'admin@demo.ru',
    })) {
      actors[key] = await actorByEmail(ds, email);
    }
    [{ id: zeyaId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
    [{ id: blagId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'blagoveshchensk'`);
  });
  afterAll(() => app.close());

  const failure = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error('expected a DomainError');
  };
  const requested = async (parent = actors.parent, municipalityId = zeyaId, age = 10): Promise<Certificate> => {
    const child = await children.addChild(parent, {
      lastName: 'Морозов',
      firstName: 'Иван',
      birthDate: bornYearsAgo(age),
      gender: Gender.MALE,
      municipalityId,
      snils: randomSnils(),
    });
    return service.requestCertificate(parent, child.id);
  };
  const accounting = async (parent = actors.parent, municipalityId = zeyaId): Promise<Certificate> => {
    const certificate = await requested(parent, municipalityId);
    return service.verifyCertificate(actors.admin, certificate.id);
  };
  const period = async (municipalityId: string) => (await municipalities.currentPeriod(municipalityId))!;
  const audit = async (certificateId: string): Promise<{ action: string; before: { status: string } | null; after: { status: string } }[]> =>
    ds.query(`SELECT action, before, after FROM audit_events WHERE entity_type = 'certificate' AND entity_id = $1 ORDER BY id`, [certificateId]);

  describe('requesting', () => {
    it('creates one PENDING_VERIFICATION certificate with a 28… number, valid until the day before the 18th birthday', async () => {
      const child = await children.addChild(actors.parent, { lastName: 'Орлова', firstName: 'Ева', birthDate: '2016-03-01', gender: Gender.FEMALE, municipalityId: zeyaId, snils: randomSnils() });
      const certificate = await service.requestCertificate(actors.parent, child.id);
      expect(certificate).toMatchObject({ childId: child.id, municipalityId: zeyaId, status: CertificateStatus.PENDING_VERIFICATION, validUntil: '2034-02-28' });
      expect(certificate.number).toMatch(/^28\d{8}$/);
      expect(await audit(certificate.id)).toEqual([{ action: 'REQUESTED', before: null, after: { status: 'PENDING_VERIFICATION' } }]);
    });

    it('refuses a second certificate for the same child, even when requested at the same moment', async () => {
      const child = await children.addChild(actors.parent, { lastName: 'Орлов', firstName: 'Лев', birthDate: bornYearsAgo(8), gender: Gender.MALE, municipalityId: zeyaId, snils: randomSnils() });
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => service.requestCertificate(actors.parent, child.id)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('CONFLICT');
      const err = await failure(service.requestCertificate(actors.parent, child.id));
      expect(err.message).toMatch(/^У ребёнка уже есть сертификат № 28\d{8}/);
      expect(await checkInvariants(ds)).toEqual([]);
    });

    it('lets only the child\'s own parent request it', async () => {
      const child = await children.addChild(actors.parent, { lastName: 'Орлов', firstName: 'Марк', birthDate: bornYearsAgo(8), gender: Gender.MALE, municipalityId: zeyaId, snils: randomSnils() });
      expect((await failure(service.requestCertificate(actors.otherParent, child.id))).code).toBe('NOT_FOUND');
      for (const role of ['staff', 'operator', 'admin']) expect((await failure(service.requestCertificate(actors[role], child.id))).code).toBe('FORBIDDEN');
    });

    it('refuses a child who has turned 18 since registration', async () => {
      const child = await children.addChild(actors.parent, { lastName: 'Орлов', firstName: 'Глеб', birthDate: bornYearsAgo(17), gender: Gender.MALE, municipalityId: zeyaId, snils: randomSnils() });
      await ds.query(`UPDATE children SET birth_date = $2 WHERE id = $1`, [child.id, bornYearsAgo(18)]);
      expect((await failure(service.requestCertificate(actors.parent, child.id))).code).toBe('BAD_USER_INPUT');
    });
  });

  describe('verification', () => {
    it('is done by staff of any organization, the operator of the municipality, or the region admin', async () => {
      for (const role of ['staff', 'otherStaff', 'operator', 'admin']) {
        const certificate = await requested();
        const verified = await service.verifyCertificate(actors[role], certificate.id);
        expect(verified).toMatchObject({ status: CertificateStatus.ACCOUNTING, verifiedByUserId: actors[role].userId });
        expect(verified.verifiedAt).toBeInstanceOf(Date);
      }
    });

    it('is refused to parents and to operators of another municipality', async () => {
      const certificate = await requested();
      expect((await failure(service.verifyCertificate(actors.parent, certificate.id))).code).toBe('FORBIDDEN');
      expect((await failure(service.verifyCertificate(actors.otherOperator, certificate.id))).code).toBe('FORBIDDEN');
      expect((await failure(service.verifyCertificate(undefined, certificate.id))).code).toBe('UNAUTHENTICATED');
    });

    it('happens once: a verified certificate cannot be verified again', async () => {
      const certificate = await accounting();
      const err = await failure(service.verifyCertificate(actors.staff, certificate.id));
      expect(err.code).toBe('INVALID_TRANSITION');
      expect(err.details).toEqual({ status: 'ACCOUNTING' });
    });
  });

  describe('financing', () => {
    it('credits the current period\'s nominal through a CREDIT entry and counts against the limit', async () => {
      const certificate = await accounting();
      const before = await period(zeyaId);
      const financed = await service.grantFinancing(actors.operator, certificate.id);
      expect(financed.status).toBe(CertificateStatus.FINANCING);
      expect(financed.financedAt).toBeInstanceOf(Date);
      const account = (await ledger.accountFor(ds.manager, certificate.id, TEST_TODAY))!;
      expect(account).toMatchObject({ periodId: before.id, nominal: before.nominal, blocked: 0, committed: 0, spent: 0 });
      expect(account.available).toBe(before.nominal);
      const entries = await ds.query(`SELECT type, amount::int AS amount, reason FROM ledger_entries WHERE certificate_id = $1`, [certificate.id]);
      expect(entries).toEqual([{ type: 'CREDIT', amount: before.nominal, reason: `Зачислен номинал сертификата на ${before.year} год` }]);
      expect((await period(zeyaId)).financingIssued).toBe(before.financingIssued + 1);
      expect((await audit(certificate.id)).map((a) => a.action)).toEqual(['REQUESTED', 'VERIFIED', 'FINANCED']);
    });

    it('is granted by the region admin too, but not by other municipalities\' operators, staff or parents', async () => {
      const certificate = await accounting();
      for (const role of ['otherOperator', 'staff', 'parent']) expect((await failure(service.grantFinancing(actors[role], certificate.id))).code).toBe('FORBIDDEN');
      expect((await service.grantFinancing(actors.admin, certificate.id)).status).toBe(CertificateStatus.FINANCING);
    });

    it('needs a verified certificate, and happens once', async () => {
      const pending = await requested();
      expect((await failure(service.grantFinancing(actors.operator, pending.id))).code).toBe('INVALID_TRANSITION');
      const certificate = await accounting();
      await service.grantFinancing(actors.operator, certificate.id);
      expect((await failure(service.grantFinancing(actors.operator, certificate.id))).code).toBe('INVALID_TRANSITION');
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE certificate_id = $1`, [certificate.id]);
      expect(n).toBe(1);
    });

    it('credits the nominal in force when financed: a changed nominal applies to certificates financed afterwards', async () => {
      const first = await accounting();
      await service.grantFinancing(actors.operator, first.id);
      const p = await period(zeyaId);
      await municipalities.setCertificatePeriod(actors.operator, { municipalityId: zeyaId, year: p.year, nominal: p.nominal + 100_000, financingLimit: p.financingLimit, startsOn: p.startsOn, endsOn: p.endsOn });
      const second = await accounting();
      await service.grantFinancing(actors.operator, second.id);
      expect((await ledger.accountFor(ds.manager, first.id, TEST_TODAY))!.nominal).toBe(p.nominal);
      expect((await ledger.accountFor(ds.manager, second.id, TEST_TODAY))!.nominal).toBe(p.nominal + 100_000);
      await municipalities.setCertificatePeriod(actors.operator, { municipalityId: zeyaId, year: p.year, nominal: p.nominal, financingLimit: p.financingLimit, startsOn: p.startsOn, endsOn: p.endsOn });
    });

    it('refuses with LIMIT_EXHAUSTED when the period\'s limit is used up, and changes nothing', async () => {
      const certificate = await accounting(actors.blagParent, blagId);
      const p = await period(blagId);
      await ds.query(`UPDATE certificate_periods SET financing_limit = financing_issued WHERE id = $1`, [p.id]);
      try {
        const err = await failure(service.grantFinancing(actors.otherOperator, certificate.id));
        expect(err.code).toBe('LIMIT_EXHAUSTED');
        expect(err.message).toContain('исчерпан');
        expect((await service.certificate(actors.admin, certificate.id))!.status).toBe(CertificateStatus.ACCOUNTING);
        expect(await ledger.accountFor(ds.manager, certificate.id, TEST_TODAY)).toBeNull();
      } finally {
        await ds.query(`UPDATE certificate_periods SET financing_limit = $2 WHERE id = $1`, [p.id, p.financingLimit]);
      }
    });

    it('never exceeds the limit when 100 grants arrive at once', async () => {
      const [{ id: progressId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'progress'`);
      const ids: string[] = [];
      for (let i = 0; i < 100; i++) ids.push((await createTestCertificate(ds, { status: 'ACCOUNTING', municipalityCode: 'progress' })).certificateId);
      const p = await period(progressId);
      await ds.query(`UPDATE certificate_periods SET financing_limit = financing_issued + 37 WHERE id = $1`, [p.id]);
      const results = await Promise.allSettled(ids.map((id) => service.grantFinancing(actors.admin, id)));
      const granted = results.filter((r) => r.status === 'fulfilled');
      expect(granted).toHaveLength(37);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('LIMIT_EXHAUSTED');
      const after = await period(progressId);
      expect(after.financingIssued).toBe(after.financingLimit);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM certificates WHERE id = ANY($1) AND status = 'FINANCING'`, [ids]);
      expect(n).toBe(37);
      expect(await checkInvariants(ds)).toEqual([]);
    });

    it('grants on the parent\'s request at once where the municipality finances automatically', async () => {
      const certificate = await accounting(actors.blagParent, blagId);
      const financed = await service.requestFinancing(actors.blagParent, certificate.id);
      expect(financed.status).toBe(CertificateStatus.FINANCING);
      expect((await ledger.accountFor(ds.manager, certificate.id, TEST_TODAY))!.nominal).toBe((await period(blagId)).nominal);
      const [entry] = (await audit(certificate.id)).slice(-1);
      expect(entry).toMatchObject({ action: 'FINANCED', after: { status: 'FINANCING', automatic: true } });
    });

    it('records the parent\'s request for the МОЦ where financing is not automatic', async () => {
      const certificate = await accounting();
      const waiting = await service.requestFinancing(actors.parent, certificate.id);
      expect(waiting.status).toBe(CertificateStatus.ACCOUNTING);
      expect(waiting.financingRequestedAt).toBeInstanceOf(Date);
      const queue = await service.list(actors.operator, { financingRequested: true }, 100);
      expect(queue.edges.map((e) => e.node.id)).toContain(certificate.id);
      const financed = await service.grantFinancing(actors.operator, certificate.id);
      expect(financed.financingRequestedAt).toBeNull();
    });

    it('lets only the certificate\'s own parent request financing, for a verified certificate', async () => {
      const certificate = await accounting();
      expect((await failure(service.requestFinancing(actors.otherParent, certificate.id))).code).toBe('NOT_FOUND');
      expect((await failure(service.requestFinancing(actors.operator, certificate.id))).code).toBe('FORBIDDEN');
      const pending = await requested();
      expect((await failure(service.requestFinancing(actors.parent, pending.id))).code).toBe('INVALID_TRANSITION');
    });
  });

  describe('suspension and closing', () => {
    it('suspends with a reason and resumes to the previous status with the money untouched', async () => {
      const certificate = await accounting();
      await service.grantFinancing(actors.operator, certificate.id);
      const suspended = await service.suspendCertificate(actors.operator, { certificateId: certificate.id, reason: 'Проверка документов' });
      expect(suspended).toMatchObject({ status: CertificateStatus.SUSPENDED, statusReason: 'Проверка документов' });
      const [{ period_id: periodId }] = await ds.query(`SELECT period_id FROM certificate_accounts WHERE certificate_id = $1`, [certificate.id]);
      const opening = { certificateId: certificate.id, periodId, applicationId: randomUUID(), contractId: randomUUID(), amount: 1_000, actorUserId: null, reason: 'тест' };
      const block = await failure(ds.transaction((m) => ledger.block(m, opening)));
      expect(block.code).toBe('CERTIFICATE_NOT_FINANCING');
      const resumed = await service.resumeCertificate(actors.operator, certificate.id);
      expect(resumed).toMatchObject({ status: CertificateStatus.FINANCING, statusReason: null });
      expect((await ledger.accountFor(ds.manager, certificate.id, TEST_TODAY))!.available).toBe((await period(zeyaId)).nominal);
      expect((await audit(certificate.id)).slice(-2)).toEqual([
        { action: 'SUSPENDED', before: { status: 'FINANCING', reason: null }, after: { status: 'SUSPENDED', reason: 'Проверка документов' } },
        { action: 'RESUMED', before: { status: 'SUSPENDED', reason: 'Проверка документов' }, after: { status: 'FINANCING', reason: null } },
      ]);
    });

    it('closes for good: no further transitions', async () => {
      const certificate = await accounting();
      const closed = await service.closeCertificate(actors.operator, { certificateId: certificate.id, reason: 'Переезд в другой регион' });
      expect(closed.status).toBe(CertificateStatus.CLOSED);
      expect((await failure(service.closeCertificate(actors.operator, { certificateId: certificate.id, reason: 'Ещё раз' }))).code).toBe('INVALID_TRANSITION');
      expect((await failure(service.suspendCertificate(actors.operator, { certificateId: certificate.id, reason: 'Проверка' }))).code).toBe('INVALID_TRANSITION');
      expect((await failure(service.resumeCertificate(actors.operator, certificate.id))).code).toBe('INVALID_TRANSITION');
      expect((await failure(service.grantFinancing(actors.operator, certificate.id))).code).toBe('INVALID_TRANSITION');
      expect((await failure(service.verifyCertificate(actors.staff, certificate.id))).code).toBe('INVALID_TRANSITION');
    });

    it('closes a suspended certificate, and refuses to resume one that is not suspended', async () => {
      const certificate = await requested();
      expect((await failure(service.resumeCertificate(actors.operator, certificate.id))).code).toBe('INVALID_TRANSITION');
      await service.suspendCertificate(actors.operator, { certificateId: certificate.id, reason: 'Проверка' });
      expect((await failure(service.verifyCertificate(actors.staff, certificate.id))).code).toBe('INVALID_TRANSITION');
      expect((await service.closeCertificate(actors.admin, { certificateId: certificate.id, reason: 'Дубликат' })).status).toBe(CertificateStatus.CLOSED);
    });

    it('is for operators of the municipality and the region admin only', async () => {
      const certificate = await accounting();
      for (const role of ['parent', 'staff', 'otherOperator']) {
        expect((await failure(service.suspendCertificate(actors[role], { certificateId: certificate.id, reason: 'Проверка' }))).code).toBe('FORBIDDEN');
        expect((await failure(service.closeCertificate(actors[role], { certificateId: certificate.id, reason: 'Проверка' }))).code).toBe('FORBIDDEN');
      }
      await service.suspendCertificate(actors.admin, { certificateId: certificate.id, reason: 'Проверка' });
      for (const role of ['parent', 'staff', 'otherOperator']) expect((await failure(service.resumeCertificate(actors[role], certificate.id))).code).toBe('FORBIDDEN');
    });
  });

  describe('viewing', () => {
    it('shows a certificate to its parent, any staff, its municipality\'s operator and the admin — money only to the parent and authorities', async () => {
      const certificate = await accounting();
      await service.grantFinancing(actors.operator, certificate.id);
      for (const role of ['parent', 'staff', 'otherStaff', 'operator', 'admin']) expect(await service.certificate(actors[role], certificate.id)).not.toBeNull();
      for (const role of ['otherParent', 'otherOperator']) expect(await service.certificate(actors[role], certificate.id)).toBeNull();
      expect(await service.certificate(undefined, certificate.id)).toBeNull();
      for (const role of ['parent', 'operator', 'admin']) expect(await service.currentAccount(actors[role], certificate)).not.toBeNull();
      expect((await failure(service.currentAccount(actors.staff, certificate))).code).toBe('FORBIDDEN');
      expect((await failure(service.ledgerPage(actors.staff, certificate))).code).toBe('FORBIDDEN');
    });

    it('finds a certificate by its number for staff', async () => {
      const certificate = await requested();
      expect((await service.certificateByNumber(actors.otherStaff, certificate.number))!.id).toBe(certificate.id);
      expect((await failure(service.certificateByNumber(actors.parent, certificate.number))).code).toBe('FORBIDDEN');
    });

    it('pages the ledger newest first', async () => {
      const { certificateId, opening } = await certificateWithHolds(ds);
      for (const amount of [1_000, 2_000, 3_000]) await ds.transaction((m) => ledger.block(m, opening(amount, { reason: `Блок ${amount}` })));
      const certificate = (await service.certificate(actors.admin, certificateId))!;
      const first = await service.ledgerPage(actors.admin, certificate, 2);
      expect(first.totalCount).toBe(4);
      expect(first.edges.map((e) => e.node.amount)).toEqual([3_000, 2_000]);
      const second = await service.ledgerPage(actors.admin, certificate, 2, first.pageInfo.endCursor);
      expect(second.edges.map((e) => e.node.type)).toEqual(['BLOCK', 'CREDIT']);
      expect(second.pageInfo.hasNextPage).toBe(false);
    });

    it('lists the operator\'s municipality with filters and counts by status', async () => {
      const page = await service.list(actors.operator, {}, 100);
      expect(page.edges.every((e) => e.node.municipalityId === zeyaId)).toBe(true);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM certificates WHERE municipality_id = $1`, [zeyaId]);
      expect(page.totalCount).toBe(n);
      const counts = Object.fromEntries(page.countsByStatus.map((c) => [c.status, c.count]));
      expect(Object.keys(counts).sort()).toEqual(Object.values(CertificateStatus).sort());
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(n);
      const financing = await service.list(actors.operator, { status: CertificateStatus.FINANCING }, 100);
      expect(financing.totalCount).toBe(counts.FINANCING);
      expect(financing.countsByStatus).toEqual(page.countsByStatus);
      expect(financing.edges.every((e) => e.node.status === CertificateStatus.FINANCING)).toBe(true);
    });

    it('searches by number prefix or the child\'s last name', async () => {
      const certificate = await requested();
      const byNumber = await service.list(actors.operator, { search: certificate.number.slice(0, 8) });
      expect(byNumber.edges.map((e) => e.node.id)).toContain(certificate.id);
      const byName = await service.list(actors.operator, { search: 'морозов' }, 100);
      expect(byName.edges.map((e) => e.node.id)).toContain(certificate.id);
    });

    it('keeps operators to their municipality and lets the admin choose', async () => {
      expect((await failure(service.list(actors.operator, { municipalityId: blagId }))).code).toBe('FORBIDDEN');
      expect((await failure(service.list(actors.parent, {}))).code).toBe('FORBIDDEN');
      const blag = await service.list(actors.admin, { municipalityId: blagId }, 100);
      expect(blag.edges.every((e) => e.node.municipalityId === blagId)).toBe(true);
      const all = await service.list(actors.admin, {});
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM certificates`);
      expect(all.totalCount).toBe(n);
    });
  });

  it('leaves every invariant intact after all of the above', async () => {
    expect(await checkInvariants(ds)).toEqual([]);
  });
});
