import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { AppSettings, Service } from '../../common/container';
import { Clock } from '../../common/clock';
import type { IsoDate } from '../../common/dates';
import { NotFoundError } from '../../common/errors';
import { formatRub } from '../../common/money';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { holdKey, LedgerService } from '../certificates/ledger.service';
import { NotificationService } from '../notifications/notification.service';
import { lastDayOf, monthOf, monthsFromTo, prorate, ruDate } from '../../common/months';
import { ContractApplications } from './contract-applications';
import { Contract } from './contract.entity';
import type { ContractFunding } from './contract-funding.entity';
import { committedFundings, programTitle } from './contract-money';
import { canMove, lockContract, moveContract } from './contract-transitions';
import { ContractStatus } from './contracts.enums';
import type { ApplicationNames } from '../notifications/phrasebook/applications';
import { contractPhrases, type TerminatedBy } from '../notifications/phrasebook/contracts';
import type { TerminateContractInput } from './inputs/terminate-contract.input';

const COMPLETION_BATCH = 200;

/**
 * How contracts end (DESIGN.md rule 5). Termination and completion lock in
 * enrollment's order: the application row, the contract, the group (freeing
 * the seat moves the waitlist up, on the application side), then the
 * certificate account. Billing calls in here; nothing here calls billing.
 *
 * A terminated contract frees its seat at once, not at the end of the month:
 * the family has left, and the next child on the waitlist gets the place
 * (and an offer starting today) without waiting for the month to run out.
 * The contract itself still runs, and may be charged, to the end of the month.
 */
