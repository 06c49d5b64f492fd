import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createTestDataSource } from '../../../test/database';
import { releaseSeat, takeSeat } from './group-seats';

describe('group seats', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await createTestDataSource({ poolSize: 40 });
  });
  afterAll(() => ds.destroy());

  it('never takes more seats than the capacity, however many take at once', async () => {
    const [group] = await ds.query(`SELECT id, capacity FROM groups WHERE seats_taken = 0 ORDER BY capacity LIMIT 1`);
    const results = await Promise.all(Array.from({ length: 60 }, () => ds.transaction((m) => takeSeat(m, group.id))));
    expect(results.filter(Boolean)).toHaveLength(group.capacity);
    const [{ seats_taken }] = await ds.query(`SELECT seats_taken FROM groups WHERE id = $1`, [group.id]);
    expect(seats_taken).toBe(group.capacity);
  });

  it('frees a seat, and refuses to free one that is not taken', async () => {
    const [group] = await ds.query(`SELECT id FROM groups WHERE seats_taken = 0 LIMIT 1`);
    await ds.transaction((m) => takeSeat(m, group.id));
    await ds.transaction((m) => releaseSeat(m, group.id));
    await expect(ds.transaction((m) => releaseSeat(m, group.id))).rejects.toThrow(/no taken seat/);
  });
});
