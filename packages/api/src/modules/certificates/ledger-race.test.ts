import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { certificateWithHolds } from '../../../test/certificates';
import { createTestDataSource } from '../../../test/database';
import { raceBehindLock } from '../../../test/races';
import { checkInvariants } from '../../invariants/registry';
import { ledgerChecks } from './certificates.invariants';
import { LedgerService } from './ledger.service';
import { openHoldSql } from './ledger-sql';

const BLOCKS = 50;
/** 13 470 ₽ covers exactly 13 blocks of 1 000 ₽. */
const BLOCK = 100_000;

/**
 * Fifty confirmations block money of one certificate at the same instant:
 * all of them queue behind a lock on the account before any may go, so each
 * decides from the balance the others left, not from the one it first saw.
 */
describe('concurrent blocks over one certificate\'s money', () => {
  let ds: DataSource;
  beforeEach(async () => {
    ds = await createTestDataSource({ poolSize: BLOCKS + 5 });
  });
  afterEach(() => ds.destroy());

  const lockAccount = (certificateId: string) => (m: { query: DataSource['query'] }) => m.query(`SELECT id FROM certificate_accounts WHERE certificate_id = $1 FOR UPDATE`, [certificateId]);
  const balance = async (certificateId: string) =>
    (await ds.query(`SELECT nominal::int, blocked::int, (SELECT count(*)::int FROM ledger_holds h WHERE h.certificate_id = $1) AS holds FROM certificate_accounts WHERE certificate_id = $1`, [certificateId]))[0];

  it('never blocks more than is available: exactly 13 blocks go through, 37 are refused with INSUFFICIENT_BALANCE', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    const ledger = new LedgerService();
    const results = await raceBehindLock(ds, lockAccount(certificateId), Array.from({ length: BLOCKS }, () => () => ds.transaction((m) => ledger.block(m, opening(BLOCK)))));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(13);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    expect(await balance(certificateId)).toEqual({ nominal: 1_347_000, blocked: 13 * BLOCK, holds: 13 });
    expect(await checkInvariants(ds, ledgerChecks)).toEqual([]);
  });

  it('control: the same statement without the account lock, and without the database\'s last check, blocks money that is not there', async () => {
    const { certificateId, opening } = await certificateWithHolds(ds);
    await ds.query(`ALTER TABLE certificate_accounts DROP CONSTRAINT certificate_accounts_available`);
    // Every contender judges the balance from its own snapshot: all of them see 13 470 ₽ free.
    const unlocked = openHoldSql('blocked').replace('FOR UPDATE OF a', '');
    const results = await raceBehindLock(
      ds,
      lockAccount(certificateId),
      Array.from({ length: BLOCKS }, () => () => {
        const o = opening(BLOCK);
        return ds.query(unlocked, [o.certificateId, o.periodId, o.applicationId, o.contractId, o.amount, 'BLOCK', o.reason, null, `hold:${o.applicationId}:${o.periodId}:open`]);
      }),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(BLOCKS);
    const oversold = await balance(certificateId);
    expect(oversold.blocked).toBe(BLOCKS * BLOCK);
    expect(oversold.blocked).toBeGreaterThan(oversold.nominal);
  });
});
