import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { Service } from '../../common/container';
import { Clock } from '../../common/clock';
import type { IsoDate } from '../../common/dates';
import { BadInputError, DomainError, NotFoundError } from '../../common/errors';
import { idempotent } from '../../common/idempotency';
import { formatRub } from '../../common/money';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { LedgerService } from '../certificates/ledger.service';
import { Contract } from '../contracts/contract.entity';
import { ContractStatus } from '../contracts/contracts.enums';
import { NotificationService } from '../notifications/notification.service';
import { CLOSED_INVOICE_STATUSES } from './billing.enums';
import { BillingErrorCode } from './billing.errors';
import { assertMonth, contractDaysIn, firstDayOf, lastDayOf, type Month, monthName, monthOf, prorate, ruDate } from '../../common/months';
import type { ChargeResult, MonthSheet } from './billing.types';
import { Charge } from './charge.entity';
import { fundingForMonth, programTitle } from '../contracts/contract-money';
import { lockContract } from '../contracts/contract-transitions';
import { lockBillingMonth } from './billing-month-lock';
import type { ContractFunding } from '../contracts/contract-funding.entity';
import type { CorrectChargeInput } from './inputs/correct-charge.input';
import type { ChargeItemInput, RecordChargesInput } from './inputs/record-charges.input';
import { Invoice } from './invoice.entity';
import { chargePhrases } from '../notifications/phrasebook/charges';

/**
 * Contracts that may take a charge: running, terminated and charged for months
 * up to their end, or waiting for a new period's funding while the months the
 * earlier period funded are still charged.
 */
const CHARGEABLE_STATUSES = [ContractStatus.ACTIVE, ContractStatus.TERMINATED, ContractStatus.AWAITING_FUNDING];
/** Contracts that appear on a month sheet: every signed one, so charges already taken stay visible. */
const SIGNED_STATUSES = [...CHARGEABLE_STATUSES, ContractStatus.COMPLETED];

