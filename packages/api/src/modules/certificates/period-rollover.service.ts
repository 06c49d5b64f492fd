import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { Service } from '../../common/container';
import { Clock } from '../../common/clock';
import { execute } from '../../common/sql';
import { financingCreditKey } from './certificate.service';
import { CertificateStatus } from './certificates.enums';
import { LedgerService } from './ledger.service';
import { PeriodFundingListeners } from './period-funding';

export interface RolloverResult {
  /** Accounts of ended periods whose available money expired. */
  expired: number;
  /** Financing certificates credited with the new period's nominal. */
  credited: number;
  /** Financing certificates that found the new period's limit used up. */
  returnedToAccounting: number;
  /** Certificates past their validity: the child turned 18. */
  closed: number;
  /** Certificates that got no credit this period but hold contracts running into it (their contracts were settled: funded or waiting). */
  settled: number;
}

interface AccountToExpire {
  account_id: string;
  certificate_id: string;
  ends_on: string;
  year: number;
}

interface CertificateToCredit {
  certificate_id: string;
  period_id: string;
  year: number;
  nominal: string;
  starts_on: string;
  ends_on: string;
}

/**
 * Closes ended periods and opens current ones: EXPIRE of every unspent
 * available amount, CLOSED for certificates past their validity, CREDIT of
 * the new nominal to financing certificates.
 * Safe to run any number of times (daily by the job queue): each step
 * re-checks under a lock whether it is still due, and ledger idempotency
 * keys are derived from the state they change.
 */
