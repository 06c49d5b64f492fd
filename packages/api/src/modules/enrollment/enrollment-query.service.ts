import { DataSource, type FindOptionsWhere } from 'typeorm';
import { Clock } from '../../common/clock';
import { Service } from '../../common/container';
import { ForbiddenError } from '../../common/errors';
import { decodeCursor, type Page, pageSize, toPage } from '../../common/pagination';
import { type Actor, requireOperatorOf, requireRole } from '../accounts/actor';
import { Role } from '../accounts/role';
import { Application } from './application.entity';
import { Contract } from './contract.entity';
import { ContractFundingService } from './contract-funding.service';
import { FundingSource, FundingStatus } from './contract-funding.entity';
import { ContractPeriodState, type ContractPeriodTerms } from './contract-period-terms.type';
import { ApplicationStatus, ContractStatus } from './enrollment.enums';
import type { ContractFilter } from './inputs/contract-filter.input';

const ENDED_STATUSES = [ContractStatus.TERMINATED, ContractStatus.COMPLETED, ContractStatus.EXPIRED, ContractStatus.CANCELLED];
import type { ApplicationFilter } from './inputs/application-filter.input';

/** What a role may see of applications and contracts, as a condition the query itself carries. */
function scopeOf(actor: Actor): { parentUserId?: string; organizationId?: string; municipalityId?: string } {
  switch (actor.role) {
    case Role.PARENT:
      return { parentUserId: actor.userId };
    case Role.PROVIDER_STAFF:
      return { organizationId: actor.organizationId! };
    case Role.OPERATOR:
      return { municipalityId: actor.municipalityId! };
    case Role.REGION_ADMIN:
      return {};
    default:
      throw new ForbiddenError();
  }
}

@Service()
export class EnrollmentQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly funding: ContractFundingService,
    private readonly clock: Clock,
  ) {}

  myApplications(actor: Actor | undefined): Promise<Application[]> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.getRepository(Application).find({ where: { parentUserId: parent.userId }, order: { submittedAt: 'DESC', id: 'ASC' } });
  }

  /** Staff see their organization's applications, operators their municipality's, the region admin all; oldest first (the order to process them). */
  async applications(actor: Actor | undefined, given?: ApplicationFilter | null, first?: number | null, after?: string | null): Promise<Page<Application>> {
    // An explicit null filter means no filter, like an absent one.
    const filter = given ?? {};
    const viewer = requireRole(actor, Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN);
    const limit = pageSize(first);
    const offset = decodeCursor(after);
    // Staff stay inside their organization whatever they name; operators and the region admin are checked against the municipality.
    if (filter.municipalityId && viewer.role !== Role.PROVIDER_STAFF) requireOperatorOf(viewer, filter.municipalityId);
    const where: FindOptionsWhere<Application> = {
      ...(filter.municipalityId ? { municipalityId: filter.municipalityId } : {}),
      ...scopeOf(viewer),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.programId ? { programId: filter.programId } : {}),
      ...(filter.groupId ? { groupId: filter.groupId } : {}),
    };
    const repository = this.dataSource.getRepository(Application);
    const [rows, totalCount] = await Promise.all([
      repository.find({ where, order: { submittedAt: 'ASC', id: 'ASC' }, skip: offset, take: limit + 1 }),
      repository.count({ where }),
    ]);
    return toPage(rows, offset, limit, totalCount);
  }

  /** A contract its parent, its organization's staff, the municipality's operators or the region admin may read; null otherwise. */
  async contract(actor: Actor | undefined, id: string): Promise<Contract | null> {
    const viewer = requireRole(actor);
    return this.dataSource.getRepository(Contract).findOne({ where: { id, ...scopeOf(viewer) } });
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
    const query = this.dataSource.getRepository(Contract).createQueryBuilder('c').where(scopeOf(viewer));
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

  /** 1-based place in the group's queue among applications still waiting; null when not waitlisted. */
  async waitlistRank(application: Application): Promise<number | null> {
    if (application.status !== ApplicationStatus.WAITLISTED) return null;
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS rank FROM applications WHERE group_id = $1 AND status = 'WAITLISTED' AND waitlist_position <= $2`,
      [application.groupId, application.waitlistPosition],
    );
    return row.rank;
  }
}