@Service()
export class ContractClosingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AppSettings,
    private readonly ledger: LedgerService,
    private readonly applications: ContractApplications,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  /**
   * Terminates an active contract at the end of the current month (or its
   * own end, if sooner). The months after that are released to the
   * certificate at once; what the months up to then may still be charged
   * (their prorated share less what is charged already) stays committed.
   */
  async terminateContract(actor: Actor | undefined, input: TerminateContractInput, today: IsoDate = this.clock.today()): Promise<Contract> {
    const user = requireRole(actor, Role.PARENT, Role.PROVIDER_STAFF);
    const scope = user.role === Role.PARENT ? { parentUserId: user.userId } : { organizationId: user.organizationId! };
    const found = await this.dataSource.getRepository(Contract).findOne({ where: { id: input.contractId, ...scope } });
    if (!found) throw new NotFoundError('Договор');
    return this.dataSource.transaction(async (m) => {
      await this.applications.lock(m, found.applicationId);
      const contract = (await lockContract(m, found.id))!;
      const by = user.role === Role.PARENT ? 'PARENT' : 'ORGANIZATION';
      const { names, endsOn } = await this.terminate(m, contract, lastDayOf(monthOf(today)), today, user.userId, input.reason, by);
      if (user.role === Role.PARENT) {
        await this.notifications.notify(m, await this.notifications.staffOf(m, contract.organizationId), {
          ...contractPhrases.terminatedByParent(names, contract.number, endsOn, input.reason),
          contractId: contract.id,
        });
      }
      return m.findOneByOrFail(Contract, { id: contract.id });
    });
  }

  /**
   * Ends every contract whose parent let the funding decision's deadline pass
   * without choosing: at the end of the deadline's month, with the usual
   * release and waitlist promotion. Each is its own transaction re-checked
   * under lock, so reruns change nothing.
   */
  async endUndecidedContracts(today: IsoDate = this.clock.today(), stopping?: AbortSignal): Promise<number> {
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM contracts WHERE status = 'AWAITING_FUNDING' AND funding_deadline < $1 ORDER BY funding_deadline, id`,
      [today],
    );
    let ended = 0;
    for (const row of due) {
      if (stopping?.aborted) break;
      try {
        ended += await this.dataSource.transaction(async (m) => {
          const { applicationId } = await m.findOneByOrFail(Contract, { id: row.id });
          await this.applications.lock(m, applicationId);
          const contract = (await lockContract(m, row.id))!;
          if (contract.status !== ContractStatus.AWAITING_FUNDING || contract.fundingDeadline! >= today) return 0;
          const reason = `родитель не выбрал способ оплаты до ${ruDate(contract.fundingDeadline!)}, а период финансирования договор не оплатил`;
          await this.terminate(m, contract, lastDayOf(monthOf(contract.fundingDeadline!)), today, null, reason, 'NO_DECISION');
          return 1;
        });
      } catch (err) {
        this.settings.logger.error({ err, contractId: row.id }, 'could not end a contract waiting for funding');
      }
    }
    return ended;
  }

  /**
   * Ends the contract at `monthEnd` (or its own end, if sooner): every
   * period's money for the months after that is released at once, and the
   * months up to then keep their prorated share less what is already
   * charged. Returns whose contract it was and its new end, for further notices.
   */
  private async terminate(
    m: EntityManager,
    contract: Contract,
    monthEnd: IsoDate,
    today: IsoDate,
    actorUserId: string | null,
    reason: string,
    by: TerminatedBy,
  ): Promise<{ names: ApplicationNames; endsOn: IsoDate }> {
    const currentMonth = monthOf(today);
    // A contract that has not started yet ends on its first day, keeping nothing: no service was given.
    const capped = contract.endsOn < monthEnd ? contract.endsOn : monthEnd;
    const endsOn = capped < contract.startsOn ? contract.startsOn : capped;
    const span = { startsOn: contract.startsOn, endsOn };
    // Billing's table, read as data: contracts never call billing, but what was charged limits what a termination keeps.
    const charged = new Map<string, number>(
      (await m.query(`SELECT month, amount FROM charges WHERE contract_id = $1`, [contract.id])).map((r: { month: string; amount: string }) => [r.month, Number(r.amount)]),
    );
    const title = await programTitle(m, contract.programId);
    const releases: { funding: ContractFunding; amount: number }[] = [];
    const holds = await this.heldByPeriod(m, contract.id);
    // The contract row is locked and every movement of its money locks it first: what its holds keep committed stands until the releases below.
    for (const funding of await committedFundings(m, contract.id)) {
      const last = funding.endsOn < endsOn ? funding.endsOn : endsOn;
      const kept = funding.startsOn > endsOn ? 0 : monthsFromTo(monthOf(funding.startsOn), monthOf(last))
        .filter((month) => month <= currentMonth)
        .reduce((sum, month) => sum + Math.max(0, prorate(contract.certificateMonthlyShare, span, month) - (charged.get(month) ?? 0)), 0);
      const amount = Math.max(0, (holds.get(funding.periodId) ?? 0) - kept);
      if (amount > 0) releases.push({ funding, amount });
    }
    const released = releases.reduce((sum, r) => sum + r.amount, 0);

    await moveContract(m, contract, ContractStatus.TERMINATED, { endsOn, closeReason: reason }, `Договор № ${contract.number} не действует: расторгнуть его нельзя`);
    const names = await this.applications.ended(m, contract.applicationId, actorUserId, (n) => contractPhrases.terminated(n, contract.number, by, endsOn, reason, released));
    for (const { funding, amount } of releases) {
      const hold = { applicationId: contract.applicationId, periodId: funding.periodId };
      await this.ledger.release(m, hold, {
        amount,
        actorUserId,
        reason: `Возврат на сертификат по договору № ${contract.number}, «${title}»: договор расторгнут, действует по ${ruDate(endsOn)} — ${formatRub(amount)}`,
        idempotencyKey: holdKey(hold, 'terminate'),
      });
    }
    await writeAudit(m, {
      actorUserId,
      entityType: 'contract',
      entityId: contract.id,
      action: 'terminate',
      before: { status: contract.status, endsOn: contract.endsOn },
      after: { status: ContractStatus.TERMINATED, endsOn, reason, released },
    });
    return { names, endsOn };
  }

  /**
   * Completes every contract whose end date passed by `today` (active and
   * terminated ones alike) and releases what is still committed to it. Each
   * contract is its own transaction re-checked under lock, so running twice,
   * or on two processes at once, changes nothing the second time.
   */
  async completeEndedContracts(today: IsoDate = this.clock.today(), stopping?: AbortSignal): Promise<number> {
    let completed = 0;
    for (;;) {
      const due: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM contracts WHERE status IN ('ACTIVE','TERMINATED','AWAITING_FUNDING') AND ends_on < $1 ORDER BY ends_on, id LIMIT $2`,
        [today, COMPLETION_BATCH],
      );
      let progressed = 0;
      for (const row of due) {
        if (stopping?.aborted) return completed + progressed;
        try {
          progressed += await this.dataSource.transaction((m) => this.complete(m, row.id, today));
        } catch (err) {
          this.settings.logger.error({ err, contractId: row.id }, 'could not complete a contract');
        }
      }
      completed += progressed;
      if (due.length < COMPLETION_BATCH || progressed === 0) return completed;
    }
  }

  private async complete(m: EntityManager, contractId: string, today: IsoDate): Promise<number> {
    const { applicationId } = await m.findOneByOrFail(Contract, { id: contractId });
    await this.applications.lock(m, applicationId);
    const contract = (await lockContract(m, contractId))!;
    if (!canMove(contract.status, ContractStatus.COMPLETED) || contract.endsOn >= today) return 0;
    await moveContract(m, contract, ContractStatus.COMPLETED);
    const title = await programTitle(m, contract.programId);
    const remainders: { funding: ContractFunding; amount: number }[] = [];
    const holds = await this.heldByPeriod(m, contract.id);
    for (const funding of await committedFundings(m, contract.id)) {
      const amount = holds.get(funding.periodId) ?? 0;
      if (amount > 0) remainders.push({ funding, amount });
    }
    const remainder = remainders.reduce((sum, r) => sum + r.amount, 0);
    if (contract.status !== ContractStatus.TERMINATED) {
      await this.applications.ended(m, contract.applicationId, null, (n) => contractPhrases.completed(n, contract.number, contract.endsOn, remainder));
    } else if (remainder > 0) {
      // A terminated contract ended its enrollment (and told the parent) when it was terminated; only the remainder is news.
      const [names] = await m.query(`SELECT c.first_name AS "childFirstName", p.title AS "programTitle" FROM children c, programs p WHERE c.id = $1 AND p.id = $2`, [
        contract.childId,
        contract.programId,
      ]);
      await this.notifications.notify(m, [contract.parentUserId], { ...contractPhrases.remainderReturned(names, contract.number, contract.endsOn, remainder), contractId: contract.id });
    }
    // Each hold's remainder is released once, whatever runs this again (the ledger's close step).
    for (const { funding, amount } of remainders) {
      await this.ledger.close(m, { applicationId: contract.applicationId, periodId: funding.periodId }, {
        actorUserId: null,
        reason: `Возврат остатка на сертификат по договору № ${contract.number}, «${title}»: договор завершён ${ruDate(contract.endsOn)} — ${formatRub(amount)}`,
      });
    }
    await writeAudit(m, { actorUserId: null, entityType: 'contract', entityId: contract.id, action: 'complete', before: { status: contract.status }, after: { status: ContractStatus.COMPLETED, released: remainder } });
    return 1;
  }

  /** What each of the contract's holds still keeps committed, by period. */
  private async heldByPeriod(m: EntityManager, contractId: string): Promise<Map<string, number>> {
    return new Map((await this.ledger.holdsOf(m, contractId)).map((h) => [h.periodId, h.committed]));
  }
}
