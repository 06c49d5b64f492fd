import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { Clock } from '../../common/clock';
import { AppSettings, Service } from '../../common/container';
import { addDays, type IsoDate } from '../../common/dates';
import { DomainError, InvalidTransitionError, NotFoundError } from '../../common/errors';
import { idempotent } from '../../common/idempotency';
import { execute } from '../../common/sql';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { availableOf } from '../certificates/certificate-account.entity';
import { CertificateStatus } from '../certificates/certificates.enums';
import { type HoldOpening, LedgerService } from '../certificates/ledger.service';
import type { FundedPeriod, PeriodFundingListener } from '../certificates/period-funding';
import { CertificatePeriod } from '../municipalities/certificate-period.entity';
import { NotificationService } from '../notifications/notification.service';
import { type ContractNames, fundingPhrases, type UnfundedReason } from '../notifications/phrasebook/funding';
import { Contract } from './contract.entity';
import { ContractFunding, FundingSource, FundingStatus } from './contract-funding.entity';
import { monthsTouched, type PeriodBounds, type SeasonSlice, seasonSlices } from './contract-terms';
import { lockContract, moveContract } from './contract-transitions';
import { ContractStatus } from './contracts.enums';
import { ContractErrorCode } from './contracts.errors';

/** A contract's season cut by financing periods, and which of them is today's. */
export interface FundingPlan {
  slices: SeasonSlice[];
  current: PeriodBounds | null;
}

/** Statuses of contracts that still need their coming periods paid. */
const CONTINUING = [ContractStatus.OFFERED, ContractStatus.ACTIVE, ContractStatus.AWAITING_FUNDING];

/**
 * Funds contracts period by period (DESIGN.md «Seasons across periods»).
 * At the offer only today's period is blocked; when a later period's nominal
 * is credited, every continuing contract of the certificate is funded from it
 * first, in the order the contracts were signed, in the crediting
 * transaction; what cannot be funded waits, seat kept, for the parent's
 * decision. One `contract_fundings` row and one ledger movement per contract
 * and period, with keys derived from both, so reruns change nothing.
 *
 * Lock order: the contract rows, then the certificate account (in the ledger).
 */
@Service()
export class ContractFundingService implements PeriodFundingListener {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AppSettings,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  /** The season of a contract starting on `span.startsOn`, cut by the municipality's periods. */
  async plan(m: EntityManager, municipalityId: string, span: { startsOn: IsoDate; endsOn: IsoDate }, today: IsoDate): Promise<FundingPlan> {
    const periods: PeriodBounds[] = await m
      .getRepository(CertificatePeriod)
      .createQueryBuilder('p')
      .select(['p.id', 'p.year', 'p.startsOn', 'p.endsOn'])
      .where('p.municipality_id = :municipalityId AND p.ends_on >= :from AND p.starts_on <= :to', {
        municipalityId,
        from: span.startsOn < today ? span.startsOn : today,
        to: span.endsOn,
      })
      .getMany();
    return { slices: seasonSlices(span, periods), current: periods.find((p) => p.startsOn <= today && p.endsOn >= today) ?? null };
  }

  /** Refuses a contract whose first day lies in no financing period the municipality has set. */
  assertStartFunded(plan: FundingPlan, group: { startsOn: IsoDate; endsOn: IsoDate }): void {
    const first = plan.slices[0];
    if (!first.period) {
      throw new DomainError(
        ContractErrorCode.OUTSIDE_PERIOD,
        `Муниципалитет ещё не установил период финансирования на ${first.year} год: договор на эти даты пока заключить нельзя`,
        { groupStartsOn: group.startsOn, groupEndsOn: group.endsOn },
      );
    }
  }

  /** At confirmation: blocks the certificate's share of the months in today's period (none for a group starting later). */
  async blockAtOffer(m: EntityManager, contract: Contract, plan: FundingPlan, actorUserId: string, reason: string): Promise<number> {
    const slice = plan.current && plan.slices.find((s) => s.period?.id === plan.current!.id);
    if (!slice || contract.certificateMonthlyShare === 0 || !contract.certificateId) return 0;
    const amount = contract.certificateMonthlyShare * slice.months;
    await this.ledger.block(m, this.opening(contract, slice.period!.id, amount, actorUserId, reason));
    await this.insertFunding(m, contract.id, slice, FundingSource.CERTIFICATE, FundingStatus.BLOCKED, amount);
    return amount;
  }

