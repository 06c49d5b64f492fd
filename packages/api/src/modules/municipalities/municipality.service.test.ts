import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { DomainError } from '../../common/errors';
import type { Actor } from '../../common/actor';
import { MunicipalityService } from './municipality.service';
import { TEST_TODAY } from '../../testing/test-today';

describe('certificate periods', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let ds: DataSource;
  let service: MunicipalityService;
  let operator: Actor;
  let admin: Actor;
  let zeyaId: string;
  const year = Number(TEST_TODAY.slice(0, 4));
  beforeAll(async () => {
    app = await createTestApp();
    ds = app.dataSource;
    service = app.container.get(MunicipalityService);
    operator = await actorByEmail(ds, 'operator@demo.ru');
    admin = await actorByEmail(ds, 'admin@demo.ru');
    [{ id: zeyaId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
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
  const current = async () => (await service.currentPeriod(zeyaId))!;

  it('changes the current period in place and audits before → after', async () => {
    const p = await current();
    const saved = await service.setCertificatePeriod(operator, { municipalityId: zeyaId, year: p.year, nominal: 1_400_000, financingLimit: p.financingLimit + 10, startsOn: p.startsOn, endsOn: p.endsOn });
    expect(saved).toMatchObject({ id: p.id, nominal: 1_400_000, financingLimit: p.financingLimit + 10, financingIssued: p.financingIssued });
    const [audit] = await ds.query(`SELECT action, before, after, actor_user_id FROM audit_events WHERE entity_type = 'certificate_period' AND entity_id = $1`, [p.id]);
    expect(audit).toMatchObject({ action: 'UPDATED', actor_user_id: operator.userId, before: { nominal: p.nominal }, after: { nominal: 1_400_000 } });
  });

  it('refuses a limit below the certificates already financed', async () => {
    const p = await current();
    const err = await failure(service.setCertificatePeriod(operator, { municipalityId: zeyaId, year: p.year, nominal: p.nominal, financingLimit: p.financingIssued - 1, startsOn: p.startsOn, endsOn: p.endsOn }));
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toMatchObject({ field: 'financingLimit', financingIssued: p.financingIssued });
  });

  it('refuses dates that end before they start or overlap another year\'s period', async () => {
    const backwards = await failure(service.setCertificatePeriod(operator, { municipalityId: zeyaId, year: year + 1, nominal: 1, financingLimit: 1, startsOn: `${year + 1}-12-31`, endsOn: `${year + 1}-01-01` }));
    expect(backwards.details).toEqual({ field: 'endsOn' });
    const overlap = await failure(service.setCertificatePeriod(operator, { municipalityId: zeyaId, year: year + 1, nominal: 1, financingLimit: 1, startsOn: `${year}-12-01`, endsOn: `${year + 1}-11-30` }));
    expect(overlap.message).toBe(`Даты пересекаются с периодом ${year} года`);
  });

  it('is for the municipality\'s operator and the region admin', async () => {
    const input = { municipalityId: zeyaId, year: year + 3, nominal: 1_000_000, financingLimit: 10, startsOn: `${year + 3}-01-01`, endsOn: `${year + 3}-12-31` };
    for (const email of ['operator.blag@demo.ru', 'parent@demo.ru', 'staff@demo.ru']) {
      expect((await failure(service.setCertificatePeriod(await actorByEmail(ds, email), input))).code).toBe('FORBIDDEN');
    }
    expect(await service.setCertificatePeriod(admin, input)).toMatchObject({ year: year + 3, financingIssued: 0 });
  });
});
