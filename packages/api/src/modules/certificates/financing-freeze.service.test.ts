import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createTestCertificate } from '../../../test/certificates';
import { createTestGroup } from '../../../test/enrollment';
import type { FixedClock } from '../../common/clock';
import type { Container } from '../../common/container';
import { DomainError } from '../../common/errors';
import type { Actor } from '../../common/actor';
import { EnrollmentService } from '../enrollment/enrollment.service';
import { MunicipalityService } from '../municipalities/municipality.service';
import { CertificateService } from './certificate.service';
import { checkInvariants } from '../../invariants/registry';

/** The Amur region stopped issuing certificates from 14 December: a period may carry a freeze window, announced in advance. */
describe('the year-end freeze', () => {
  let ds: DataSource;
  let container: Container;
  let clock: FixedClock;
  let close: () => Promise<void>;
  let certificates: CertificateService;
  let municipalities: MunicipalityService;
  let parent: Actor;
  let staff: Actor;
  let operator: Actor;
  let blagId: string;

  beforeAll(async () => {
    ({ dataSource: ds, container, clock, close } = await createTestApp({ today: '2026-11-10' }));
    certificates = container.get(CertificateService);
    municipalities = container.get(MunicipalityService);
    [parent, staff, operator] = await Promise.all(['parent@demo.ru', 'staff@demo.ru', 'operator.blag@demo.ru'].map((e) => actorByEmail(ds, e)));
    [{ id: blagId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'blagoveshchensk'`);
    const [period] = await ds.query(`SELECT nominal::int AS nominal, financing_limit AS "financingLimit" FROM certificate_periods WHERE municipality_id = $1 AND year = 2026`, [blagId]);
    await municipalities.setCertificatePeriod(operator, {
      municipalityId: blagId,
      year: 2026,
      ...period,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      freezeStartsOn: '2026-12-14',
      freezeEndsOn: '2027-01-10',
    });
  });
  afterAll(() => close());

  const failure = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error('expected a DomainError');
  };

  it('is announced from 30 days ahead and says what waits', async () => {
    expect(await municipalities.financingFreeze(blagId)).toBeNull();
    clock.set('2026-12-01');
    expect(await municipalities.financingFreeze(blagId)).toEqual({
      startsOn: '2026-12-14',
      endsOn: '2027-01-10',
      active: false,
      message:
        'С 14.12.2026 по 10.01.2027 муниципальный опорный центр не будет выдавать сертификаты финансирования и подтверждать новые сертификаты. Если нужно финансирование, запросите его до 14.12.2026.',
    });
    clock.set('2027-01-11');
    expect(await municipalities.financingFreeze(blagId)).toBeNull();
  });

  it('holds grants and verifications while it lasts, queues automatic financing, and still accepts applications', async () => {
    clock.set('2026-12-14');
    const pending = await createTestCertificate(ds, { status: 'PENDING_VERIFICATION', municipalityCode: 'blagoveshchensk', today: '2026-12-14' });
    const verifying = await failure(certificates.verifyCertificate(staff, pending.certificateId));
    expect(verifying.code).toBe('PERIOD_FROZEN');
    expect(verifying.message).toBe('Подтверждение сертификатов приостановлено до 10.01.2027 включительно: в муниципалитете действует заморозка конца года.');

    const accounting = await createTestCertificate(ds, { status: 'ACCOUNTING', municipalityCode: 'blagoveshchensk', today: '2026-12-14' });
    expect((await failure(certificates.grantFinancing(operator, accounting.certificateId))).code).toBe('PERIOD_FROZEN');
    // Blagoveshchensk finances automatically; during the freeze the parent's request waits in the queue instead.
    const requested = await certificates.requestFinancing(parent, accounting.certificateId);
    expect(requested.status).toBe('ACCOUNTING');
    expect(requested.financingRequestedAt).not.toBeNull();

    const { groupId } = await createTestGroup(ds, { fundingType: 'BUDGET', startsOn: '2026-09-01', endsOn: '2027-05-31' });
    const application = await container.get(EnrollmentService).submitApplication(parent, { childId: accounting.childId, groupId });
    expect(application.status).toBe('SUBMITTED');

    clock.set('2027-01-10');
    expect(await certificates.grantQueuedRequests()).toBe(0);
    clock.set('2027-01-11');
    expect(await certificates.grantQueuedRequests()).toBe(1);
    expect((await certificates.certificate(operator, accounting.certificateId))!.status).toBe('FINANCING');
    expect(await certificates.grantQueuedRequests()).toBe(0);
    expect((await certificates.verifyCertificate(staff, pending.certificateId)).status).toBe('ACCOUNTING');
    expect(await checkInvariants(ds)).toEqual([]);
  });
});