@Service()
export class PeriodRolloverService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly fundingListeners: PeriodFundingListeners,
    private readonly clock: Clock,
  ) {}

  async run(today: string = this.clock.today()): Promise<RolloverResult> {
    const result: RolloverResult = { expired: 0, credited: 0, returnedToAccounting: 0, closed: 0, settled: 0 };
    const accounts: AccountToExpire[] = await this.dataSource.query(
      `SELECT a.id AS account_id, a.certificate_id, p.ends_on, p.year
         FROM certificate_accounts a JOIN certificate_periods p ON p.id = a.period_id
        WHERE p.ends_on < $1 AND a.nominal - a.blocked - a.committed - a.spent - a.expired > 0
        ORDER BY a.id`,
      [today],
    );
    for (const account of accounts) {
      if (await this.dataSource.transaction((m) => this.expire(m, account))) result.expired++;
    }

    const outgrown: { id: string }[] = await this.dataSource.query(`SELECT id FROM certificates WHERE valid_until < $1 AND status <> 'CLOSED' ORDER BY id`, [today]);
    for (const { id } of outgrown) {
      if (await this.dataSource.transaction((m) => this.closeOutgrown(m, id, today))) result.closed++;
    }

    // Suspended financing certificates roll over too: resuming them must find this period's money.
    const certificates: CertificateToCredit[] = await this.dataSource.query(
      `SELECT c.id AS certificate_id, p.id AS period_id, p.year, p.nominal,
              to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(p.ends_on, 'YYYY-MM-DD') AS ends_on
         FROM certificates c
         JOIN certificate_periods p ON p.municipality_id = c.municipality_id AND p.starts_on <= $1 AND p.ends_on >= $1
        WHERE (c.status = 'FINANCING' OR c.status_before_suspension = 'FINANCING')
          AND NOT EXISTS (SELECT 1 FROM certificate_accounts a WHERE a.certificate_id = c.id AND a.period_id = p.id)
        ORDER BY c.financed_at, c.id`,
      [today],
    );
    for (const certificate of certificates) {
      const outcome = await this.dataSource.transaction((m) => this.credit(m, certificate, today));
      if (outcome) result[outcome]++;
    }

    // Contracts running into the current period whose certificate got no credit above (not financing, closed, credited
    // earlier): the listeners fund them if the money is there, or let them wait for funding. Nothing is left unsettled.
    for (const { certificateId, period } of await this.fundingListeners.unsettled(this.dataSource.manager, today)) {
      await this.dataSource.transaction(async (m) => {
        await m.query(`SELECT id FROM certificates WHERE id = $1 FOR UPDATE`, [certificateId]);
        await this.fundingListeners.settle(m, certificateId, period);
      });
      result.settled++;
    }
    return result;
  }

  private async expire(manager: EntityManager, target: AccountToExpire): Promise<boolean> {
    const [account] = await manager.query(
      `SELECT nominal - blocked - committed - spent - expired AS available, expired FROM certificate_accounts WHERE id = $1 FOR UPDATE`,
      [target.account_id],
    );
    const available = Number(account.available);
    if (available <= 0) return false;
    await this.ledger.expire(manager, {
      certificateId: target.certificate_id,
      amount: available,
      on: target.ends_on,
      actorUserId: null,
      reason: `Неиспользованный остаток ${target.year} года аннулирован по окончании периода`,
      idempotencyKey: `expire:${target.account_id}:${account.expired}`,
    });
    return true;
  }

  private async credit(manager: EntityManager, target: CertificateToCredit, today: string): Promise<keyof RolloverResult | null> {
    const [certificate] = await manager.query(`SELECT status, status_before_suspension FROM certificates WHERE id = $1 FOR UPDATE`, [target.certificate_id]);
    const financing = certificate.status === CertificateStatus.FINANCING || certificate.status_before_suspension === CertificateStatus.FINANCING;
    if (!financing) return null;
    // Asked after the lock, in a statement of its own: a subquery of the locking SELECT reads the snapshot from before the
    // wait, so a rollover running in another process that credited meanwhile would go unseen and the limit be counted twice.
    const [{ credited }] = await manager.query(`SELECT EXISTS (SELECT 1 FROM certificate_accounts WHERE certificate_id = $1 AND period_id = $2) AS credited`, [
      target.certificate_id,
      target.period_id,
    ]);
    if (credited) return null;

    const { count } = await execute(manager, `UPDATE certificate_periods SET financing_issued = financing_issued + 1 WHERE id = $1 AND financing_issued < financing_limit`, [
      target.period_id,
    ]);
    const period = { id: target.period_id, year: target.year, startsOn: target.starts_on, endsOn: target.ends_on };
    if (count !== 1) {
      await this.setStatus(
        manager,
        target.certificate_id,
        certificate.status,
        CertificateStatus.ACCOUNTING,
        `Лимит сертификатов финансирования на ${target.year} год исчерпан: сертификат переведён в сертификат учёта`,
      );
      // Its continuing contracts keep their seats and wait for funding.
      await this.fundingListeners.settle(manager, target.certificate_id, period);
      return 'returnedToAccounting';
    }
    await this.ledger.credit(manager, {
      certificateId: target.certificate_id,
      amount: Number(target.nominal),
      on: today,
      actorUserId: null,
      reason: `Зачислен номинал сертификата на ${target.year} год`,
      idempotencyKey: financingCreditKey(target.certificate_id, target.period_id),
    });
    // Continuing contracts claim their months of the new period first, in the same transaction.
    await this.fundingListeners.settle(manager, target.certificate_id, period);
    return 'credited';
  }

  private async closeOutgrown(manager: EntityManager, certificateId: string, today: string): Promise<boolean> {
    const [certificate] = await manager.query(`SELECT status, valid_until FROM certificates WHERE id = $1 FOR UPDATE`, [certificateId]);
    if (certificate.status === CertificateStatus.CLOSED || certificate.valid_until >= today) return false;
    await this.setStatus(manager, certificateId, certificate.status, CertificateStatus.CLOSED, 'Срок действия сертификата истёк: ребёнку исполнилось 18 лет');
    return true;
  }

  /** A suspended certificate stays suspended; what changes is the status it will return to. */
  private async setStatus(manager: EntityManager, certificateId: string, current: CertificateStatus, to: CertificateStatus, reason: string): Promise<void> {
    const suspended = current === CertificateStatus.SUSPENDED && to !== CertificateStatus.CLOSED;
    await manager.query(
      suspended
        ? `UPDATE certificates SET status_before_suspension = $2, updated_at = now() WHERE id = $1`
        : `UPDATE certificates SET status = $2, status_before_suspension = NULL, status_reason = $3, updated_at = now() WHERE id = $1`,
      suspended ? [certificateId, to] : [certificateId, to, reason],
    );
    await writeAudit(manager, {
      actorUserId: null,
      entityType: 'certificate',
      entityId: certificateId,
      action: to === CertificateStatus.CLOSED ? 'CLOSED' : 'RETURNED_TO_ACCOUNTING',
      before: { status: current },
      after: suspended ? { status: current, statusBeforeSuspension: to, reason } : { status: to, reason },
    });
  }
}
