import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { certificateWithHolds, createTestCertificate } from '../../../test/certificates';
import type { Actor } from '../../common/actor';
import { MunicipalityService } from '../municipalities/municipality.service';
import { CertificateService } from './certificate.service';
import { checkInvariants } from '../../invariants/registry';
import { LedgerService } from './ledger.service';
import { periodRolloverJob } from './period-rollover.job';
import { PeriodRolloverService } from './period-rollover.service';
import { TEST_TODAY } from '../../testing/test-today';

describe('period rollover', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let ds: DataSource;
  let rollover: PeriodRolloverService;
  let ledger: LedgerService;
  let municipalities: MunicipalityService;
  let operator: Actor;
  let zeyaId: string;
  const year = Number(TEST_TODAY.slice(0, 4));
  beforeAll(async () => {
    app = await createTestApp();
    ds = app.dataSource;
    rollover = app.container.get(PeriodRolloverService);
    ledger = app.container.get(LedgerService);
    municipalities = app.container.get(MunicipalityService);
    operator = await actorByEmail(ds, 'operator@demo.ru');
    [{ id: zeyaId }] = await ds.query(`SELECT id FROM municipalities WHERE code = 'zeya'`);
  });
  afterAll(() => app.close());

  const entries = (certificateId: string): Promise<{ type: string; amount: number; reason: string }[]> =>
    ds.query(`SELECT type, amount::int AS amount, reason FROM ledger_entries WHERE certificate_id = $1 ORDER BY id`, [certificateId]);
  const status = async (certificateId: string): Promise<{ status: string; status_before_suspension: string | null; status_reason: string | null }> =>
    (await ds.query(`SELECT status, status_before_suspension, status_reason FROM certificates WHERE id = $1`, [certificateId]))[0];

  it('expires what is unspent, keeps what is reserved, credits the new nominal — and a second run changes nothing', async () => {
    // An offer's pending hold and a signed contract's posted one, for contracts the ledger knows only by id.
    const { certificateId, opening } = await certificateWithHolds(ds);
    await ds.transaction((m) => ledger.block(m, opening(150_000, { reason: 'Заявка' })));
    await ds.transaction((m) => ledger.commit(m, opening(50_000, { reason: 'Договор' })));
    await municipalities.setCertificatePeriod(operator, { municipalityId: zeyaId, year: year + 1, nominal: 1_500_000, financingLimit: 5_000, startsOn: `${year + 1}-01-01`, endsOn: `${year + 1}-12-31` });

    const first = await rollover.run(`${year + 1}-01-01`);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(first.credited).toBeGreaterThanOrEqual(1);
    const old = (await ledger.accountFor(ds.manager, certificateId, `${year}-12-31`))!;
    expect(old).toMatchObject({ nominal: 1_347_000, blocked: 150_000, committed: 50_000, expired: 1_147_000, available: 0 });
    const fresh = (await ledger.accountFor(ds.manager, certificateId, `${year + 1}-01-01`))!;
    expect(fresh).toMatchObject({ nominal: 1_500_000, available: 1_500_000 });
    expect((await entries(certificateId)).slice(-2)).toEqual([
      { type: 'EXPIRE', amount: 1_147_000, reason: `Неиспользованный остаток ${year} года аннулирован по окончании периода` },
      { type: 'CREDIT', amount: 1_500_000, reason: `Зачислен номинал сертификата на ${year + 1} год` },
    ]);

    const [{ n: before }] = await ds.query(`SELECT count(*)::int AS n FROM ledger_entries`);
    expect(await rollover.run(`${year + 1}-01-01`)).toEqual({ expired: 0, credited: 0, returnedToAccounting: 0, closed: 0, settled: 0 });
    await periodRolloverJob.run(app.container, {});
    const [{ n: after }] = await ds.query(`SELECT count(*)::int AS n FROM ledger_entries`);
    expect(after).toBe(before);
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('closes, on any day, the certificates of children who turned 18, keeping their money where it is', async () => {
    const { certificateId } = await createTestCertificate(ds);
    const today = TEST_TODAY;
    await ds.query(`UPDATE certificates SET valid_until = $2::date - 1 WHERE id = $1`, [certificateId, today]);
    const result = await rollover.run(today);
    expect(result).toMatchObject({ closed: 1, credited: 0 });
    expect(await status(certificateId)).toMatchObject({ status: 'CLOSED', status_reason: 'Срок действия сертификата истёк: ребёнку исполнилось 18 лет' });
    expect((await ledger.accountFor(ds.manager, certificateId, TEST_TODAY))!.available).toBe(1_347_000);
    expect((await rollover.run(today)).closed).toBe(0);
  });

  it('returns certificates beyond the new period\'s limit to ACCOUNTING, and closes those of children who turned 18', async () => {
    const financed = await createTestCertificate(ds);
    const suspended = await createTestCertificate(ds);
    await app.container.get(CertificateService).suspendCertificate(operator, { certificateId: suspended.certificateId, reason: 'Проверка' });
    const grown = await createTestCertificate(ds);
    await ds.query(`UPDATE certificates SET valid_until = $2 WHERE id = $1`, [grown.certificateId, `${year + 1}-06-30`]);
    const [{ n: zeyaFinancing }] = await ds.query(
      `SELECT count(*)::int AS n FROM certificates WHERE municipality_id = $1 AND (status = 'FINANCING' OR status_before_suspension = 'FINANCING')`,
      [zeyaId],
    );
    await municipalities.setCertificatePeriod(operator, { municipalityId: zeyaId, year: year + 2, nominal: 1_600_000, financingLimit: 1, startsOn: `${year + 2}-01-01`, endsOn: `${year + 2}-12-31` });

    const result = await rollover.run(`${year + 2}-01-01`);
    expect(result.credited).toBe(1);
    expect(result.closed).toBe(1);
    expect(result.returnedToAccounting).toBe(zeyaFinancing - 2);
    // The seeded certificates were financed first, so they keep the one place.
    expect(await status(financed.certificateId)).toMatchObject({ status: 'ACCOUNTING', status_reason: `Лимит сертификатов финансирования на ${year + 2} год исчерпан: сертификат переведён в сертификат учёта` });
    expect(await status(suspended.certificateId)).toMatchObject({ status: 'SUSPENDED', status_before_suspension: 'ACCOUNTING' });
    expect(await status(grown.certificateId)).toMatchObject({ status: 'CLOSED', status_reason: 'Срок действия сертификата истёк: ребёнку исполнилось 18 лет' });
    expect(await ledger.accountFor(ds.manager, financed.certificateId, `${year + 2}-01-01`)).toBeNull();
    const [auditRow] = await ds.query(`SELECT action, before, after FROM audit_events WHERE entity_type = 'certificate' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [financed.certificateId]);
    expect(auditRow).toMatchObject({ action: 'RETURNED_TO_ACCOUNTING', before: { status: 'FINANCING' }, after: { status: 'ACCOUNTING' } });

    expect(await rollover.run(`${year + 2}-01-01`)).toEqual({ expired: 0, credited: 0, returnedToAccounting: 0, closed: 0, settled: 0 });
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('credits each certificate once and counts it against the limit once when two processes run the rollover at once', async () => {
    for (let i = 0; i < 3; i++) await createTestCertificate(ds);
    await municipalities.setCertificatePeriod(operator, { municipalityId: zeyaId, year: year + 3, nominal: 1_700_000, financingLimit: 5_000, startsOn: `${year + 3}-01-01`, endsOn: `${year + 3}-12-31` });

    // One pool, two runs: they meet on the same certificate locks in the same order, as two API processes' jobs do.
    const runs = await Promise.all([rollover.run(`${year + 3}-01-01`), rollover.run(`${year + 3}-01-01`)]);
    const [{ accounts, issued }] = await ds.query(
      `SELECT (SELECT count(*)::int FROM certificate_accounts WHERE period_id = p.id) AS accounts, p.financing_issued AS issued
         FROM certificate_periods p WHERE p.municipality_id = $1 AND p.year = $2`,
      [zeyaId, year + 3],
    );
    expect(runs[0].credited + runs[1].credited).toBe(accounts);
    expect(issued).toBe(accounts);
    expect(await checkInvariants(ds)).toEqual([]);
  });
});
