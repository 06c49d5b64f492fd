import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificate } from '../../test/certificates';
import { createTestDataSource } from '../../test/database';
import { checkInvariants, invariantChecks } from './registry';

describe('invariant checker', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await createTestDataSource();
  });
  afterAll(() => ds.destroy());

  it('finds nothing wrong in the seeded demo region', async () => {
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('reports an account that no longer equals its ledger, naming the account', async () => {
    const { certificateId } = await createTestCertificate(ds);
    const [{ id }] = await ds.query(`SELECT id FROM certificate_accounts WHERE certificate_id = $1`, [certificateId]);
    await ds.query(`UPDATE certificate_accounts SET nominal = nominal + 100 WHERE id = $1`, [id]);
    try {
      const violations = await checkInvariants(ds);
      expect(violations).toEqual([
        { invariant: 'every account equals the sum of its ledger entries', subject: `certificate_accounts ${id}`, details: expect.stringContaining('nominal=1347100') },
      ]);
    } finally {
      await ds.query(`UPDATE certificate_accounts SET nominal = nominal - 100 WHERE id = $1`, [id]);
    }
  });

  it('reports a disabled append-only trigger and a period whose issued count does not match its accounts', async () => {
    await ds.query(`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update_delete`);
    const [{ id: periodId }] = await ds.query(`SELECT id FROM certificate_periods WHERE financing_issued < financing_limit LIMIT 1`);
    await ds.query(`UPDATE certificate_periods SET financing_issued = financing_issued + 1 WHERE id = $1`, [periodId]);
    try {
      const names = (await checkInvariants(ds)).map((v) => `${v.invariant} | ${v.subject}`);
      expect(names).toEqual([
        'the ledger is append-only (its triggers are in place and enabled) | ledger_entries',
        `financing certificates in a period stay within the municipality's limit | certificate_periods ${periodId}`,
      ]);
    } finally {
      await ds.query(`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_no_update_delete`);
      await ds.query(`UPDATE certificate_periods SET financing_issued = financing_issued - 1 WHERE id = $1`, [periodId]);
    }
    expect(await checkInvariants(ds)).toEqual([]);
  });

  it('runs only the checks it is given, so modules can check their own part', async () => {
    expect(await checkInvariants(ds, [{ name: 'always broken', sql: `SELECT 'x' AS subject, 'y' AS details` }])).toEqual([{ invariant: 'always broken', subject: 'x', details: 'y' }]);
    expect(invariantChecks.length).toBeGreaterThanOrEqual(7);
  });
});
