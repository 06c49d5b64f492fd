import type { EntityManager } from 'typeorm';
import { type AuditRecord, auditCte, auditRows } from '../../common/audit';
import { InvalidTransitionError, NotFoundError } from '../../common/errors';
import { Service } from '../../common/container';
import { Group } from '../catalog/group.entity';
import type { Offering } from '../contracts/contract-offers';
import { NotificationService } from '../notifications/notification.service';
import { noticeCtes, noticeRows } from '../notifications/notice-ctes';
import type { ApplicationNames } from '../notifications/phrasebook/applications';
import type { Phrase } from '../notifications/phrasebook/phrase';
import { Application } from './application.entity';
import { ApplicationStatus } from './enrollment.enums';
import { OfferingRows } from './offering-rows';

/** Which statuses an application may move to from each status (the system moves WAITLISTED → SUBMITTED and CONFIRMED → EXPIRED). */
const TRANSITIONS: Record<ApplicationStatus, ApplicationStatus[]> = {
  [ApplicationStatus.SUBMITTED]: [ApplicationStatus.CONFIRMED, ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED],
  [ApplicationStatus.WAITLISTED]: [ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED],
  [ApplicationStatus.CONFIRMED]: [ApplicationStatus.ENROLLED, ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED, ApplicationStatus.EXPIRED],
  [ApplicationStatus.ENROLLED]: [ApplicationStatus.ENDED],
  [ApplicationStatus.REJECTED]: [],
  [ApplicationStatus.CANCELLED]: [],
  [ApplicationStatus.EXPIRED]: [],
  [ApplicationStatus.ENDED]: [],
};

export const STATUS_NAMES: Record<ApplicationStatus, string> = {
  [ApplicationStatus.SUBMITTED]: 'подана',
  [ApplicationStatus.WAITLISTED]: 'в листе ожидания',
  [ApplicationStatus.CONFIRMED]: 'подтверждена',
  [ApplicationStatus.ENROLLED]: 'договор подписан',
  [ApplicationStatus.REJECTED]: 'отклонена',
  [ApplicationStatus.CANCELLED]: 'отменена',
  [ApplicationStatus.EXPIRED]: 'срок оферты истёк',
  [ApplicationStatus.ENDED]: 'обучение завершено',
};

export interface StatusChange {
  actorUserId: string | null;
  /** The parent's notice of this step (from the phrasebook); its text is the status history's note too. */
  notice: (names: ApplicationNames) => Phrase;
  rejectReason?: string;
  waitlistPosition?: number;
  contractId?: string;
  /** Names for the parent's notice, when the caller has them at hand (saves a query). */
  names?: ApplicationNames;
  /** The transition's audit event, written by the same statement. */
  audit?: AuditRecord;
}

export function assertTransition(application: Application, to: ApplicationStatus): void {
  if (!TRANSITIONS[application.status].includes(to)) {
    throw new InvalidTransitionError(`Заявка ${STATUS_NAMES[application.status]}: действие «${STATUS_NAMES[to]}» для неё невозможно`, {
      from: application.status,
      to,
    });
  }
}

/** Locks the application row, scoped to its owner in the query itself (another tenant's row is never loaded). */
export async function lockApplication(m: EntityManager, id: string, scope: { organizationId?: string; parentUserId?: string }): Promise<Application> {
  const application = await m
    .getRepository(Application)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where({ id, ...scope })
    .getOne();
  if (!application) throw new NotFoundError('Заявка');
  return application;
}

export function lockGroup(m: EntityManager, id: string): Promise<Group> {
  return m.getRepository(Group).createQueryBuilder('g').setLock('pessimistic_write').where({ id }).getOneOrFail();
}

/**
 * A group, locked, with its program, organization and the program's
 * municipality, in one statement. The group's columns are read after the lock
 * is granted, so its seat and queue counters are exact while the transaction
 * holds it; the joined rows are as of the statement, which is all a
 * submission needs of them.
 */
export async function lockOffering(m: EntityManager, groupId: string): Promise<Offering | null> {
  const rows = new OfferingRows(m.connection);
  const [row] = await m.query(`SELECT ${rows.select()} FROM groups g ${OfferingRows.JOINS} WHERE g.id = $1 FOR UPDATE OF g`, [groupId]);
  return row ? rows.hydrate(row) : null;
}

/**
 * The status of an application changes only here: the transition is checked,
 * the status and its history row are written by one statement, and the parent
 * is told in the phrasebook's words.
 */
@Service()
export class ApplicationTransitions {
  constructor(private readonly notifications: NotificationService) {}

  async changeStatus(m: EntityManager, application: Application, to: ApplicationStatus, change: StatusChange): Promise<void> {
    assertTransition(application, to);
    const names = change.names ?? (await this.names(m, application));
    const notice = change.notice(names);
    // The status, its history row, the parent's notice and the audit event are written by one statement.
    const [changed]: { updated_at: Date; reject_reason: string | null }[] = await m.query(
      `WITH changed AS (
         UPDATE applications SET status = $2, waitlist_position = $3, reject_reason = coalesce($4, reject_reason), updated_at = clock_timestamp() WHERE id = $1
         RETURNING id, status, updated_at, reject_reason
       ), event AS (
         INSERT INTO application_events (application_id, status, actor_user_id, note) SELECT id, status, $5, $6 FROM changed
       ), ${noticeCtes('$7')}, ${auditCte('$8')}
       SELECT updated_at, reject_reason FROM changed`,
      [
        application.id,
        to,
        change.waitlistPosition ?? null,
        change.rejectReason ?? null,
        change.actorUserId,
        notice.body,
        noticeRows([{ ...notice, userIds: [application.parentUserId], applicationId: application.id, contractId: change.contractId }]),
        auditRows(change.audit ? [change.audit] : []),
      ],
    );
    Object.assign(application, { status: to, waitlistPosition: change.waitlistPosition ?? null, rejectReason: changed.reject_reason, updatedAt: changed.updated_at });
  }

  notifyStaff(m: EntityManager, application: Pick<Application, 'id' | 'organizationId'>, phrase: Phrase): Promise<void> {
    return this.notifications.notifyOrganizationStaff(m, application.organizationId, { ...phrase, applicationId: application.id });
  }

  async names(m: EntityManager, application: Application): Promise<ApplicationNames> {
    const [row] = await m.query(`SELECT c.first_name, p.title FROM programs p, children c WHERE p.id = $1 AND c.id = $2`, [application.programId, application.childId]);
    return { childFirstName: row.first_name, programTitle: row.title };
  }
}
