import { DataSource, type EntityManager } from 'typeorm';
import { Clock, regionDay } from '../../common/clock';
import { Service } from '../../common/container';
import { DomainError, ErrorCode, NotFoundError } from '../../common/errors';
import { idempotent } from '../../common/idempotency';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { User } from '../accounts/user.entity';
import { Group } from '../catalog/group.entity';
import { takeSeat } from '../catalog/group-seats';
import { Organization } from '../catalog/organization.entity';
import { Program } from '../catalog/program.entity';
import { Certificate } from '../certificates/certificate.entity';
import { Child } from '../certificates/child.entity';
import { Municipality } from '../municipalities/municipality.entity';
import { ContractOffers, type OfferedChild, type Offering } from '../contracts/contract-offers';
import { applicationPhrases } from '../notifications/phrasebook/applications';
import { Application } from './application.entity';
import { ApplicationTransitions, assertTransition } from './application-transitions';
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
    // One read: the application locked, with its group, program, organization, municipality, child, certificate and parent.
    // The group is read without locking: takeSeat's conditional update below is what guards the capacity.
    const found = (await m
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoinAndMapOne('a.group', Group, 'g', 'g.id = a.group_id')
      .innerJoinAndMapOne('g.program', Program, 'p', 'p.id = g.program_id')
      .innerJoinAndMapOne('g.organization', Organization, 'o', 'o.id = p.organization_id')
      .innerJoinAndMapOne('g.municipality', Municipality, 'mu', 'mu.id = p.municipality_id')
      .innerJoinAndMapOne('a.child', Child, 'c', 'c.id = a.child_id')
      .leftJoinAndMapOne('c.certificate', Certificate, 'cert', 'cert.child_id = c.id')
      .innerJoinAndMapOne('c.parent', User, 'u', 'u.id = c.parent_user_id')
      .setLock('pessimistic_write', undefined, ['a'])
      .where({ id: applicationId, organizationId: staff.organizationId! })
      .getOne()) as (Application & { group: Offering; child: OfferedChild }) | null;
    if (!found) throw new NotFoundError('Заявка');
    const { group, child, ...rest } = found;
    const application = Object.assign(new Application(), rest);
    assertTransition(application, ApplicationStatus.CONFIRMED);
    const { program, organization } = group;
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
      audit: { actorUserId: staff.userId, entityType: 'application', entityId: application.id, action: 'confirm', after: { contractId: contract.id, certificateTotal: contract.certificateTotal, blocked } },
    });
    return application;
  }
}
