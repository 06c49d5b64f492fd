import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createTestDatabaseUrl } from '../../test/database';
import { PLAN_EACH_CALL } from '../common/sql';
import { createDataSource } from './data-source';

describe('prepared statements per connection', () => {
  let url: string;
  const opened: DataSource[] = [];
  const open = async (prepareStatements?: boolean) => {
    const ds = createDataSource(url, { poolSize: 1, prepareStatements });
    await ds.initialize();
    opened.push(ds);
    return ds;
  };
  /** The statements this connection keeps prepared (one pooled connection, so every query shares it). */
  const prepared = async (ds: DataSource) =>
    ((await ds.query(`SELECT statement FROM pg_prepared_statements`)) as { statement: string }[]).map((r) => r.statement);

  beforeAll(async () => {
    url = await createTestDatabaseUrl();
  });
  afterAll(async () => {
    for (const ds of opened) await ds.destroy();
  });

  it('prepares a parameterized statement once and reuses it, with the same results', async () => {
    const ds = await open();
    const sql = `SELECT $1::int + 1 AS n`;
    expect(await ds.query(sql, [1])).toEqual([{ n: 2 }]);
    expect(await ds.query(sql, [41])).toEqual([{ n: 42 }]);
    expect((await prepared(ds)).filter((s) => s === sql)).toHaveLength(1);
  });

  it('plans a statement marked to be planned per call each time, and leaves statements without parameters unnamed', async () => {
    const ds = await open();
    const search = `${PLAN_EACH_CALL} SELECT $1::text AS word`;
    expect(await ds.query(search, ['кружок'])).toEqual([{ word: 'кружок' }]);
    await ds.query(`SELECT 1 AS one`);
    const names = await prepared(ds);
    expect(names).not.toContain(search);
    expect(names).not.toContain(`SELECT 1 AS one`);
  });

  it('passes a failed statement\'s error on and keeps the connection usable', async () => {
    const ds = await open();
    await expect(ds.query(`SELECT 1 / $1::int AS n`, [0])).rejects.toThrow(/division by zero/);
    expect(await ds.query(`SELECT 1 / $1::int AS n`, [1])).toEqual([{ n: 1 }]);
  });

  it('prepares nothing when turned off', async () => {
    const ds = await open(false);
    await ds.query(`SELECT $1::int AS n`, [1]);
    expect(await prepared(ds)).toEqual([]);
  });
});