/** A charge may be recorded from the first day of its month: the service is paid month by month while the contract runs. */
export function assertMonthStarted(month: Month, today: IsoDate): void {
  if (month > monthOf(today)) {
    throw new DomainError(BillingErrorCode.CHARGE_MONTH_NOT_STARTED, `${capitalize(monthName(month))} ещё не начался: списание за него пока невозможно`, { month });
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function assertLessons(planned: number | null | undefined, attended: number | null | undefined): void {
  if (planned != null && attended != null && attended > planned) {
    throw new BadInputError('Посещённых занятий не может быть больше запланированных', 'lessonsAttended');
  }
}

/**
 * Monthly charges (DESIGN.md rule 4). Each charge is one transaction that
 * takes, in order: the organization's month (advisory lock), the contract
 * row, the month's invoice row, then the certificate account (in the
 * ledger); the amount moves committed → spent in the same transaction.
 */
@Service()
export class ChargeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a month's charges. Every item is its own transaction and gets
   * its own result: one refused contract (over the share, charged already)
   * does not hold back the rest of the organization's month.
   */
  async recordCharges(actor: Actor | undefined, input: RecordChargesInput, today: IsoDate = this.clock.today()): Promise<ChargeResult[]> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    assertMonthStarted(input.month, today);
    const results: ChargeResult[] = [];
    for (const item of input.items) {
      try {
        const { charge, contractNumber } = await this.dataSource.transaction((m) => this.recordIdempotently(m, staff, input.month, item));
        results.push({ contractId: item.contractId, contractNumber, charge, errorCode: null, errorMessage: null });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const contractNumber = typeof err.details.contractNumber === 'string' ? err.details.contractNumber : null;
        results.push({ contractId: item.contractId, contractNumber, charge: null, errorCode: err.code, errorMessage: err.message });
      }
    }
    return results;
  }

  /** Changes a charge while the month's invoice is not approved; the difference is charged, or reversed, through the ledger. */
  async correctCharge(actor: Actor | undefined, input: CorrectChargeInput): Promise<Charge> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    const found = await this.dataSource.getRepository(Charge).findOne({ where: { id: input.chargeId, organizationId: staff.organizationId! } });
    if (!found) throw new NotFoundError('Списание');
    return this.dataSource.transaction(async (m) => {
      await lockBillingMonth(m, found.organizationId, found.month);
      const contract = (await lockContract(m, found.contractId))!;
      const charge = await m.findOneByOrFail(Charge, { id: found.id });
      const invoice = await this.openInvoice(m, contract, charge.month);
      const lessonsPlanned = input.lessonsPlanned === undefined ? charge.lessonsPlanned : input.lessonsPlanned;
      const lessonsAttended = input.lessonsAttended === undefined ? charge.lessonsAttended : input.lessonsAttended;
      assertLessons(lessonsPlanned, lessonsAttended);

      const title = await programTitle(m, contract.programId);
      const diff = input.amount - charge.amount;
      const revision = charge.revision + 1;
      const change = `было ${formatRub(charge.amount)}, стало ${formatRub(input.amount)}`;
      const funding = await this.requireFunding(m, contract, charge.month);
      const hold = { applicationId: contract.applicationId, periodId: funding.periodId };
      const base = { actorUserId: staff.userId, chargeId: charge.id };
      if (diff > 0) {
        this.assertChargeable(contract, charge.month);
        await this.assertWithinLimits(m, contract, funding, charge.month, input.amount, diff);
        await this.ledger.charge(m, hold, {
          ...base,
          amount: diff,
          reason: `Доплата по списанию за ${monthName(charge.month)}, «${title}»: ${formatRub(diff)} (${change})`,
          idempotencyKey: `charge:${charge.id}:${revision}`,
        });
      } else if (diff < 0) {
        await this.ledger.reverse(m, hold, {
          ...base,
          amount: -diff,
          reason: `Исправление списания за ${monthName(charge.month)}, «${title}»: возвращено ${formatRub(-diff)} (${change})`,
          idempotencyKey: `charge:${charge.id}:${revision}`,
        });
        // A completed contract has released its remainder already: what the correction frees goes back to the certificate too.
        if (contract.status === ContractStatus.COMPLETED) {
          await this.ledger.release(m, hold, {
            ...base,
            amount: -diff,
            reason: `Возврат на сертификат по договору № ${contract.number}, «${title}»: договор завершён — ${formatRub(-diff)}`,
            idempotencyKey: `charge:${charge.id}:${revision}:release`,
          });
        }
      }
      await m.query(
        `UPDATE charges SET amount = $2, lessons_planned = $3, lessons_attended = $4, comment = $5, revision = $6, corrected_at = clock_timestamp() WHERE id = $1`,
        [charge.id, input.amount, lessonsPlanned, lessonsAttended, input.comment, revision],
      );
      if (invoice && diff !== 0) {
        await m.query(`UPDATE invoices SET total = total + $2, updated_at = clock_timestamp() WHERE id = $1`, [invoice.id, diff]);
      }
      await writeAudit(m, {
        actorUserId: staff.userId,
        entityType: 'charge',
        entityId: charge.id,
        action: 'correct',
        before: { amount: charge.amount, lessonsPlanned: charge.lessonsPlanned, lessonsAttended: charge.lessonsAttended, comment: charge.comment },
        after: { amount: input.amount, lessonsPlanned, lessonsAttended, comment: input.comment },
      });
      if (diff !== 0) {
        await this.notifications.notify(m, [contract.parentUserId], {
          ...chargePhrases.corrected(title, monthName(charge.month), charge.amount, input.amount, input.comment),
          contractId: contract.id,
        });
      }
      return m.findOneByOrFail(Charge, { id: charge.id });
    });
  }

  /** Every certificate contract of the staff member's organization that runs in the month, with the prefilled amounts and what is charged. */
  async monthSheet(actor: Actor | undefined, month: Month, today: IsoDate = this.clock.today()): Promise<MonthSheet> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    assertMonth(month);
    const organizationId = staff.organizationId!;
    const contracts = await this.dataSource
      .getRepository(Contract)
      .createQueryBuilder('c')
      .where('c.organization_id = :organizationId AND c.status IN (:...statuses) AND c.certificate_total > 0', { organizationId, statuses: SIGNED_STATUSES })
      .andWhere('c.starts_on <= :last AND c.ends_on >= :first', { first: firstDayOf(month), last: lastDayOf(month) })
      .orderBy('c.number')
      .getMany();
    const ids = contracts.map((c) => c.id);
    const [charges, invoices, funded] = await Promise.all([
      ids.length ? this.dataSource.getRepository(Charge).find({ where: { month, contractId: In(ids) } }) : [],
      this.dataSource.getRepository(Invoice).find({ where: { organizationId, month }, order: { municipalityId: 'ASC' } }),
      this.fundedContracts(ids, month),
    ]);
    const byContract = new Map(charges.map((c) => [c.contractId, c]));
    const started = month <= monthOf(today);
    const lines = contracts.map((contract) => {
      const charge = byContract.get(contract.id) ?? null;
      return {
        contract,
        days: contractDaysIn(contract, month),
        proratedShare: prorate(contract.certificateMonthlyShare, contract, month),
        copayment: prorate(contract.parentMonthlyCopayment, contract, month),
        charge,
        funded: funded.has(contract.id),
        chargeable: started && !charge && funded.has(contract.id) && CHARGEABLE_STATUSES.includes(contract.status),
      };
    });
    return {
      month,
      lines,
      uncharged: lines.filter((l) => l.chargeable).length,
      chargedTotal: charges.reduce((sum, c) => sum + c.amount, 0),
      invoices,
    };
  }

  /** Which of the contracts have the month funded from the certificate. */
  private async fundedContracts(contractIds: string[], month: Month): Promise<Set<string>> {
    if (contractIds.length === 0) return new Set();
    const rows: { contract_id: string }[] = await this.dataSource.query(
      `SELECT contract_id FROM contract_fundings
        WHERE contract_id = ANY($1::uuid[]) AND source = 'CERTIFICATE' AND status = 'COMMITTED' AND starts_on <= $3 AND ends_on >= $2`,
      [contractIds, firstDayOf(month), lastDayOf(month)],
    );
    return new Set(rows.map((r) => r.contract_id));
  }

  /** An item sent again with its key returns the charge it made the first time; with other figures it is refused. */
  private recordIdempotently(m: EntityManager, staff: Actor, month: Month, item: ChargeItemInput): Promise<{ id: string; charge: Charge; contractNumber: string }> {
    const { idempotencyKey, ...figures } = item;
    const withNumber = async (charge: Charge) => {
      const [{ number }]: { number: string }[] = await m.query(`SELECT number FROM contracts WHERE id = $1`, [charge.contractId]);
      return { id: charge.id, charge, contractNumber: number };
    };
    return idempotent(
      m,
      staff.userId,
      idempotencyKey,
      { operation: 'recordCharge', args: { month, ...figures } },
      async (id) => withNumber(await m.findOneByOrFail(Charge, { id })),
      async () => {
        const { charge, contract } = await this.recordOne(m, staff, month, item);
        return { id: charge.id, charge, contractNumber: contract.number };
      },
    );
  }

  private async recordOne(m: EntityManager, staff: Actor, month: Month, item: ChargeItemInput): Promise<{ charge: Charge; contract: Contract }> {
    await lockBillingMonth(m, staff.organizationId!, month);
    const contract = await lockContract(m, item.contractId, { organizationId: staff.organizationId! });
    if (!contract) throw new NotFoundError('Договор');
    this.assertChargeable(contract, month);
    assertLessons(item.lessonsPlanned, item.lessonsAttended);
    const existing = await m.findOneBy(Charge, { contractId: contract.id, month });
    if (existing) {
      throw new DomainError(BillingErrorCode.CHARGE_EXISTS, `По договору № ${contract.number} за ${monthName(month)} уже есть списание: исправьте его, а не добавляйте новое`, {
        contractNumber: contract.number,
        chargeId: existing.id,
      });
    }
    const funding = await this.requireFunding(m, contract, month);
    await this.assertWithinLimits(m, contract, funding, month, item.amount, item.amount);
    const invoice = await this.openInvoice(m, contract, month);

    const charge = m.create(Charge, {
      id: randomUUID(),
      contractId: contract.id,
      organizationId: contract.organizationId,
      municipalityId: contract.municipalityId,
      certificateId: contract.certificateId!,
      month,
      amount: item.amount,
      copayment: prorate(contract.parentMonthlyCopayment, contract, month),
      lessonsPlanned: item.lessonsPlanned ?? null,
      lessonsAttended: item.lessonsAttended ?? null,
      comment: item.comment ?? null,
      invoiceId: invoice?.id ?? null,
      revision: 0,
      recordedByUserId: staff.userId,
    });
    await m.insert(Charge, charge);
    const title = await programTitle(m, contract.programId);
    const line = `Списание за ${monthName(month)}, «${title}», ${formatRub(item.amount)}`;
    if (item.amount > 0) {
      await this.ledger.charge(m, { applicationId: contract.applicationId, periodId: funding.periodId }, {
        amount: item.amount,
        actorUserId: staff.userId,
        reason: line,
        chargeId: charge.id,
        idempotencyKey: `charge:${charge.id}:0`,
      });
    }
    if (invoice) {
      await m.query(`UPDATE invoices SET total = total + $2, charge_count = charge_count + 1, updated_at = clock_timestamp() WHERE id = $1`, [invoice.id, item.amount]);
    }
    await writeAudit(m, { actorUserId: staff.userId, entityType: 'charge', entityId: charge.id, action: 'record', after: { contractId: contract.id, month, amount: item.amount } });
    await this.notifications.notify(m, [contract.parentUserId], {
      ...chargePhrases.recorded(title, contract.number, monthName(month), item.amount, charge.copayment),
      contractId: contract.id,
    });
    return { charge: await m.findOneByOrFail(Charge, { id: charge.id }), contract };
  }

  private assertChargeable(contract: Contract, month: Month): void {
    const details = { contractNumber: contract.number, status: contract.status };
    if (!CHARGEABLE_STATUSES.includes(contract.status)) {
      throw new DomainError(BillingErrorCode.CONTRACT_NOT_CHARGEABLE, `Договор № ${contract.number} не действует: списание по нему невозможно`, details);
    }
    if (contract.certificateTotal === 0) {
      throw new DomainError(BillingErrorCode.CONTRACT_NOT_CHARGEABLE, `Договор № ${contract.number} не оплачивается сертификатом`, details);
    }
    if (month < monthOf(contract.startsOn) || month > monthOf(contract.endsOn)) {
      throw new DomainError(
        BillingErrorCode.CHARGE_OUTSIDE_CONTRACT,
        `Договор № ${contract.number} действует с ${ruDate(contract.startsOn)} по ${ruDate(contract.endsOn)}: за ${monthName(month)} списать по нему нельзя`,
        { ...details, startsOn: contract.startsOn, endsOn: contract.endsOn },
      );
    }
  }

  /** The funding that pays the month: a month no period funded (waiting for funding, or paid by the parent) is never charged to the certificate. */
  private async requireFunding(m: EntityManager, contract: Contract, month: Month): Promise<ContractFunding> {
    const funding = await fundingForMonth(m, contract.id, month);
    if (!funding) {
      throw new DomainError(
        BillingErrorCode.CHARGE_MONTH_NOT_FUNDED,
        `За ${monthName(month)} договор № ${contract.number} не оплачен из сертификата: период финансирования его не профинансировал` +
          (contract.status === ContractStatus.AWAITING_FUNDING ? ' (договор ждёт финансирования или решения родителя)' : ''),
        { contractNumber: contract.number, month },
      );
    }
    return funding;
  }

  /** `amount` within the month's prorated share; `added` (what moves now) within what the contract still holds committed in the month's period. */
  private async assertWithinLimits(m: EntityManager, contract: Contract, funding: ContractFunding, month: Month, amount: number, added: number): Promise<void> {
    const cap = prorate(contract.certificateMonthlyShare, contract, month);
    if (amount > cap) {
      throw new DomainError(
        BillingErrorCode.CHARGE_OVER_SHARE,
        `По договору № ${contract.number} за ${monthName(month)} с сертификата можно списать не больше ${formatRub(cap)}, указано ${formatRub(amount)}`,
        { contractNumber: contract.number, limit: cap, amount },
      );
    }
    const committed = (await this.ledger.hold(m, { applicationId: contract.applicationId, periodId: funding.periodId }))?.committed ?? 0;
    if (added > committed) {
      throw new DomainError(
        BillingErrorCode.CHARGE_OVER_COMMITTED,
        `По договору № ${contract.number} на сертификате зарезервировано только ${formatRub(committed)}, а списать нужно ${formatRub(added)}`,
        { contractNumber: contract.number, committed, required: added },
      );
    }
  }

  /** The month's invoice for the contract's municipality, locked; refuses when it is already approved or paid. */
  private async openInvoice(m: EntityManager, contract: Contract, month: Month): Promise<Invoice | null> {
    const invoice = await m
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where({ organizationId: contract.organizationId, municipalityId: contract.municipalityId, month })
      .getOne();
    if (invoice && CLOSED_INVOICE_STATUSES.includes(invoice.status)) {
      throw new DomainError(
        BillingErrorCode.INVOICE_CLOSED,
        `Счёт за ${monthName(month)} уже ${invoice.status === 'PAID' ? 'оплачен' : 'утверждён'} МОЦ: списания этого месяца больше не меняются`,
        { contractNumber: contract.number, invoiceId: invoice.id, status: invoice.status },
      );
    }
    return invoice;
  }
}
