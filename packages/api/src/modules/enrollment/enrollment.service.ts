import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { AppSettings, Service } from '../../common/container';
import { Clock, regionDay } from '../../common/clock';
import { DomainError, ErrorCode, InvalidTransitionError, NotFoundError } from '../../common/errors';
import { idempotent } from '../../common/idempotency';
import { execute } from '../../common/sql';
import { type Actor, requireRole } from '../accounts/actor';
import { requireParentInGoodStanding } from '../accounts/parent-standing';
import { Role } from '../accounts/role';
import { User } from '../accounts/user.entity';
import { FundingType } from '../catalog/catalog.enums';
import { certificateMonthlyShare } from '../catalog/certificate-terms';
import { Group } from '../catalog/group.entity';
import { releaseSeat, takeSeat } from '../catalog/group-seats';
import { Organization } from '../catalog/organization.entity';
import { Program } from '../catalog/program.entity';
import { Certificate } from '../certificates/certificate.entity';
import { Child } from '../certificates/child.entity';
import { Municipality } from '../municipalities/municipality.entity';
import { NotificationService } from '../notifications/notification.service';
import { Application } from './application.entity';
import { Contract } from './contract.entity';
import { ContractFundingService } from './contract-funding.service';
import { type ApplicationNames, applicationPhrases } from '../notifications/phrasebook/applications';
import type { Phrase } from '../notifications/phrasebook/phrase';
import { contractDates, contractNumber, renderContractText } from './contract-terms';
import { assertCertificateFits, assertEligible, assertProgramAvailable } from './enrollment-rules';
import { ApplicationStatus, ContractStatus } from './enrollment.enums';
import { EnrollmentErrorCode } from './enrollment.errors';

export interface SubmitApplicationCommand {
  childId: string;
  groupId: string;
  idempotencyKey?: string | null;
}

const EXPIRY_BATCH = 200;

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

const STATUS_NAMES: Record<ApplicationStatus, string> = {
  [ApplicationStatus.SUBMITTED]: 'подана',
  [ApplicationStatus.WAITLISTED]: 'в листе ожидания',
  [ApplicationStatus.CONFIRMED]: 'подтверждена',
  [ApplicationStatus.ENROLLED]: 'договор подписан',
  [ApplicationStatus.REJECTED]: 'отклонена',
  [ApplicationStatus.CANCELLED]: 'отменена',
  [ApplicationStatus.EXPIRED]: 'срок оферты истёк',
  [ApplicationStatus.ENDED]: 'обучение завершено',
};

interface StatusChange {
  actorUserId: string | null;
  /** The parent's notice of this step (from the phrasebook); its text is the status history's note too. */
  notice: (names: ApplicationNames) => Phrase;
  rejectReason?: string;
  waitlistPosition?: number;
  contractId?: string;
  /** Names for the parent's notice, when the caller has them at hand (saves a query). */
  names?: ApplicationNames;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string; constraint?: string }).code === '23505' && (err.driverError as { constraint?: string }).constraint === constraint;
}

/**
 * Enrollment (DESIGN.md «Enrollment»). Every transition is one transaction
 * that locks in one order: the application row, its contract, the group row,
 * then the certificate account (inside the ledger). The group row lock also
 * serialises everything that changes a group's claims (submitted applications
 * plus taken seats), so capacity and waitlist positions hold under a rush.
 *
 * A group is full when its SUBMITTED applications plus taken seats reach its
 * capacity: the organization then sees no more pending applications than it
 * can confirm, and parents beyond that wait in order on the waitlist.
 */
