import { DataSource, type EntityManager } from 'typeorm';
import { Clock, regionDay } from '../../common/clock';
import { EntityRows } from '../../common/entity-rows';
import { Service } from '../../common/container';
import { DomainError, ErrorCode, NotFoundError } from '../../common/errors';
import { idempotent } from '../../common/idempotency';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { User } from '../accounts/user.entity';
import { takeSeat } from '../catalog/group-seats';
import { Certificate } from '../certificates/certificate.entity';
import { Child } from '../certificates/child.entity';
import { ContractOffers, type OfferedChild, type Offering } from '../contracts/contract-offers';
import { applicationPhrases } from '../notifications/phrasebook/applications';
import { Application } from './application.entity';
import { ApplicationTransitions, assertTransition } from './application-transitions';
import { assertCertificateFits, assertProgramAvailable } from './enrollment-rules';
import { ApplicationStatus } from './enrollment.enums';
import { OfferingRows } from './offering-rows';

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
    const found = await this.readLocked(m, applicationId, staff.organizationId!);
    if (!found) throw new NotFoundError('Заявка');
    const { application, group, child } = found;
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
  private async readLocked(m: EntityManager, applicationId: string, organizationId: string): Promise<{ application: Application; group: Offering; child: OfferedChild } | null> {
    const ds = m.connection;
    const [applications, offerings, children, certificates, parents] = [
      new EntityRows(ds, Application, 'a_'),
      new OfferingRows(ds),
      new EntityRows(ds, Child, 'c_'),
      new EntityRows(ds, Certificate, 'cert_'),
      new EntityRows(ds, User, 'u_'),
    ];
    const [row] = await m.query(
      `SELECT ${applications.select('a')}, ${offerings.select()}, ${children.select('c')}, ${certificates.select('cert')}, ${parents.select('u')}
         FROM applications a JOIN groups g ON g.id = a.group_id ${OfferingRows.JOINS}
         JOIN children c ON c.id = a.child_id LEFT JOIN certificates cert ON cert.child_id = c.id JOIN users u ON u.id = c.parent_user_id
        WHERE a.id = $1 AND a.organization_id = $2
          FOR UPDATE OF a`,
      [applicationId, organizationId],
    );
    if (!row) return null;
    return {
      application: applications.hydrate(row),
      group: offerings.hydrate(row),
      child: Object.assign(children.hydrate(row), { certificate: row.cert_id == null ? null : certificates.hydrate(row), parent: parents.hydrate(row) }),
    };
  }
}
