import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { Service } from '../../common/container';
import { decodeCursor, type Page, pageSize, toPage } from '../../common/pagination';
import { type Actor, requireRole, visibleScope } from '../../common/actor';
import { Role } from '../../common/role';
import { Contract } from './contract.entity';
import { FundingSource, FundingStatus } from './contract-funding.entity';
import { ContractFundingService } from './contract-funding.service';
import { ContractPeriodState, type ContractPeriodTerms } from './contract-period-terms.type';
import { ContractStatus } from './contracts.enums';
import type { ContractFilter } from './inputs/contract-filter.input';

const ENDED_STATUSES = [ContractStatus.TERMINATED, ContractStatus.COMPLETED, ContractStatus.EXPIRED, ContractStatus.CANCELLED];

/** What a role may read of contracts: each query carries the reader's scope. */
@Service()
export class ContractQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly funding: ContractFundingService,
    private readonly clock: Clock,
  ) {}

  /** A contract its parent, its organization's staff, the municipality's operators or the region admin may read; null otherwise. */
  async contract(actor: Actor | undefined, id: string): Promise<Contract | null> {
    const viewer = requireRole(actor);
    return this.dataSource.getRepository(Contract).findOne({ where: { id, ...visibleScope(viewer) } });
  }

  myContracts(actor: Actor | undefined): Promise<Contract[]> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.getRepository(Contract).find({ where: { parentUserId: parent.userId }, order: { offeredAt: 'DESC', id: 'ASC' } });
  }

  /** The contract's season, period by period: the certificate's and the parent's part and whether the period has funded it. */
  async fundingPlan(contract: Contract): Promise<ContractPeriodTerms[]> {
    if (contract.certificateMonthlyShare === 0 || !contract.certificateId) return [];
    const [{ municipality_id: municipalityId }] = await this.dataSource.query(`SELECT municipality_id FROM certificates WHERE id = $1`, [contract.certificateId]);
    const today = this.clock.today();
    const [plan, fundings] = await Promise.all([
      this.funding.plan(this.dataSource.manager, municipalityId, contract, today),
      this.funding.fundings(this.dataSource.manager, contract.id),
    ]);
    const ended = ENDED_STATUSES.includes(contract.status);
    return plan.slices.map((slice) => {
      const funding = slice.period && fundings.find((f) => f.periodId === slice.period!.id && f.status !== FundingStatus.CANCELLED);
      const certificateAmount = contract.certificateMonthlyShare * slice.months;
      const copayment = contract.parentMonthlyCopayment * slice.months;
      const terms = { year: slice.year, startsOn: slice.startsOn, endsOn: slice.endsOn, months: slice.months, certificateAmount, parentAmount: copayment };
      if (funding?.source === FundingSource.PARENT) return { ...terms, certificateAmount: 0, parentAmount: contract.monthlyPrice * slice.months, state: ContractPeriodState.PARENT_PAYS };
      if (funding) return { ...terms, state: funding.status === FundingStatus.BLOCKED ? ContractPeriodState.BLOCKED : ContractPeriodState.FUNDED };
      if (contract.status === ContractStatus.AWAITING_FUNDING && slice.period?.id === contract.awaitingPeriodId) return { ...terms, state: ContractPeriodState.AWAITING_FUNDING };
      return { ...terms, state: ended ? ContractPeriodState.NOT_FUNDED : ContractPeriodState.PLANNED };
    });
  }

  /** Contracts of the staff member's organization (operators: their municipality), by number; e.g. those waiting for funding. */
  async organizationContracts(actor: Actor | undefined, given?: ContractFilter | null, first?: number | null, after?: string | null): Promise<Page<Contract>> {
    // An explicit null filter means no filter, like an absent one.
    const filter = given ?? {};
    const viewer = requireRole(actor, Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN);
    const limit = pageSize(first);
    const offset = decodeCursor(after);
    const query = this.dataSource.getRepository(Contract).createQueryBuilder('c').where(visibleScope(viewer));
    if (filter.statuses?.length) query.andWhere('c.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.continuing) {
      // Continues past today's period: ends after the end of the period that contains today.
      query.andWhere(
        `c.ends_on > (SELECT p.ends_on FROM certificate_periods p WHERE p.municipality_id = c.municipality_id AND p.starts_on <= :today AND p.ends_on >= :today)`,
        { today: this.clock.today() },
      );
    }
    const [rows, totalCount] = await query.orderBy('c.number', 'ASC').skip(offset).take(limit + 1).getManyAndCount();
    return toPage(rows, offset, limit, totalCount);
  }
}
