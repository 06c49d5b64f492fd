import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { auditCte, auditRows } from '../../common/audit';
import { Clock } from '../../common/clock';
import { Service } from '../../common/container';
import { DomainError, NotFoundError } from '../../common/errors';
import { idempotent } from '../../common/idempotency';
import { type Actor, requireRole } from '../../common/actor';
import { requireParentInGoodStanding } from '../accounts/parent-standing';
import { Role } from '../../common/role';
import { Certificate } from '../certificates/certificate.entity';
import { Child } from '../certificates/child.entity';
import { noticeCtes, noticeRows } from '../notifications/notice-ctes';
import { applicationPhrases } from '../notifications/phrasebook/applications';
import { Application } from './application.entity';
import { lockOffering } from './application-transitions';
import { assertEligible } from './enrollment-rules';
import { ApplicationStatus } from './enrollment.enums';
import { EnrollmentErrorCode } from './enrollment.errors';

export interface SubmitApplicationCommand {
  childId: string;
  groupId: string;
  idempotencyKey?: string | null;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string; constraint?: string }).code === '23505' && (err.driverError as { constraint?: string }).constraint === constraint;
}

/**
 * A parent applies for a group (DESIGN.md «Enrollment»): SUBMITTED while the
 * group's pending applications plus taken seats are below its capacity,
 * WAITLISTED in order after that. The child is read first, then the group
 * with its program and organization under the group's row lock, which is
 * held until commit; a full group's waitlist end is read under the lock, and
 * one statement writes everything (application, history, notices, audit).
 * Budget: 4 statements, 5 onto the waitlist (transition-budgets.test.ts).
 */
@Service()
export class ApplicationSubmission {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async submitApplication(actor: Actor | undefined, command: SubmitApplicationCommand): Promise<Application> {
    const parent = requireRole(actor, Role.PARENT);
    try {
      return await this.dataSource.transaction((m) =>
        idempotent(m, parent.userId, command.idempotencyKey, { operation: 'submitApplication', args: { childId: command.childId, groupId: command.groupId } }, (id) => m.findOneByOrFail(Application, { id }), () => this.insert(m, parent, command)),
      );
    } catch (err) {
      if (isUniqueViolation(err, 'applications_live_per_child_program')) {
        throw new DomainError(EnrollmentErrorCode.DUPLICATE_APPLICATION, 'У ребёнка уже есть действующая заявка или договор по этой программе');
      }
      throw err;
    }
  }

  private async insert(m: EntityManager, parent: Actor, command: SubmitApplicationCommand): Promise<Application> {
    await requireParentInGoodStanding(m, parent.userId);
    const child = await m
      .createQueryBuilder(Child, 'c')
      .leftJoinAndMapOne('c.certificate', Certificate, 'cert', 'cert.child_id = c.id')
      .where('c.id = :id AND c.parent_user_id = :parentUserId', { id: command.childId, parentUserId: parent.userId })
      .getOne() as (Child & { certificate: Certificate | null }) | null;
    if (!child) throw new NotFoundError('Ребёнок');
    const offering = await lockOffering(m, command.groupId);
    if (!offering) throw new NotFoundError('Группа');
    const { program, organization } = offering;
    assertEligible(child, offering, program, organization, child.certificate?.status ?? null, this.clock.today());
    // A live duplicate is refused by the partial unique index on (child, program) when the row is inserted (DUPLICATE_APPLICATION).

    const id = randomUUID();
    // The group is locked, so its pending count (kept by a row trigger on applications) is exact; only a full group
    // needs the end of its waitlist, read after the lock by a statement of its own so it sees every committed entry.
    const full = offering.seatsTaken + offering.pendingCount >= offering.capacity;
    const next = full ? await nextWaitlistPosition(m, offering.id) : null;
    const application = m.create(Application, {
      id,
      childId: child.id,
      parentUserId: parent.userId,
      groupId: offering.id,
      programId: program.id,
      organizationId: organization.id,
      municipalityId: program.municipalityId,
      status: next !== null ? ApplicationStatus.WAITLISTED : ApplicationStatus.SUBMITTED,
      waitlistPosition: next,
      rejectReason: null,
    });
    const names = { childFirstName: child.firstName, programTitle: program.title };
    const notice = next !== null ? applicationPhrases.waitlisted(names, offering.name, next) : applicationPhrases.submitted(names);
    // The application, its history row, the parent's and the staff's notices and the audit event: one statement.
    const [created] = await m.query(
      `WITH created AS (
         INSERT INTO applications (id, child_id, parent_user_id, group_id, program_id, organization_id, municipality_id, status, waitlist_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, status, submitted_at, updated_at
       ), event AS (
         INSERT INTO application_events (application_id, status, actor_user_id, note) SELECT id, status, $3, $10 FROM created
       ), ${noticeCtes('$11')}, ${auditCte('$12')}
       SELECT submitted_at, updated_at FROM created`,
      [
        id,
        child.id,
        parent.userId,
        offering.id,
        program.id,
        organization.id,
        program.municipalityId,
        application.status,
        application.waitlistPosition,
        notice.body,
        noticeRows([
          { ...notice, userIds: [parent.userId], applicationId: id },
          { ...applicationPhrases.newApplication(`${child.lastName} ${child.firstName}`, program.title, offering.name), organizationStaffOf: organization.id, applicationId: id },
        ]),
        auditRows([{ actorUserId: parent.userId, entityType: 'application', entityId: id, action: 'submit', after: { groupId: offering.id } }]),
      ],
    );
    Object.assign(application, { submittedAt: created.submitted_at, updatedAt: created.updated_at });
    return application;
  }
}

async function nextWaitlistPosition(m: EntityManager, groupId: string): Promise<number> {
  const [{ next }] = await m.query(`SELECT coalesce(max(waitlist_position), 0) + 1 AS next FROM applications WHERE group_id = $1 AND status IN ('SUBMITTED', 'WAITLISTED')`, [groupId]);
  return next;
}