  /**
   * At signing: what was blocked becomes committed to the organization, and a
   * period credited while the offer waited (with nothing blocked for it) is
   * funded now, or the contract waits for funding from the start.
   */
  async activateAtSigning(m: EntityManager, contract: Contract, actorUserId: string, reason: string, today: IsoDate): Promise<void> {
    const { rows: committed } = await execute<{ period_id: string; covers_today: boolean }>(
      m,
      `UPDATE contract_fundings f SET status = $3, updated_at = $5 FROM certificate_periods p
        WHERE f.contract_id = $1 AND f.status = $2 AND p.id = f.period_id
        RETURNING f.period_id, p.starts_on <= $4::date AND p.ends_on >= $4::date AS covers_today`,
      [contract.id, FundingStatus.BLOCKED, FundingStatus.COMMITTED, today, this.clock.now()],
    );
    for (const funding of committed) {
      await this.ledger.activate(m, { applicationId: contract.applicationId, periodId: funding.period_id }, { actorUserId, reason });
    }
    // Today's period already funds the contract (the usual case): nothing was credited while the offer waited.
    if (committed.some((f) => f.covers_today)) return;
    if (contract.certificateId && contract.certificateMonthlyShare > 0) {
      const [current]: FundedPeriod[] = await m.query(
        `SELECT p.id, p.year, to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') AS "endsOn"
           FROM certificate_periods p JOIN certificates c ON c.municipality_id = p.municipality_id
          WHERE c.id = $1 AND p.starts_on <= $2 AND p.ends_on >= $2`,
        [contract.certificateId, today],
      );
      if (current) await this.settle(m, contract.certificateId, current, contract.id);
    }
  }

  /** An offer that did not go ahead: every block is lifted. */
  async cancelAtClose(m: EntityManager, contract: Contract, actorUserId: string | null, reason: string): Promise<void> {
    for (const funding of await this.fundings(m, contract.id, FundingStatus.BLOCKED)) {
      await this.ledger.unblock(m, { applicationId: contract.applicationId, periodId: funding.periodId }, { actorUserId, reason });
      await this.setFundingStatus(m, funding.id, FundingStatus.CANCELLED);
    }
  }

