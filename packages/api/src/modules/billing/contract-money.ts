import type { EntityManager } from 'typeorm';
import { Contract } from '../enrollment/contract.entity';

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

/**
 * What the certificate still holds committed for this contract, read from
 * the ledger itself (activated − charged + reversed − released): the most
 * any later charge or release may move.
 */
export async function committedOnContract(manager: EntityManager, contractId: string): Promise<number> {
  const [row]: { committed: string }[] = await manager.query(
    `SELECT coalesce(sum(CASE type WHEN 'ACTIVATE' THEN amount WHEN 'REVERSAL' THEN amount WHEN 'CHARGE' THEN -amount WHEN 'RELEASE' THEN -amount ELSE 0 END), 0) AS committed
       FROM ledger_entries WHERE contract_id = $1`,
    [contractId],
  );
  return Number(row.committed);
}

/** Locks a contract row, scoped to its owner in the query itself (another tenant's contract is never loaded). */
export function lockContract(manager: EntityManager, id: string, scope: { organizationId?: string; parentUserId?: string } = {}): Promise<Contract | null> {
  return manager.getRepository(Contract).createQueryBuilder('c').setLock('pessimistic_write').where({ id, ...scope }).getOne();
}

export async function programTitle(manager: EntityManager, programId: string): Promise<string> {
  const [row]: { title: string }[] = await manager.query(`SELECT title FROM programs WHERE id = $1`, [programId]);
  return row.title;
}
