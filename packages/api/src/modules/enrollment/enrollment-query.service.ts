import { DataSource, type FindOptionsWhere } from 'typeorm';
import { Service } from '../../common/container';
import { decodeCursor, type Page, pageSize, toPage } from '../../common/pagination';
import { type Actor, requireRole, visibleScope } from '../../common/actor';
import { Role } from '../../common/role';
import { Application } from './application.entity';
import { ApplicationStatus } from './enrollment.enums';
import type { ApplicationFilter } from './inputs/application-filter.input';

/** What a role may read of applications: each query carries the reader's scope. */
@Service()
export class EnrollmentQueryService {
  constructor(private readonly dataSource: DataSource) {}

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
    const where: FindOptionsWhere<Application> = {
      ...visibleScope(viewer),
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
