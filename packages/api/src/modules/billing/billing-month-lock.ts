import type { EntityManager } from 'typeorm';

/**
 * Serialises everything that changes one organization's charges or invoices
 * of one month (recording, correcting, forming), so an invoice never misses
 * a charge committed beside it. A transaction-scoped advisory lock: there is
 * no row to lock before the month's first charge or invoice exists. Taken
 * before any row lock (then contract, invoice, certificate account).
 */
export async function lockBillingMonth(manager: EntityManager, organizationId: string, month: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`billing:${organizationId}:${month}`]);
}