  /**
   * The period's nominal was credited to the certificate (or withheld): its
   * continuing contracts claim their months of the period first, oldest
   * signature first. Contracts the money does not reach wait for funding.
   */
  async settle(m: EntityManager, certificateId: string, period: FundedPeriod, onlyContractId?: string): Promise<void> {
    const contracts = await m
      .getRepository(Contract)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.certificate_id = :certificateId AND c.status IN (:...statuses) AND c.certificate_monthly_share > 0', { certificateId, statuses: CONTINUING })
      .andWhere('c.starts_on <= :endsOn AND c.ends_on >= :startsOn', { startsOn: period.startsOn, endsOn: period.endsOn })
      .andWhere('NOT EXISTS (SELECT 1 FROM contract_fundings f WHERE f.contract_id = c.id AND f.period_id = :periodId)', { periodId: period.id })
      .andWhere(onlyContractId ? 'c.id = :onlyContractId' : 'true', { onlyContractId })
      .orderBy('c.signed_at', 'ASC', 'NULLS LAST')
      .addOrderBy('c.offered_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    if (contracts.length === 0) return;
    const [certificate]: { status: CertificateStatus; status_before_suspension: CertificateStatus | null }[] = await m.query(
      `SELECT status, status_before_suspension FROM certificates WHERE id = $1`,
      [certificateId],
    );
    // Locked after the contracts (the service's lock order): what is available cannot be taken by a confirmation before the contracts claim it.
    const account = await this.ledger.lockAccount(m, certificateId, period.startsOn);
    const financing = certificate.status === CertificateStatus.FINANCING || certificate.status_before_suspension === CertificateStatus.FINANCING;
    // Not credited yet (a contract signed on 1 January before the night's rollover ran): the rollover credits the
    // certificate, or returns it to ACCOUNTING, and settles these contracts then; waiting now would alarm the parent for nothing.
    if (financing && !account) return;
    let available = certificate.status === CertificateStatus.FINANCING && account ? availableOf(account) : 0;
    for (const contract of contracts) {
      const slice = sliceOf(contract, period);
      const amount = contract.certificateMonthlyShare * slice.months;
      if (amount <= available) {
        await this.fund(m, contract, slice, amount);
        available -= amount;
      } else if (contract.status === ContractStatus.ACTIVE) {
        const reason: UnfundedReason =
          certificate.status === CertificateStatus.SUSPENDED ? 'SUSPENDED' : certificate.status === CertificateStatus.FINANCING && account ? 'TOO_LITTLE' : 'NOT_FINANCING';
        await this.awaitFunding(m, contract, slice, reason);
      }
      // An unsigned offer is left as it is: signing it settles today's period again (activateAtSigning).
    }
  }

  /** Certificates with signed contracts running into the period containing `today` that the period has not settled yet. */
  async unsettled(m: EntityManager, today: IsoDate): Promise<{ certificateId: string; period: FundedPeriod }[]> {
    const rows: { certificate_id: string; id: string; year: number; starts_on: string; ends_on: string }[] = await m.query(
      `SELECT DISTINCT c.certificate_id, p.id, p.year, to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(p.ends_on, 'YYYY-MM-DD') AS ends_on
         FROM contracts c
         JOIN certificates cert ON cert.id = c.certificate_id
         JOIN certificate_periods p ON p.municipality_id = cert.municipality_id AND p.starts_on <= $1 AND p.ends_on >= $1
        WHERE c.status = 'ACTIVE' AND c.certificate_monthly_share > 0 AND c.starts_on <= p.ends_on AND c.ends_on >= p.starts_on
          AND NOT EXISTS (SELECT 1 FROM contract_fundings f WHERE f.contract_id = c.id AND f.period_id = p.id)
        ORDER BY c.certificate_id`,
      [today],
    );
    return rows.map((r) => ({ certificateId: r.certificate_id, period: { id: r.id, year: r.year, startsOn: r.starts_on, endsOn: r.ends_on } }));
  }

  /**
   * The parent of a contract waiting for funding chooses to pay that period's
   * months themselves (co-payment = price); the contract runs on and those
   * months are never charged to the certificate.
   */
  async payContractMyself(actor: Actor | undefined, contractId: string, idempotencyKey?: string | null): Promise<Contract> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.transaction((m) =>
      idempotent(m, parent.userId, idempotencyKey, { operation: 'payContractMyself', args: { contractId } }, (id) => m.findOneByOrFail(Contract, { id }), async () => {
        const contract = await lockContract(m, contractId, { parentUserId: parent.userId });
        if (!contract) throw new NotFoundError('Договор');
        if (contract.status !== ContractStatus.AWAITING_FUNDING) {
          throw new InvalidTransitionError(`Договор № ${contract.number} не ждёт финансирования: решение об оплате не требуется`, { status: contract.status });
        }
        await this.payShareMyself(m, contract, parent.userId);
        return m.findOneByOrFail(Contract, { id: contract.id });
      }),
    );
  }

  private async payShareMyself(m: EntityManager, contract: Contract, actorUserId: string): Promise<void> {
    const period = await m.findOneByOrFail(CertificatePeriod, { id: contract.awaitingPeriodId! });
    const slice = sliceOf(contract, period);
    await this.insertFunding(m, contract.id, slice, FundingSource.PARENT, FundingStatus.COMMITTED, 0);
    await this.resume(m, contract, actorUserId, 'parent-pays');
    const names = await this.names(m, contract);
    await this.notifications.notify(m, [contract.parentUserId], { ...fundingPhrases.parentPays(names, { ...slice, amount: 0 }, contract.monthlyPrice), contractId: contract.id });
  }

  /** Fundings of a contract, oldest period first. */
  fundings(m: EntityManager, contractId: string, status?: FundingStatus): Promise<ContractFunding[]> {
    return m.find(ContractFunding, { where: { contractId, ...(status ? { status } : {}) }, order: { startsOn: 'ASC' } });
  }

