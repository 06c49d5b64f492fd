import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { Clock, regionDay } from '../../common/clock';
import { Service } from '../../common/container';
import { DomainError, ErrorCode } from '../../common/errors';
import { idempotent } from '../../common/idempotency';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { User } from '../accounts/user.entity';
import { takeSeat } from '../catalog/group-seats';
import { Certificate } from '../certificates/certificate.entity';
import { Child } from '../certificates/child.entity';
import { ContractOffers, type OfferedChild } from '../contracts/contract-offers';
import { applicationPhrases } from '../notifications/phrasebook/applications';
import { Application } from './application.entity';
import { ApplicationTransitions, assertTransition, findOffering, lockApplication } from './application-transitions';
import { assertCertificateFits, assertProgramAvailable } from './enrollment-rules';
import { ApplicationStatus } from './enrollment.enums';

/**
 * The organization confirms an application (DESIGN.md «Confirmation»), in
 * one transaction: SUBMITTED → CONFIRMED, the seat taken, and the contract
 * offer made by the contracts module, which blocks today's period's months
 * on the certificate.
 */
@Service()
export class ApplicationConfirmation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: ContractOffers,
    private readonly transitions: ApplicationTransitions,
    private readonly clock: Clock,
  ) {}

  async confirmApplication(actor: Actor | undefined, applicationId: string, idempotencyKey?: string | null, now = this.clock.now()): Promise<Application> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    return this.dataSource.transaction((m) =>
      idempotent(m, staff.userId, idempotencyKey, { operation: 'confirmApplication', args: { applicationId } }, (id) => m.findOneByOrFail(Application, { id }), () => this.confirm(m, staff, applicationId, now)),
    );
  }

  private async confirm(m: EntityManager, staff: Actor, applicationId: string, now: Date): Promise<Application> {
    const application = await lockApplication(m, applicationId, { organizationId: staff.organizationId! });
    assertTransition(application, ApplicationStatus.CONFIRMED);
    // Read without locking: takeSeat's conditional update below is what guards the capacity.
    const group = (await findOffering(m, application.groupId))!;
    const { program, organization } = group;
    const child = (await m
      .createQueryBuilder(Child, 'c')
      .leftJoinAndMapOne('c.certificate', Certificate, 'cert', 'cert.child_id = c.id')
      .innerJoinAndMapOne('c.parent', User, 'u', 'u.id = c.parent_user_id')
      .where('c.id = :id', { id: application.childId })
      .getOne()) as OfferedChild;
    assertProgramAvailable(program, organization);
    assertCertificateFits(program.fundingType, child.certificate?.status ?? null);

    const season = await this.offers.season(m, group, child.certificate?.municipalityId ?? child.municipalityId, regionDay(now));
    if (!(await takeSeat(m, group.id))) {
      throw new DomainError(ErrorCode.GROUP_FULL, 'Свободных мест в группе нет', { capacity: group.capacity });
    }
    const { contract, blocked } = await this.offers.offer(m, staff, application, group, child, season, now);
    await this.transitions.changeStatus(m, application, ApplicationStatus.CONFIRMED, {
      actorUserId: staff.userId,
      contractId: contract.id,
      names: { childFirstName: child.firstName, programTitle: program.title },
      notice: (n) => applicationPhrases.confirmed(n, contract.number, contract.offerExpiresAt, blocked),
    });
    await writeAudit(m, { actorUserId: staff.userId, entityType: 'application', entityId: application.id, action: 'confirm', after: { contractId: contract.id, certificateTotal: contract.certificateTotal, blocked } });
    return application;
  }
}
