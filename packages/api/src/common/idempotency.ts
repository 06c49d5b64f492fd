import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from './errors';

/** What a key stands for: the operation and the arguments that decide its result. */
export interface IdempotentRequest {
  operation: string;
  args: Record<string, unknown>;
}

/** Object keys sorted at every level, so the same arguments always print the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function fingerprint(request: IdempotentRequest): string {
  return createHash('sha256').update(request.operation).update('\0').update(canonical(request.args)).digest('hex');
}

/**
 * Runs a mutation at most once per (user, key), inside the caller's
 * transaction. The key row is inserted first: a concurrent retry with the
 * same key waits on that insert, then finds the committed first result
 * instead of doing the work again. The key is stored with a fingerprint of
 * the operation and its arguments: a key sent again with other arguments is
 * a client bug and is refused, as payment APIs do, rather than answered with
 * the first request's result. Without a key the work simply runs.
 */
export async function idempotent<T extends { id: string }>(
  manager: EntityManager,
  userId: string,
  key: string | null | undefined,
  request: IdempotentRequest,
  load: (id: string) => Promise<T>,
  work: () => Promise<T>,
): Promise<T> {
  if (!key) return work();
  const print = fingerprint(request);
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (user_id, key, operation, fingerprint) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, request.operation, print],
  );
  if (claimed.length === 0) {
    const [first]: { operation: string; fingerprint: string | null; result_id: string }[] = await manager.query(
      `SELECT operation, fingerprint, result_id FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    // Keys stored before fingerprints existed are matched by operation alone.
    if (first.operation !== request.operation || (first.fingerprint !== null && first.fingerprint !== print)) {
      throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'Этот ключ повтора уже использован для другого запроса: для нового действия нужен новый ключ', {
        idempotencyKey: key,
      });
    }
    return load(first.result_id);
  }
  const result = await work();
  await manager.query(`UPDATE idempotency_keys SET result_id = $3 WHERE user_id = $1 AND key = $2`, [userId, key, result.id]);
  return result;
}
