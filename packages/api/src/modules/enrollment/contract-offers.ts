import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { regionDay } from '../../common/clock';
import { AppSettings, Service } from '../../common/container';
import { DomainError, ErrorCode } from '../../common/errors';
import type { Actor } from '../accounts/actor';
import { User } from '../accounts/user.entity';
import { FundingType } from '../catalog/catalog.enums';
import { certificateMonthlyShare } from '../catalog/certificate-terms';
import { takeSeat } from '../catalog/group-seats';
import { Certificate } from '../certificates/certificate.entity';
import { Child } from '../certificates/child.entity';
import { applicationPhrases } from '../notifications/phrasebook/applications';
import type { Application } from './application.entity';
import { ApplicationTransitions, assertTransition, findOffering, lockApplication } from './application-transitions';
import { Contract } from './contract.entity';
import { ContractFundingService } from './contract-funding.service';
import { contractDates, contractNumber, renderContractText } from './contract-terms';
import { assertCertificateFits, assertProgramAvailable } from './enrollment-rules';
import { ApplicationStatus, ContractStatus } from './enrollment.enums';
import { EnrollmentErrorCode } from './enrollment.errors';

/** The organization's confirmation: the contract offer, its number, text and terms, and the money it blocks. */
@Service()
export class ContractOffers {
  constructor(
    private readonly settings: AppSettings,
    private readonly funding: ContractFundingService,
    private readonly transitions: ApplicationTransitions,
  ) {}

  /**
   * SUBMITTED → CONFIRMED with a contract offer for the group's season: the
   * seat is taken, today's period's months are blocked on the certificate and
   * the parent gets the offer to sign (caller's transaction).
   */
  async offer(m: EntityManager, staff: Actor, applicationId: string, now: Date): Promise<Application> {
    const application = await lockApplication(m, applicationId, { organizationId: staff.organizationId! });
    assertTransition(application, ApplicationStatus.CONFIRMED);
    // Read without locking: takeSeat's conditional update below is what guards the capacity.
    const group = (await findOffering(m, application.groupId))!;
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
    await this.transitions.changeStatus(m, application, ApplicationStatus.CONFIRMED, {
      actorUserId: staff.userId,
      contractId,
      names: { childFirstName: child.firstName, programTitle: program.title },
      notice: (n) => applicationPhrases.confirmed(n, number, offerExpiresAt, blocked),
    });
    await writeAudit(m, { actorUserId: staff.userId, entityType: 'application', entityId: application.id, action: 'confirm', after: { contractId, certificateTotal, blocked } });
    return application;
  }
}
