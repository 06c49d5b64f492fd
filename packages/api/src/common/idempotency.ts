import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from './errors';

/**
 * Runs a mutation at most once per (user, key), inside the caller's
 * transaction. The key row is inserted first: a concurrent retry with the
 * same key waits on that insert, then finds the committed first result
 * instead of doing the work again. Without a key the work simply runs.
 */
export async function idempotent<T extends { id: string }>(
  manager: EntityManager,
  userId: string,
  key: string | null | undefined,
  operation: string,
  load: (id: string) => Promise<T>,
  work: () => Promise<T>,
): Promise<T> {
  if (!key) return work();
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (user_id, key, operation) VALUES ($1, $2, $3) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, operation],
  );
  if (claimed.length === 0) {
    const [first]: { operation: string; result_id: string }[] = await manager.query(`SELECT operation, result_id FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
    ]);
    if (first.operation !== operation) {
      throw new DomainError(ErrorCode.CONFLICT, 'Этот ключ повтора уже использован для другого действия', { idempotencyKey: key });
    }
    return load(first.result_id);
  }
  const result = await work();
  await manager.query(`UPDATE idempotency_keys SET result_id = $3 WHERE user_id = $1 AND key = $2`, [userId, key, result.id]);
  return result;
}
