import type { EntityManager } from 'typeorm';
import { ContractFunding, FundingSource, FundingStatus } from './contract-funding.entity';
import { firstDayOf, lastDayOf, type Month } from '../../common/months';

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

export async function programTitle(manager: EntityManager, programId: string): Promise<string> {
  const [row]: { title: string }[] = await manager.query(`SELECT title FROM programs WHERE id = $1`, [programId]);
  return row.title;
}
