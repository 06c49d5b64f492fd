import type { DataSource, EntityManager } from 'typeorm';

/**
 * Makes a race deterministic: holds a row lock while the contenders start,
 * waits until `contenders` of them are queued behind it (or behind each
 * other) in Postgres, then lets them all go at once. Without the gate the
 * first contenders may finish before the last start, and a missing lock would
 * go unnoticed. `waiters`: how many contenders reach the lock (those refused
 * earlier never queue); all of them by default.
 */
export async function raceBehindLock<T>(
  dataSource: DataSource,
  lock: (m: EntityManager) => Promise<unknown>,
  contenders: (() => Promise<T>)[],
  waiters = contenders.length,
): Promise<PromiseSettledResult<T>[]> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const held = new Promise<void>((resolve) => (locked = resolve));
  const gate = dataSource.transaction(async (m) => {
    await lock(m);
    locked();
    await released;
  });
  await held;
  const results = Promise.allSettled(contenders.map((run) => run()));
  await waitForLockWaiters(dataSource, waiters);
  release();
  await gate;
  return results;
}

/** Polls until `count` backends of this database wait for a lock (a heavyweight lock: a row, a transaction id). */
export async function waitForLockWaiters(dataSource: DataSource, count: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }]: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (n >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${count} contenders reached the lock`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
