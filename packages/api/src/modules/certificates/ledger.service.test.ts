import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificate } from '../../../test/certificates';
import { createTestDataSource } from '../../../test/database';
import { DomainError } from '../../common/errors';
import { formatRub } from '../../common/money';
import { checkInvariants } from '../../invariants/registry';
import { type LedgerMove, LedgerService } from './ledger.service';
import { TEST_TODAY } from '../../testing/test-today';

const NOMINAL = 1_347_000;

describe('certificate ledger', () => {
  let ds: DataSource;
  const ledger = new LedgerService();
  beforeAll(async () => {
    ds = await createTestDataSource({ poolSize: 60 });
  });
  afterAll(() => ds.destroy());

  const move = (certificateId: string, amount: number, extra: Partial<LedgerMove> = {}): LedgerMove => ({
    certificateId,
    amount,
    on: TEST_TODAY,
    actorUserId: null,
    reason: 'Тестовая операция',
    idempotencyKey: randomUUID(),
    ...extra,
  });
  const balance = async (certificateId: string) => {
    const account = await ledger.accountFor(ds.manager, certificateId, TEST_TODAY);
    return account && { nominal: account.nominal, blocked: account.blocked, committed: account.committed, spent: account.spent, expired: account.expired, available: account.available };
  };
  const entryCount = async (certificateId: string): Promise<number> =>
    (await ds.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE certificate_id = $1`, [certificateId]))[0].n;
  const failure = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error('expected a DomainError');
  };

  it('credits the nominal with a CREDIT entry and shows it all as available', async () => {
    const { certificateId } = await createTestCertificate(ds);
    expect(await balance(certificateId)).toEqual({ nominal: NOMINAL, blocked: 0, committed: 0, spent: 0, expired: 0, available: NOMINAL });
    const [entry] = await ds.query(`SELECT type, amount::int AS amount FROM ledger_entries WHERE certificate_id = $1`, [certificateId]);
    expect(entry).toEqual({ type: 'CREDIT', amount: NOMINAL });
  });

  it('moves money along block → activate → charge, and block → unblock, activate → release', async () => {
    const { certificateId } = await createTestCertificate(ds);
    await ds.transaction((m) => ledger.block(m, move(certificateId, 300_000)));
    expect(await balance(certificateId)).toMatchObject({ blocked: 300_000, available: NOMINAL - 300_000 });
    await ds.transaction((m) => ledger.activate(m, move(certificateId, 200_000)));
    expect(await balance(certificateId)).toMatchObject({ blocked: 100_000, committed: 200_000, available: NOMINAL - 300_000 });
    await ds.transaction((m) => ledger.unblock(m, move(certificateId, 100_000)));
    await ds.transaction((m) => ledger.charge(m, move(certificateId, 50_000)));
    await ds.transaction((m) => ledger.release(m, move(certificateId, 150_000)));
    expect(await balance(certificateId)).toEqual({ nominal: NOMINAL, blocked: 0, committed: 0, spent: 50_000, expired: 0, available: NOMINAL - 50_000 });
    expect(await entryCount(certificateId)).toBe(6);
  });

  it('refuses to block more than is available, in rubles, and changes nothing', async () => {
    const { certificateId } = await createTestCertificate(ds);
    await ds.transaction((m) => ledger.block(m, move(certificateId, 1_000_000)));
    const err = await failure(ds.transaction((m) => ledger.block(m, move(certificateId, 400_000))));
    expect(err.code).toBe('INSUFFICIENT_BALANCE');
    expect(err.message).toBe(`Недостаточно средств на сертификате: доступно ${formatRub(347_000)}, требуется ${formatRub(400_000)}`);
    expect(err.details).toEqual({ available: 347_000, required: 400_000 });
    expect(await balance(certificateId)).toMatchObject({ blocked: 1_000_000, available: 347_000 });
    expect(await entryCount(certificateId)).toBe(2);
  });

  it('refuses to move more than the source bucket holds, for every movement out of blocked or committed money', async () => {
    const { certificateId } = await createTestCertificate(ds);
    await ds.transaction((m) => ledger.block(m, move(certificateId, 100_000)));
    await ds.transaction((m) => ledger.activate(m, move(certificateId, 60_000)));
    for (const op of ['unblock', 'activate'] as const) {
      const err = await failure(ds.transaction((m) => ledger[op](m, move(certificateId, 40_001))));
      expect(err.code).toBe('LEDGER_OVERDRAFT');
      expect(err.details).toEqual({ bucket: 'blocked', held: 40_000, required: 40_001 });
    }
    for (const op of ['release', 'charge'] as const) {
      const err = await failure(ds.transaction((m) => ledger[op](m, move(certificateId, 60_001))));
      expect(err.code).toBe('LEDGER_OVERDRAFT');
      expect(err.message).toContain(`только ${formatRub(60_000)}`);
    }
    const expire = await failure(ds.transaction((m) => ledger.expire(m, move(certificateId, NOMINAL))));
    expect(expire.details).toMatchObject({ bucket: 'available', held: NOMINAL - 100_000 });
    expect(await balance(certificateId)).toMatchObject({ blocked: 40_000, committed: 60_000, spent: 0, expired: 0 });
  });

  it('reverses part of a charge spent → committed with a new entry, never more than was spent', async () => {
    const { certificateId } = await createTestCertificate(ds);
    await ds.transaction((m) => ledger.block(m, move(certificateId, 100_000)));
    await ds.transaction((m) => ledger.activate(m, move(certificateId, 100_000)));
    await ds.transaction((m) => ledger.charge(m, move(certificateId, 80_000)));
    const entry = await ds.transaction((m) => ledger.reverse(m, move(certificateId, 30_000, { reason: 'Исправление списания' })));
    expect(entry).toMatchObject({ type: 'REVERSAL', amount: 30_000 });
    expect(await balance(certificateId)).toMatchObject({ committed: 50_000, spent: 50_000, available: NOMINAL - 100_000 });
    const err = await failure(ds.transaction((m) => ledger.reverse(m, move(certificateId, 50_001))));
    expect(err.code).toBe('LEDGER_OVERDRAFT');
    expect(err.details).toEqual({ bucket: 'spent', held: 50_000, required: 50_001 });
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('refuses amounts that are not positive whole kopecks', async () => {
    const { certificateId } = await createTestCertificate(ds);
    for (const amount of [0, -100, 10.5]) {
      const err = await failure(ds.transaction((m) => ledger.block(m, move(certificateId, amount))));
      expect(err.code).toBe('BAD_USER_INPUT');
    }
  });

  it('returns the first entry on a replay of the same idempotency key and changes nothing', async () => {
    const { certificateId } = await createTestCertificate(ds);
    const key = `block:${randomUUID()}`;
    const first = await ds.transaction((m) => ledger.block(m, move(certificateId, 100_000, { idempotencyKey: key })));
    const second = await ds.transaction((m) => ledger.block(m, move(certificateId, 100_000, { idempotencyKey: key })));
    expect(second.id).toBe(first.id);
    expect(await balance(certificateId)).toMatchObject({ blocked: 100_000 });
    const reused = await failure(ds.transaction((m) => ledger.unblock(m, move(certificateId, 100_000, { idempotencyKey: key }))));
    expect(reused.code).toBe('CONFLICT');
  });

  it('writes an entry per replayed key exactly once when the replays race', async () => {
    const { certificateId } = await createTestCertificate(ds);
    const key = `block:${randomUUID()}`;
    const entries = await Promise.all(Array.from({ length: 10 }, () => ds.transaction((m) => ledger.block(m, move(certificateId, 10_000, { idempotencyKey: key })))));
    expect(new Set(entries.map((e) => e.id)).size).toBe(1);
    expect(await balance(certificateId)).toMatchObject({ blocked: 10_000 });
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('keeps links to the application, contract and charge, and the actor', async () => {
    const { certificateId } = await createTestCertificate(ds);
    const [{ id: actorId }] = await ds.query(`SELECT id FROM users WHERE email = 'staff@demo.ru'`);
    const applicationId = randomUUID();
    const entry = await ds.transaction((m) => ledger.block(m, move(certificateId, 5_000, { applicationId, actorUserId: actorId, reason: 'Заявка подтверждена' })));
    expect(entry).toMatchObject({ type: 'BLOCK', amount: 5_000, applicationId, contractId: null, actorUserId: actorId, reason: 'Заявка подтверждена' });
    expect(entry.createdAt).toBeInstanceOf(Date);
  });

  it('refuses to block money of a certificate that is not in FINANCING status', async () => {
    const { certificateId } = await createTestCertificate(ds);
    await ds.query(`UPDATE certificates SET status = 'SUSPENDED', status_before_suspension = 'FINANCING' WHERE id = $1`, [certificateId]);
    const err = await failure(ds.transaction((m) => ledger.block(m, move(certificateId, 1_000))));
    expect(err.code).toBe('CERTIFICATE_NOT_FINANCING');
  });

  it('reports no money on a certificate without an account for the date', async () => {
    const { certificateId } = await createTestCertificate(ds, { status: 'ACCOUNTING' });
    const err = await failure(ds.transaction((m) => ledger.block(m, move(certificateId, 1_000))));
    expect(err.code).toBe('INSUFFICIENT_BALANCE');
    expect(err.details).toEqual({ available: 0, required: 1_000 });
    expect(await ledger.accountFor(ds.manager, certificateId, TEST_TODAY)).toBeNull();
    const other = await failure(ds.transaction((m) => ledger.charge(m, move(certificateId, 1_000))));
    expect(other.code).toBe('NO_ACCOUNT');
  });

  it('selects the account by the period containing the given date', async () => {
    const { certificateId } = await createTestCertificate(ds);
    const err = await failure(ds.transaction((m) => ledger.block(m, move(certificateId, 1_000, { on: '1999-06-01' }))));
    expect(err.code).toBe('INSUFFICIENT_BALANCE');
    expect(await ledger.accountFor(ds.manager, certificateId, '1999-06-01')).toBeNull();
  });

  it('refuses to update, delete or truncate ledger entries', async () => {
    const { certificateId } = await createTestCertificate(ds);
    await expect(ds.query(`UPDATE ledger_entries SET amount = 1 WHERE certificate_id = $1`, [certificateId])).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM ledger_entries WHERE certificate_id = $1`, [certificateId])).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE ledger_entries CASCADE`)).rejects.toThrow(/append-only/);
  });

  it('has the database refuse negative balances even from code that bypasses the service', async () => {
    const { certificateId } = await createTestCertificate(ds);
    await expect(ds.query(`UPDATE certificate_accounts SET blocked = nominal + 1 WHERE certificate_id = $1`, [certificateId])).rejects.toThrow(/certificate_accounts_available/);
    await expect(ds.query(`UPDATE certificate_accounts SET spent = -1 WHERE certificate_id = $1`, [certificateId])).rejects.toThrow(/check/);
  });

  it('never blocks more than available when 50 blocks hit one certificate at once', async () => {
    const { certificateId } = await createTestCertificate(ds);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => ds.transaction((m) => ledger.block(m, move(certificateId, 100_000)))));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    // 13 470 ₽ covers exactly 13 blocks of 1 000 ₽.
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(13);
    expect(refused).toHaveLength(37);
    for (const r of refused) expect((r.reason as DomainError).code).toBe('INSUFFICIENT_BALANCE');
    expect(await balance(certificateId)).toMatchObject({ blocked: 1_300_000, available: 47_000 });
    expect(await entryCount(certificateId)).toBe(14);
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('keeps every account equal to its ledger under mixed concurrent movements', async () => {
    const { certificateId } = await createTestCertificate(ds);
    await ds.transaction((m) => ledger.block(m, move(certificateId, 500_000)));
    const ops = Array.from({ length: 40 }, (_, i) =>
      ds.transaction(async (m) => {
        if (i % 4 === 0) return ledger.block(m, move(certificateId, 70_000));
        if (i % 4 === 1) return ledger.unblock(m, move(certificateId, 30_000));
        if (i % 4 === 2) return ledger.activate(m, move(certificateId, 40_000));
        return ledger.charge(m, move(certificateId, 20_000));
      }),
    );
    await Promise.allSettled(ops);
    const b = (await balance(certificateId))!;
    expect(b.available).toBeGreaterThanOrEqual(0);
    expect(await checkInvariants(ds)).toEqual([]);
  });
});
