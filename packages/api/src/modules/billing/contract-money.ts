import type { EntityManager } from 'typeorm';
import { Contract } from '../enrollment/contract.entity';
import { ContractFunding, FundingSource, FundingStatus } from '../enrollment/contract-funding.entity';
import { firstDayOf, lastDayOf, type Month } from './billing-terms';

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
 * What the certificate still holds committed for this contract in one
 * period's account, read from the ledger itself (activated or committed −
 * charged + reversed − released): the most any later charge or release of
 * that period may move.
 */
export async function committedOnContract(manager: EntityManager, contractId: string, periodId: string): Promise<number> {
  const [row]: { committed: string }[] = await manager.query(
    `SELECT coalesce(sum(CASE e.type WHEN 'ACTIVATE' THEN e.amount WHEN 'COMMIT' THEN e.amount WHEN 'REVERSAL' THEN e.amount
                                     WHEN 'CHARGE' THEN -e.amount WHEN 'RELEASE' THEN -e.amount ELSE 0 END), 0) AS committed
       FROM ledger_entries e JOIN certificate_accounts a ON a.id = e.account_id
      WHERE e.contract_id = $1 AND a.period_id = $2`,
    [contractId, periodId],
  );
  return Number(row.committed);
}

/** The certificate-paid, committed funding that pays for `month`: none means no period funded it and nothing may be charged. */
export function fundingForMonth(manager: EntityManager, contractId: string, month: Month): Promise<ContractFunding | null> {
  return manager
    .getRepository(ContractFunding)
    .createQueryBuilder('f')
    .where('f.contract_id = :contractId AND f.source = :source AND f.status = :status', { contractId, source: FundingSource.CERTIFICATE, status: FundingStatus.COMMITTED })
    .andWhere('f.starts_on <= :last AND f.ends_on >= :first', { first: firstDayOf(month), last: lastDayOf(month) })
    .getOne();
}

/** Every certificate-paid funding of a contract that committed money, oldest period first. */
export function committedFundings(manager: EntityManager, contractId: string): Promise<ContractFunding[]> {
  return manager.find(ContractFunding, {
    where: { contractId, source: FundingSource.CERTIFICATE, status: FundingStatus.COMMITTED },
    order: { startsOn: 'ASC' },
  });
}

/** Locks a contract row, scoped to its owner in the query itself (another tenant's contract is never loaded). */
export function lockContract(manager: EntityManager, id: string, scope: { organizationId?: string; parentUserId?: string } = {}): Promise<Contract | null> {
  return manager.getRepository(Contract).createQueryBuilder('c').setLock('pessimistic_write').where({ id, ...scope }).getOne();
}

export async function programTitle(manager: EntityManager, programId: string): Promise<string> {
  const [row]: { title: string }[] = await manager.query(`SELECT title FROM programs WHERE id = $1`, [programId]);
  return row.title;
}
