import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { Clock, regionDay } from '../../common/clock';
import { AppSettings, Service } from '../../common/container';
import type { IsoDate } from '../../common/dates';
import { DomainError, NotFoundError } from '../../common/errors';
import { idempotent } from '../../common/idempotency';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import type { User } from '../accounts/user.entity';
import { FundingType } from '../catalog/catalog.enums';
import { certificateMonthlyShare } from '../catalog/certificate-terms';
import type { Group } from '../catalog/group.entity';
import type { Organization } from '../catalog/organization.entity';
import type { Program } from '../catalog/program.entity';
import type { Certificate } from '../certificates/certificate.entity';
import type { Child } from '../certificates/child.entity';
import type { Municipality } from '../municipalities/municipality.entity';
import { ContractApplications } from './contract-applications';
import { Contract } from './contract.entity';
import { ContractFundingService, type FundingPlan } from './contract-funding.service';
import { type ContractDates, contractDates, contractNumber, renderContractText } from './contract-terms';
import { lockContract, moveContract } from './contract-transitions';
import { ContractStatus } from './contracts.enums';
import { ContractErrorCode } from './contracts.errors';

/** The group a contract is offered for, with what its terms are copied from. */
export type Offering = Group & { program: Program; organization: Organization; municipality: Municipality };

/** The child the contract is for, with the certificate that pays and the parent who signs. */
export type OfferedChild = Child & { certificate: Certificate | null; parent: User };

/** A contract's season: its dates and their financing periods. */
export interface OfferSeason {
  dates: ContractDates;
  plan: FundingPlan;
}

/**
 * Offers and signatures (DESIGN.md «Enrollment»): the contract offer made
 * when the organization confirms an application, its number, text and
 * terms and the money it blocks; the parent's signature; an offer withdrawn
 * with its application.
 */
@Service()
export class ContractOffers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AppSettings,
    private readonly funding: ContractFundingService,
    private readonly applications: ContractApplications,
    private readonly clock: Clock,
  ) {}

  /** The season a contract offered `today` would run for, refused (OUTSIDE_PERIOD) when it has ended or no financing period covers its start. */
  async season(m: EntityManager, group: Offering, municipalityId: string, today: IsoDate): Promise<OfferSeason> {
    const dates = contractDates(group, today);
    if (!dates) {
      throw new DomainError(ContractErrorCode.OUTSIDE_PERIOD, 'Занятия группы уже закончились: договор заключить нельзя', { groupStartsOn: group.startsOn, groupEndsOn: group.endsOn });
    }
    const plan = await this.funding.plan(m, municipalityId, dates, today);
    this.funding.assertStartFunded(plan, group);
    return { dates, plan };
  }

  /**
   * The offer for the group's season (caller's transaction, the seat
   * already taken): the contract with its number and text, and today's
   * period's months blocked on the certificate. Returns the contract and
   * the sum blocked.
   */
  async offer(m: EntityManager, staff: Actor, application: { id: string; parentUserId: string }, group: Offering, child: OfferedChild, season: OfferSeason, now: Date): Promise<{ contract: Contract; blocked: number }> {
    const { program, organization, municipality } = group;
    const { certificate, parent: parentUser } = child;
    const { dates, plan } = season;
    const today = regionDay(now);
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
    // Inserted from the entity, which the INSERT's RETURNING completes: no second read.
    const contract = m.create(Contract, {
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
    await m.insert(Contract, contract);
    const blocked = await this.funding.blockAtOffer(m, contract, plan, staff.userId, `Блокировка по договору № ${number}, «${program.title}»`);
    return { contract, blocked };
  }

  /** The parent signs the offer: blocked money becomes committed to the organization, the child is enrolled. */
  async signContract(actor: Actor | undefined, contractId: string, idempotencyKey?: string | null, now = this.clock.now()): Promise<Contract> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.transaction((m) =>
      idempotent(m, parent.userId, idempotencyKey, { operation: 'signContract', args: { contractId } }, (id) => m.findOneByOrFail(Contract, { id }), async () => {
        // The application first, found through the parent's own contract: the lock order, and no read of the contract before its lock.
        const application = await this.applications.lockOfContract(m, contractId, parent.userId);
        const contract = application && (await lockContract(m, contractId, { parentUserId: parent.userId }));
        if (!contract) throw new NotFoundError('Договор');
        if (contract.status === ContractStatus.OFFERED && contract.offerExpiresAt <= now) {
          throw new DomainError(ContractErrorCode.OFFER_EXPIRED, 'Срок подписания договора истёк: подайте заявку заново', { offerExpiresAt: contract.offerExpiresAt });
        }
        const signed = await moveContract(m, contract, ContractStatus.ACTIVE, { signedAt: now }, 'Этот договор уже нельзя подписать');
        await this.funding.activateAtSigning(m, contract, parent.userId, `Договор № ${contract.number} подписан: средства зарезервированы для организации`, regionDay(now));
        await this.applications.enrolled(m, contract, application, parent.userId);
        await writeAudit(m, { actorUserId: parent.userId, entityType: 'contract', entityId: contract.id, action: 'sign', before: { status: contract.status }, after: { status: ContractStatus.ACTIVE } });
        return signed;
      }),
    );
  }

  /**
   * The offer of an application that ends unsigned (rejected, cancelled,
   * expired) closes as EXPIRED or CANCELLED with the reason (caller's
   * transaction, the application row locked). Its blocks are lifted by
   * `ContractFundingService.cancelAtClose` once the seat is freed (lock order).
   */
  async withdraw(m: EntityManager, applicationId: string, to: ContractStatus.EXPIRED | ContractStatus.CANCELLED, reason: string): Promise<Contract> {
    const offer = await m.findOneByOrFail(Contract, { applicationId });
    const contract = (await lockContract(m, offer.id))!;
    await moveContract(m, contract, to, { closeReason: reason });
    return contract;
  }
}
