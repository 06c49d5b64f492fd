import type { EntityManager } from 'typeorm';
import { ContractFunding, FundingSource, FundingStatus } from './contract-funding.entity';
import { firstDayOf, lastDayOf, type Month } from '../../common/months';

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