@Service()
export class EnrollmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AppSettings,
    private readonly notifications: NotificationService,
    private readonly funding: ContractFundingService,
    private readonly clock: Clock,
  ) {}

  async submitApplication(actor: Actor | undefined, command: SubmitApplicationCommand): Promise<Application> {
    const parent = requireRole(actor, Role.PARENT);
    try {
      return await this.dataSource.transaction((m) =>
        idempotent(m, parent.userId, command.idempotencyKey, { operation: 'submitApplication', args: { childId: command.childId, groupId: command.groupId } }, (id) => this.applicationById(m, id), () => this.submit(m, parent, command)),
      );
    } catch (err) {
      if (isUniqueViolation(err, 'applications_live_per_child_program')) throw this.duplicateError();
      throw err;
    }
  }

  async confirmApplication(actor: Actor | undefined, applicationId: string, idempotencyKey?: string | null, now = this.clock.now()): Promise<Application> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    return this.dataSource.transaction((m) =>
      idempotent(m, staff.userId, idempotencyKey, { operation: 'confirmApplication', args: { applicationId } }, (id) => this.applicationById(m, id), () => this.confirm(m, staff, applicationId, now)),
    );
  }

  async rejectApplication(actor: Actor | undefined, applicationId: string, reason: string, idempotencyKey?: string | null): Promise<Application> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    return this.dataSource.transaction((m) =>
      idempotent(m, staff.userId, idempotencyKey, { operation: 'rejectApplication', args: { applicationId, reason } }, (id) => this.applicationById(m, id), async () => {
        const application = await this.lockApplication(m, applicationId, { organizationId: staff.organizationId! });
        await this.close(m, application, ApplicationStatus.REJECTED, { actorUserId: staff.userId, rejectReason: reason, notice: (n) => applicationPhrases.rejected(n, reason) });
        return application;
      }),
    );
  }

  /** The parent withdraws an application before signing; a held seat and blocked money are returned. */
  async cancelApplication(actor: Actor | undefined, applicationId: string, idempotencyKey?: string | null): Promise<Application> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.transaction((m) =>
      idempotent(m, parent.userId, idempotencyKey, { operation: 'cancelApplication', args: { applicationId } }, (id) => this.applicationById(m, id), async () => {
        const application = await this.lockApplication(m, applicationId, { parentUserId: parent.userId });
        await this.close(m, application, ApplicationStatus.CANCELLED, { actorUserId: parent.userId, notice: applicationPhrases.cancelled });
        return application;
      }),
    );
  }

  /** The parent signs the offer: blocked money becomes committed to the organization, the child is enrolled. */
  async signContract(actor: Actor | undefined, contractId: string, idempotencyKey?: string | null, now = this.clock.now()): Promise<Contract> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.transaction((m) =>
      idempotent(m, parent.userId, idempotencyKey, { operation: 'signContract', args: { contractId } }, (id) => m.findOneByOrFail(Contract, { id }), async () => {
        const offer = await m.findOne(Contract, { where: { id: contractId, parentUserId: parent.userId } });
        if (!offer) throw new NotFoundError('Договор');
        const application = await this.lockApplication(m, offer.applicationId, { parentUserId: parent.userId });
        const contract = await this.lockContract(m, offer.id);
        if (contract.status !== ContractStatus.OFFERED) {
          throw new InvalidTransitionError('Этот договор уже нельзя подписать', { status: contract.status });
        }
        if (contract.offerExpiresAt <= now) {
          throw new DomainError(EnrollmentErrorCode.OFFER_EXPIRED, 'Срок подписания договора истёк: подайте заявку заново', { offerExpiresAt: contract.offerExpiresAt });
        }
        await execute(m, `UPDATE contracts SET status = 'ACTIVE', signed_at = $2, updated_at = clock_timestamp() WHERE id = $1`, [contract.id, now]);
        await this.funding.activateAtSigning(m, contract, parent.userId, `Договор № ${contract.number} подписан: средства зарезервированы для организации`, regionDay(now));
        await this.changeStatus(m, application, ApplicationStatus.ENROLLED, {
          actorUserId: parent.userId,
          contractId: contract.id,
          notice: (n) => applicationPhrases.enrolled(n, contract.number, contract.startsOn, contract.endsOn),
        });
        await writeAudit(m, { actorUserId: parent.userId, entityType: 'contract', entityId: contract.id, action: 'sign', before: { status: contract.status }, after: { status: ContractStatus.ACTIVE } });
        return m.findOneByOrFail(Contract, { id: contract.id });
      }),
    );
  }

  /**
   * Expires offers whose deadline passed by `now`: the block is lifted, the
   * seat freed and the waitlist moves up. Each offer is its own transaction
   * re-checked under lock, so running twice (or on two processes) is harmless.
   */
  async expireOffers(now = this.clock.now()): Promise<number> {
    let expired = 0;
    for (;;) {
      const due: { id: string; application_id: string }[] = await this.dataSource.query(
        `SELECT id, application_id FROM contracts WHERE status = 'OFFERED' AND offer_expires_at <= $1 ORDER BY offer_expires_at, id LIMIT $2`,
        [now, EXPIRY_BATCH],
      );
      let progressed = 0;
      for (const row of due) {
        try {
          progressed += await this.dataSource.transaction(async (m) => {
            const application = await this.lockApplication(m, row.application_id, {});
            const contract = await this.lockContract(m, row.id);
            if (application.status !== ApplicationStatus.CONFIRMED || contract.status !== ContractStatus.OFFERED || contract.offerExpiresAt > now) return 0;
            await this.close(m, application, ApplicationStatus.EXPIRED, {
              actorUserId: null,
              notice: (n) => applicationPhrases.expired(n, contract.number, contract.offerExpiresAt),
            });
            return 1;
          });
        } catch (err) {
          this.settings.logger.error({ err, contractId: row.id }, 'could not expire an offer');
        }
      }
      expired += progressed;
      if (due.length < EXPIRY_BATCH || progressed === 0) return expired;
    }
  }

  /**
   * Frees one taken seat of a group and moves the waitlist up, inside the
   * caller's transaction (lock order: after the application and contract rows,
   * before the certificate account).
   */
  async freeSeatAndPromote(manager: EntityManager, groupId: string): Promise<void> {
    await releaseSeat(manager, groupId);
    await this.promoteWaitlist(manager, groupId);
  }

  /**
   * For billing, when an active contract ends (terminated or completed), in
   * the caller's transaction and before it locks the contract: the application
   * becomes ENDED (the child may apply to the program again), the parent is
   * notified, the seat is freed and the waitlist moves up.
   */
  async endEnrollment(manager: EntityManager, applicationId: string, actorUserId: string | null, notice: (names: ApplicationNames) => Phrase): Promise<ApplicationNames> {
    const application = await this.lockApplication(manager, applicationId, {});
    const names = await this.names(manager, application);
    await this.changeStatus(manager, application, ApplicationStatus.ENDED, { actorUserId, notice, names });
    await this.freeSeatAndPromote(manager, application.groupId);
    return names;
  }

  private async submit(m: EntityManager, parent: Actor, command: SubmitApplicationCommand): Promise<Application> {
    await requireParentInGoodStanding(m, parent.userId);
    const child = await m
      .createQueryBuilder(Child, 'c')
      .leftJoinAndMapOne('c.certificate', Certificate, 'cert', 'cert.child_id = c.id')
      .where('c.id = :id AND c.parent_user_id = :parentUserId', { id: command.childId, parentUserId: parent.userId })
      .getOne() as (Child & { certificate: Certificate | null }) | null;
    if (!child) throw new NotFoundError('Ребёнок');
    const offering = await this.offering(m, command.groupId);
    if (!offering) throw new NotFoundError('Группа');
    const { program, organization } = offering;
    assertEligible(child, offering, program, organization, child.certificate?.status ?? null, this.clock.today());
    // A live duplicate is refused by the partial unique index on (child, program) when the row is inserted (DUPLICATE_APPLICATION).

    // Everything that does not depend on the group's state happens before its lock, which is held until commit.
    const id = randomUUID();
    await this.notifyStaff(m, { id, organizationId: organization.id }, applicationPhrases.newApplication(`${child.lastName} ${child.firstName}`, program.title, offering.name));
    await writeAudit(m, { actorUserId: parent.userId, entityType: 'application', entityId: id, action: 'submit', after: { groupId: offering.id } });

    const group = await this.lockGroup(m, offering.id);
    const [{ submitted, next }] = await m.query(
      `SELECT count(*) FILTER (WHERE status = 'SUBMITTED')::int AS submitted, coalesce(max(waitlist_position), 0) + 1 AS next
         FROM applications WHERE group_id = $1 AND status IN ('SUBMITTED', 'WAITLISTED')`,
      [group.id],
    );
    const full = group.seatsTaken + submitted >= group.capacity;
    const application = m.create(Application, {
      id,
      childId: child.id,
      parentUserId: parent.userId,
      groupId: group.id,
      programId: program.id,
      organizationId: organization.id,
      municipalityId: program.municipalityId,
      status: full ? ApplicationStatus.WAITLISTED : ApplicationStatus.SUBMITTED,
      waitlistPosition: full ? next : null,
      rejectReason: null,
    });
    const names = { childFirstName: child.firstName, programTitle: program.title };
    const notice = full ? applicationPhrases.waitlisted(names, group.name, next) : applicationPhrases.submitted(names);
    const [created] = await m.query(
      `WITH created AS (
         INSERT INTO applications (id, child_id, parent_user_id, group_id, program_id, organization_id, municipality_id, status, waitlist_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, status, submitted_at, updated_at
       ), event AS (
         INSERT INTO application_events (application_id, status, actor_user_id, note) SELECT id, status, $3, $10 FROM created
       )
       SELECT submitted_at, updated_at FROM created`,
      [id, child.id, parent.userId, group.id, program.id, organization.id, program.municipalityId, application.status, application.waitlistPosition, notice.body],
    );
    Object.assign(application, { submittedAt: created.submitted_at, updatedAt: created.updated_at });
    await this.notifications.notify(m, [application.parentUserId], { ...notice, applicationId: application.id });
    return application;
  }

  private async confirm(m: EntityManager, staff: Actor, applicationId: string, now: Date): Promise<Application> {
    const application = await this.lockApplication(m, applicationId, { organizationId: staff.organizationId! });
    this.assertTransition(application, ApplicationStatus.CONFIRMED);
    // Read without locking: takeSeat's conditional update below is what guards the capacity.
    const group = (await this.offering(m, application.groupId))!;
    const { program, organization, municipality } = group;
    const child = (await m
      .createQueryBuilder(Child, 'c')
      .leftJoinAndMapOne('c.certificate', Certificate, 'cert', 'cert.child_id = c.id')
      .innerJoinAndMapOne('c.parent', User, 'u', 'u.id = c.parent_user_id')
      .where('c.id = :id', { id: application.childId })
      .getOne()) as Child & { certificate: Certificate | null; parent: User };
    const { certificate, parent: parentUser } = child;
    assertProgramAvailable(program, organization);
    assertCertificateFits(program.fundingType, certificate?.status ?? null);

    const today = regionDay(now);
    const dates = contractDates(group, today);
    if (!dates) {
      throw new DomainError(EnrollmentErrorCode.OUTSIDE_PERIOD, 'Занятия группы уже закончились: договор заключить нельзя', { groupStartsOn: group.startsOn, groupEndsOn: group.endsOn });
    }
    const plan = await this.funding.plan(m, certificate?.municipalityId ?? child.municipalityId, dates, today);
    this.funding.assertStartFunded(plan, group);
    if (!(await takeSeat(m, group.id))) {
      throw new DomainError(ErrorCode.GROUP_FULL, 'Свободных мест в группе нет', { capacity: group.capacity });
    }

    const share = program.fundingType === FundingType.CERTIFICATE ? certificateMonthlyShare(program) : 0;
    const certificateTotal = share * dates.months;
    const contractId = randomUUID();
    const [{ seq }] = await m.query(`SELECT nextval('contract_number_seq')::int AS seq`);
    const number = contractNumber(municipality.regionCode, municipality.code, Number(today.slice(0, 4)), seq);

    const offerExpiresAt = new Date(now.getTime() + this.settings.config.offerValidDays * 24 * 3600_000);
    const terms = {
      startsOn: dates.startsOn,
      endsOn: dates.endsOn,
      months: dates.months,
      monthlyPrice: program.monthlyPrice,
      certificateMonthlyShare: share,
      parentMonthlyCopayment: program.monthlyPrice - share,
      certificateTotal,
    };
    const text = renderContractText({
      ...terms,
      number,
      organizationName: organization.name,
      organizationAddress: organization.address,
      parentName: parentUser.fullName,
      childName: [child.lastName, child.firstName, child.middleName].filter(Boolean).join(' '),
      childBirthDate: child.birthDate,
      programTitle: program.title,
      groupName: group.name,
      groupAddress: group.address,
      fundingType: program.fundingType,
      certificateNumber: certificate?.number ?? null,
      periods: plan.slices.map((slice) => ({
        year: slice.year,
        months: slice.months,
        certificateAmount: share * slice.months,
        blockedNow: slice.period !== null && slice.period.id === plan.current?.id,
      })),
      offerExpiresAt,
    });
    await m.insert(Contract, {
      ...terms,
      id: contractId,
      number,
      applicationId: application.id,
      childId: child.id,
      parentUserId: application.parentUserId,
      groupId: group.id,
      programId: program.id,
      organizationId: organization.id,
      municipalityId: program.municipalityId,
      certificateId: certificateTotal > 0 ? certificate!.id : null,
      fundingType: program.fundingType,
      status: ContractStatus.OFFERED,
      text,
      offeredAt: now,
      offerExpiresAt,
      updatedAt: now,
    });
    const contract = await m.findOneByOrFail(Contract, { id: contractId });
    const blocked = await this.funding.blockAtOffer(m, contract, plan, staff.userId, `Блокировка по договору № ${number}, «${program.title}»`);
    await this.changeStatus(m, application, ApplicationStatus.CONFIRMED, {
      actorUserId: staff.userId,
      contractId,
      names: { childFirstName: child.firstName, programTitle: program.title },
      notice: (n) => applicationPhrases.confirmed(n, number, offerExpiresAt, blocked),
    });
    await writeAudit(m, { actorUserId: staff.userId, entityType: 'application', entityId: application.id, action: 'confirm', after: { contractId, certificateTotal, blocked } });
    return application;
  }

  /**
   * Ends an application that has not become a contract (rejected, cancelled,
   * expired) and returns what it held: the offer is closed, blocked money
   * unblocked, the seat freed; the group's next waitlisted application moves up.
   */
  private async close(m: EntityManager, application: Application, to: ApplicationStatus, change: StatusChange): Promise<void> {
    this.assertTransition(application, to);
    const from = application.status;
    let contract: Contract | null = null;
    if (from === ApplicationStatus.CONFIRMED) {
      const offer = await m.findOneByOrFail(Contract, { applicationId: application.id });
      contract = await this.lockContract(m, offer.id);
      await execute(m, `UPDATE contracts SET status = $2, closed_at = clock_timestamp(), close_reason = $3, updated_at = clock_timestamp() WHERE id = $1`, [
        contract.id,
        to === ApplicationStatus.EXPIRED ? ContractStatus.EXPIRED : ContractStatus.CANCELLED,
        `${STATUS_NAMES[to]}${change.rejectReason ? `: ${change.rejectReason}` : ''}`,
      ]);
    }
    await this.changeStatus(m, application, to, { ...change, contractId: contract?.id });
    if (from === ApplicationStatus.CONFIRMED) {
      await this.freeSeatAndPromote(m, application.groupId);
    } else if (from === ApplicationStatus.SUBMITTED) {
      await this.promoteWaitlist(m, application.groupId);
    }
    if (contract) await this.funding.cancelAtClose(m, contract, change.actorUserId, `Оферта № ${contract.number} ${STATUS_NAMES[to]}: блокировка снята`);
    await writeAudit(m, { actorUserId: change.actorUserId, entityType: 'application', entityId: application.id, action: to.toLowerCase(), before: { status: from }, after: { status: to } });
  }

  /** Moves waitlisted applications up while the group has room for more pending applications (caller's transaction). */
  private async promoteWaitlist(m: EntityManager, groupId: string): Promise<void> {
    const group = await this.lockGroup(m, groupId);
    const [{ submitted }] = await m.query(`SELECT count(*)::int AS submitted FROM applications WHERE group_id = $1 AND status = 'SUBMITTED'`, [groupId]);
    const room = group.capacity - group.seatsTaken - submitted;
    if (room <= 0) return;
    const next = await m
      .getRepository(Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.group_id = :groupId AND a.status = :status', { groupId, status: ApplicationStatus.WAITLISTED })
      .orderBy('a.waitlist_position', 'ASC')
      .limit(room)
      .getMany();
    for (const application of next) {
      await this.changeStatus(m, application, ApplicationStatus.SUBMITTED, {
        actorUserId: null,
        notice: (n) => applicationPhrases.promoted(n, group.name),
      });
      await this.notifyStaff(m, application, applicationPhrases.promotedForStaff(group.name));
    }
  }

  private assertTransition(application: Application, to: ApplicationStatus): void {
    if (!TRANSITIONS[application.status].includes(to)) {
      throw new InvalidTransitionError(`Заявка ${STATUS_NAMES[application.status]}: действие «${STATUS_NAMES[to]}» для неё невозможно`, {
        from: application.status,
        to,
      });
    }
  }

  private async changeStatus(m: EntityManager, application: Application, to: ApplicationStatus, change: StatusChange): Promise<void> {
    this.assertTransition(application, to);
    const names = change.names ?? (await this.names(m, application));
    const notice = change.notice(names);
    // The status and its history row are written by one statement.
    const [changed]: { updated_at: Date; reject_reason: string | null }[] = await m.query(
      `WITH changed AS (
         UPDATE applications SET status = $2, waitlist_position = $3, reject_reason = coalesce($4, reject_reason), updated_at = clock_timestamp() WHERE id = $1
         RETURNING id, status, updated_at, reject_reason
       ), event AS (
         INSERT INTO application_events (application_id, status, actor_user_id, note) SELECT id, status, $5, $6 FROM changed
       )
       SELECT updated_at, reject_reason FROM changed`,
      [application.id, to, change.waitlistPosition ?? null, change.rejectReason ?? null, change.actorUserId, notice.body],
    );
    Object.assign(application, { status: to, waitlistPosition: change.waitlistPosition ?? null, rejectReason: changed.reject_reason, updatedAt: changed.updated_at });
    await this.notifications.notify(m, [application.parentUserId], { ...notice, applicationId: application.id, contractId: change.contractId });
  }

  private notifyStaff(m: EntityManager, application: Pick<Application, 'id' | 'organizationId'>, phrase: Phrase): Promise<void> {
    return this.notifications.notifyOrganizationStaff(m, application.organizationId, { ...phrase, applicationId: application.id });
  }

  /** A group with its program, organization and the program's municipality, in one query (no lock). */
  private offering(m: EntityManager, groupId: string) {
    return m
      .createQueryBuilder(Group, 'g')
      .innerJoinAndMapOne('g.program', Program, 'p', 'p.id = g.program_id')
      .innerJoinAndMapOne('g.organization', Organization, 'o', 'o.id = p.organization_id')
      .innerJoinAndMapOne('g.municipality', Municipality, 'mu', 'mu.id = p.municipality_id')
      .where('g.id = :groupId', { groupId })
      .getOne() as Promise<(Group & { program: Program; organization: Organization; municipality: Municipality }) | null>;
  }

  private async names(m: EntityManager, application: Application): Promise<ApplicationNames> {
    const [row] = await m.query(`SELECT c.first_name, p.title FROM programs p, children c WHERE p.id = $1 AND c.id = $2`, [application.programId, application.childId]);
    return { childFirstName: row.first_name, programTitle: row.title };
  }

  private duplicateError(): DomainError {
    return new DomainError(EnrollmentErrorCode.DUPLICATE_APPLICATION, 'У ребёнка уже есть действующая заявка или договор по этой программе');
  }

  /** Locks the application row, scoped to its owner in the query itself (another tenant's row is never loaded). */
  private async lockApplication(m: EntityManager, id: string, scope: { organizationId?: string; parentUserId?: string }): Promise<Application> {
    const application = await m
      .getRepository(Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where({ id, ...scope })
      .getOne();
    if (!application) throw new NotFoundError('Заявка');
    return application;
  }

  private lockContract(m: EntityManager, id: string): Promise<Contract> {
    return m.getRepository(Contract).createQueryBuilder('c').setLock('pessimistic_write').where({ id }).getOneOrFail();
  }

  private lockGroup(m: EntityManager, id: string): Promise<Group> {
    return m.getRepository(Group).createQueryBuilder('g').setLock('pessimistic_write').where({ id }).getOneOrFail();
  }

  private applicationById(m: EntityManager, id: string): Promise<Application> {
    return m.findOneByOrFail(Application, { id });
  }
}
