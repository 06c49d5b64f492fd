import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateWithHolds, createTestCertificate } from '../../../test/certificates';
import { createTestDataSource } from '../../../test/database';
import { DomainError } from '../../common/errors';
import { formatRub } from '../../common/money';
import { checkInvariants } from '../../invariants/registry';
import { ledgerChecks } from './certificates.invariants';
import { type HoldOpening, type HoldRef, LedgerService } from './ledger.service';
import { TEST_TODAY } from '../../testing/test-today';

const NOMINAL = 1_347_000;

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('certificate ledger', () => {
  let ds: DataSource;
  const ledger = new LedgerService();
  beforeAll(async () => {
    ds = await createTestDataSource({ poolSize: 60 });
  });
  afterAll(() => ds.destroy());

  const note = { actorUserId: null, reason: 'Тестовая операция' };
  const part = (amount: number, extra: { idempotencyKey?: string; chargeId?: string } = {}) => ({ ...note, amount, idempotencyKey: randomUUID(), ...extra });
  const ref = (o: HoldOpening): HoldRef => ({ applicationId: o.applicationId, periodId: o.periodId });
  const balance = async (certificateId: string) => {
    const account = await ledger.accountFor(ds.manager, certificateId, TEST_TODAY);
    return account && { nominal: account.nominal, blocked: account.blocked, committed: account.committed, spent: account.spent, expired: account.expired, available: account.available };
  };
  const hold = async (o: HoldOpening) =>
    (await ds.query(`SELECT amount::int, blocked::int, committed::int, spent::int FROM ledger_holds WHERE application_id = $1 AND period_id = $2`, [o.applicationId, o.periodId]))[0];
  const entryCount = async (certificateId: string): Promise<number> =>
    (await ds.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE certificate_id = $1`, [certificateId]))[0].n;

  it('credits the nominal with a CREDIT entry and shows it all as available', async () => {
    const { certificateId } = await createTestCertificate(ds);
    expect(await balance(certificateId)).toEqual({ nominal: NOMINAL, blocked: 0, committed: 0, spent: 0, expired: 0, available: NOMINAL });
    const [entry] = await ds.query(`SELECT type, amount::int AS amount, hold_id FROM ledger_entries WHERE certificate_id = $1`, [certificateId]);
    expect(entry).toEqual({ type: 'CREDIT', amount: NOMINAL, hold_id: null });
  });

  it('moves a hold along block → activate → charges → reversal → release → close, taking each resolution\'s amount from the hold', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    const o = opening(300_000);
    const block = await ds.transaction((m) => ledger.block(m, o));
    expect(block).toMatchObject({ type: 'BLOCK', amount: 300_000, applicationId: o.applicationId, contractId: o.contractId });
    expect(await hold(o)).toEqual({ amount: 300_000, blocked: 300_000, committed: 0, spent: 0 });
    expect(await balance(certificateId)).toMatchObject({ blocked: 300_000, available: NOMINAL - 300_000 });

    const activate = await ds.transaction((m) => ledger.activate(m, ref(o), note));
    expect(activate).toMatchObject({ type: 'ACTIVATE', amount: 300_000, holdId: block.holdId });
    // Month by month the charges draw the posted hold down.
    for (const month of [1, 2]) await ds.transaction((m) => ledger.charge(m, ref(o), part(60_000, { idempotencyKey: `charge:${month}` + o.applicationId })));
    await ds.transaction((m) => ledger.reverse(m, ref(o), part(10_000)));
    await ds.transaction((m) => ledger.release(m, ref(o), part(100_000)));
    expect(await hold(o)).toEqual({ amount: 300_000, blocked: 0, committed: 90_000, spent: 110_000 });

    const close = await ds.transaction((m) => ledger.close(m, ref(o), note));
    expect(close).toMatchObject({ type: 'RELEASE', amount: 90_000 });
    // Closing again is the same step replayed: the first entry, nothing moved.
    expect((await ds.transaction((m) => ledger.close(m, ref(o), note)))?.id).toBe(close!.id);
    expect(await hold(o)).toEqual({ amount: 300_000, blocked: 0, committed: 0, spent: 110_000 });
    expect(await balance(certificateId)).toEqual({ nominal: NOMINAL, blocked: 0, committed: 0, spent: 110_000, expired: 0, available: NOMINAL - 110_000 });
    expect(await entryCount(certificateId)).toBe(8);
    expect(await checkInvariants(ds, ledgerChecks)).toEqual([]);
  });

  it('resolves a pending hold exactly once: posted or voided, never both, and a repeated step returns the first entry', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    const o = opening(200_000);
    await ds.transaction((m) => ledger.block(m, o));
    const unblock = await ds.transaction((m) => ledger.unblock(m, ref(o), note));
    expect(unblock).toMatchObject({ type: 'UNBLOCK', amount: 200_000 });
    expect((await ds.transaction((m) => ledger.unblock(m, ref(o), note))).id).toBe(unblock.id);
    const activate = await failure(ds.transaction((m) => ledger.activate(m, ref(o), note)));
    expect(activate.code).toBe('HOLD_RESOLVED');
    expect(await balance(certificateId)).toMatchObject({ blocked: 0, committed: 0, available: NOMINAL });
    // Nothing remains to return when the contract that never was ends.
    expect(await ds.transaction((m) => ledger.close(m, ref(o), note))).toBeNull();
  });

  it('resolves a hold once when signing and cancelling race', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    const o = opening(200_000);
    await ds.transaction((m) => ledger.block(m, o));
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => ds.transaction((m) => (i % 2 ? ledger.activate(m, ref(o), note) : ledger.unblock(m, ref(o), note)))),
    );
    const done = results.filter((r): r is PromiseFulfilledResult<{ id: string; type: string }> => r.status === 'fulfilled').map((r) => r.value);
    // The winner's step replays for every caller of the same step; the other step is refused.
    expect(new Set(done.map((e) => e.id)).size).toBe(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'HOLD_RESOLVED' });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE certificate_id = $1 AND type IN ('ACTIVATE','UNBLOCK')`, [certificateId]);
    expect(n).toBe(1);
    expect(await checkInvariants(ds, ledgerChecks)).toEqual([]);
  });

  it('has the database refuse a second resolution of a hold even from code that bypasses the service', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    const o = opening(100_000);
    const { holdId, accountId } = await ds.transaction((m) => ledger.block(m, o));
    await ds.transaction((m) => ledger.activate(m, ref(o), note));
    await expect(
      ds.query(`INSERT INTO ledger_entries (account_id, certificate_id, type, amount, reason, hold_id, idempotency_key) VALUES ($1, $2, 'UNBLOCK', 1, 'x', $3, $4)`, [
        accountId,
        certificateId,
        holdId,
        randomUUID(),
      ]),
    ).rejects.toThrow(/ledger_entries_hold_resolved/);
  });

  it('refuses to block more than is available, in rubles, and changes nothing', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    await ds.transaction((m) => ledger.block(m, opening(1_000_000)));
    const o = opening(400_000);
    const err = await failure(ds.transaction((m) => ledger.block(m, o)));
    expect(err.code).toBe('INSUFFICIENT_BALANCE');
    expect(err.message).toBe(`Недостаточно средств на сертификате: доступно ${formatRub(347_000)}, требуется ${formatRub(400_000)}`);
    expect(err.details).toEqual({ available: 347_000, required: 400_000 });
    expect(await balance(certificateId)).toMatchObject({ blocked: 1_000_000, available: 347_000 });
    expect(await hold(o)).toBeUndefined();
    expect(await entryCount(certificateId)).toBe(2);
  });

  it('refuses to move more than the hold holds, for every part of a posted hold', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    const o = opening(100_000);
    await ds.transaction((m) => ledger.block(m, o));
    await ds.transaction((m) => ledger.activate(m, ref(o), note));
    await ds.transaction((m) => ledger.block(m, opening(500_000)));
    for (const op of ['release', 'charge'] as const) {
      const err = await failure(ds.transaction((m) => ledger[op](m, ref(o), part(100_001))));
      expect(err.code).toBe('LEDGER_OVERDRAFT');
      expect(err.message).toBe(`Нельзя ${op === 'release' ? 'вернуть на сертификат' : 'списать'} ${formatRub(100_001)}: зарезервировано по договорам только ${formatRub(100_000)}`);
    }
    await ds.transaction((m) => ledger.charge(m, ref(o), part(80_000)));
    const reverse = await failure(ds.transaction((m) => ledger.reverse(m, ref(o), part(80_001))));
    expect(reverse.details).toEqual({ bucket: 'spent', held: 80_000, required: 80_001 });
    const expire = await failure(ds.transaction((m) => ledger.expire(m, { ...note, certificateId, amount: NOMINAL, on: TEST_TODAY, idempotencyKey: randomUUID() })));
    expect(expire.details).toMatchObject({ bucket: 'available', held: NOMINAL - 600_000 });
    expect(await balance(certificateId)).toMatchObject({ blocked: 500_000, committed: 20_000, spent: 80_000, expired: 0 });
    const missing = await failure(ds.transaction((m) => ledger.charge(m, { applicationId: randomUUID(), periodId: o.periodId }, part(1))));
    expect(missing.code).toBe('NO_HOLD');
  });

  it('refuses amounts that are not positive whole kopecks', async () => {
    const { opening } = await certificateWithHolds(ds);
    for (const amount of [0, -100, 10.5]) {
      const err = await failure(ds.transaction((m) => ledger.block(m, opening(amount))));
      expect(err.code).toBe('BAD_USER_INPUT');
    }
  });

  it('opens one hold per application and period: a retry, even from a new contract id, returns the first entry', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    const o = opening(100_000);
    const first = await ds.transaction((m) => ledger.block(m, o));
    // A confirmation retried mints another contract id; the application and period are the same.
    const second = await ds.transaction((m) => ledger.block(m, { ...o, contractId: randomUUID() }));
    expect(second.id).toBe(first.id);
    expect(await balance(certificateId)).toMatchObject({ blocked: 100_000 });
    const other = await failure(ds.transaction((m) => ledger.block(m, { ...o, amount: 90_000 })));
    expect(other.code).toBe('CONFLICT');
    const committed = await failure(ds.transaction((m) => ledger.commit(m, o)));
    expect(committed.code).toBe('CONFLICT');
  });

  it('writes a replayed charge exactly once when the replays race', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    const o = opening(100_000);
    await ds.transaction((m) => ledger.commit(m, o));
    const key = `charge:${randomUUID()}`;
    const entries = await Promise.all(Array.from({ length: 10 }, () => ds.transaction((m) => ledger.charge(m, ref(o), part(10_000, { idempotencyKey: key })))));
    expect(new Set(entries.map((e) => e.id)).size).toBe(1);
    expect(await balance(certificateId)).toMatchObject({ committed: 90_000, spent: 10_000 });
    expect(await checkInvariants(ds, ledgerChecks)).toEqual([]);
  });

  it('keeps links to the application, contract, charge, hold and the actor', async () => {
    const { opening } = await certificateWithHolds(ds);
    const [{ id: actorId }] = await ds.query(`SELECT id FROM users WHERE email = 'staff@demo.ru'`);
    const o = opening(5_000, { actorUserId: actorId, reason: 'Заявка подтверждена' });
    const entry = await ds.transaction((m) => ledger.commit(m, o));
    expect(entry).toMatchObject({ type: 'COMMIT', amount: 5_000, applicationId: o.applicationId, contractId: o.contractId, actorUserId: actorId, reason: 'Заявка подтверждена' });
    expect(entry.createdAt).toBeInstanceOf(Date);
    const chargeId = randomUUID();
    expect(await ds.transaction((m) => ledger.charge(m, ref(o), part(1_000, { chargeId })))).toMatchObject({ chargeId, holdId: entry.holdId, contractId: o.contractId });
  });

  it('refuses to block money of a certificate that is not in FINANCING status', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    await ds.query(`UPDATE certificates SET status = 'SUSPENDED', status_before_suspension = 'FINANCING' WHERE id = $1`, [certificateId]);
    const err = await failure(ds.transaction((m) => ledger.block(m, opening(1_000))));
    expect(err.code).toBe('CERTIFICATE_NOT_FINANCING');
  });

  it('reports no money on a certificate without an account for the period', async () => {
    const { certificateId } = await createTestCertificate(ds, { status: 'ACCOUNTING' });
    const { periodId } = await certificateWithHolds(ds);
    const err = await failure(ds.transaction((m) => ledger.block(m, { certificateId, periodId, applicationId: randomUUID(), contractId: randomUUID(), amount: 1_000, ...note })));
    expect(err.code).toBe('INSUFFICIENT_BALANCE');
    expect(err.details).toEqual({ available: 0, required: 1_000 });
    expect(await ledger.accountFor(ds.manager, certificateId, TEST_TODAY)).toBeNull();
    const other = await failure(ds.transaction((m) => ledger.expire(m, { ...note, certificateId, amount: 1_000, on: TEST_TODAY, idempotencyKey: randomUUID() })));
    expect(other.code).toBe('NO_ACCOUNT');
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

  it('keeps every account and hold equal to its ledger under mixed concurrent movements', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    const holds = Array.from({ length: 8 }, () => opening(100_000));
    for (const o of holds) await ds.transaction((m) => ledger.block(m, o));
    await ds.transaction((m) => ledger.activate(m, ref(holds[0]), note));
    const ops = Array.from({ length: 40 }, (_, i) =>
      ds.transaction(async (m) => {
        const o = holds[i % holds.length];
        if (i % 4 === 0) return ledger.block(m, opening(70_000));
        if (i % 4 === 1) return ledger.unblock(m, ref(o), note);
        if (i % 4 === 2) return ledger.activate(m, ref(o), note);
        return ledger.charge(m, ref(holds[0]), part(20_000));
      }),
    );
    await Promise.allSettled(ops);
    expect((await balance(certificateId))!.available).toBeGreaterThanOrEqual(0);
    expect(await checkInvariants(ds, ledgerChecks)).toEqual([]);
  });
});