  private async fund(m: EntityManager, contract: Contract, slice: SeasonSlice, amount: number): Promise<void> {
    const names = await this.names(m, contract);
    const period = slice.period!;
    if (contract.status === ContractStatus.OFFERED) {
      // Not signed yet: the money is blocked for the offer like the first period's, and activated when the parent signs.
      await this.ledger.block(m, this.opening(contract, period.id, amount, null, `Блокировка по оферте № ${contract.number}, «${names.programTitle}»: ${period.year} год`));
      await this.insertFunding(m, contract.id, slice, FundingSource.CERTIFICATE, FundingStatus.BLOCKED, amount);
      return;
    }
    await this.ledger.commit(m, this.opening(contract, period.id, amount, null, `Резерв по договору № ${contract.number}, «${names.programTitle}» на ${period.year} год`));
    await this.insertFunding(m, contract.id, slice, FundingSource.CERTIFICATE, FundingStatus.COMMITTED, amount);
    if (contract.status === ContractStatus.AWAITING_FUNDING) await this.resume(m, contract, null, 'funded');
    await this.notifications.notify(m, [contract.parentUserId], { ...fundingPhrases.funded(names, { ...slice, year: period.year, amount }), contractId: contract.id });
  }

  /** The hold a contract's months of one period open: keyed by the application and the period, so a retry finds it. */
  private opening(contract: Contract, periodId: string, amount: number, actorUserId: string | null, reason: string): HoldOpening {
    return { certificateId: contract.certificateId!, applicationId: contract.applicationId, contractId: contract.id, periodId, amount, actorUserId, reason };
  }

  private async awaitFunding(m: EntityManager, contract: Contract, slice: SeasonSlice, reason: UnfundedReason): Promise<void> {
    const deadline = addDays(this.clock.today(), this.settings.config.fundingDecisionDays);
    await moveContract(m, contract, ContractStatus.AWAITING_FUNDING, { awaiting: { periodId: slice.period!.id, deadline } });
    await writeAudit(m, {
      actorUserId: null,
      entityType: 'contract',
      entityId: contract.id,
      action: 'await-funding',
      before: { status: contract.status },
      after: { status: ContractStatus.AWAITING_FUNDING, periodId: slice.period!.id, fundingDeadline: deadline, reason },
    });
    const names = await this.names(m, contract);
    const fundedSlice = { ...slice, year: slice.period!.year, amount: contract.certificateMonthlyShare * slice.months };
    await this.notifications.notify(m, [contract.parentUserId], {
      ...fundingPhrases.awaiting(names, fundedSlice, reason, deadline, contract.monthlyPrice),
      contractId: contract.id,
    });
    await this.notifications.notify(m, await this.notifications.staffOf(m, contract.organizationId), {
      ...fundingPhrases.staffAwaiting(names, fundedSlice.year, deadline),
      contractId: contract.id,
    });
  }

  private async resume(m: EntityManager, contract: Contract, actorUserId: string | null, how: string): Promise<void> {
    await moveContract(m, contract, ContractStatus.ACTIVE);
    await writeAudit(m, { actorUserId, entityType: 'contract', entityId: contract.id, action: how, before: { status: contract.status }, after: { status: ContractStatus.ACTIVE } });
  }

  private async insertFunding(m: EntityManager, contractId: string, slice: SeasonSlice, source: FundingSource, status: FundingStatus, amount: number): Promise<void> {
    const now = this.clock.now();
    await m.insert(ContractFunding, {
      contractId,
      periodId: slice.period!.id,
      source,
      status,
      startsOn: slice.startsOn,
      endsOn: slice.endsOn,
      months: slice.months,
      certificateAmount: amount,
      createdAt: now,
      updatedAt: now,
    });
  }

  private async setFundingStatus(m: EntityManager, id: string, status: FundingStatus): Promise<void> {
    await m.update(ContractFunding, { id }, { status, updatedAt: this.clock.now() });
  }

  private async names(m: EntityManager, contract: Contract): Promise<ContractNames> {
    const [row] = await m.query(`SELECT c.first_name, p.title FROM children c, programs p WHERE c.id = $1 AND p.id = $2`, [contract.childId, contract.programId]);
    return { number: contract.number, childFirstName: row.first_name, programTitle: row.title };
  }
}

/** The contract's days inside one period. */
function sliceOf(contract: Pick<Contract, 'startsOn' | 'endsOn'>, period: FundedPeriod): SeasonSlice {
  const startsOn = contract.startsOn > period.startsOn ? contract.startsOn : period.startsOn;
  const endsOn = contract.endsOn < period.endsOn ? contract.endsOn : period.endsOn;
  return { period, year: period.year, startsOn, endsOn, months: monthsTouched(startsOn, endsOn) };
}
