import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE or DELETE. TypeORM's `manager.query` returns `[rows, rowCount]`
 * for these commands (plain rows for SELECT and INSERT), which is easy to
 * misread as a row list; this names both parts.
 */
export async function execute<T = Record<string, unknown>>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<{ rows: T[]; count: number }> {
  const [rows, count] = (await manager.query(sql, params)) as [T[], number];
  return { rows, count };
}

/**
 * Marks a statement whose best plan depends on its parameters (a catalog
 * search: a rare word and a common one want different plans), so the
 * database client plans it on every call instead of keeping it prepared
 * (see db/preparing-client.ts).
 */
export const PLAN_EACH_CALL = '/* plan each call */';
