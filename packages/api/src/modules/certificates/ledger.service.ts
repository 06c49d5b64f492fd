import type { EntityManager } from 'typeorm';
import { Service } from '../../common/container';
import { DomainError, ErrorCode } from '../../common/errors';
import { formatRub } from '../../common/money';
import { CertificatePeriod } from '../municipalities/certificate-period.entity';
import { availableOf, CertificateAccount } from './certificate-account.entity';
import { CertificateStatus, LedgerEntryType } from './certificates.enums';
import { LedgerEntry } from './ledger-entry.entity';

/** One money movement on a certificate, as contracts and billing describe it. */
export interface LedgerMove {
  certificateId: string;
  /** Kopecks, > 0. */
  amount: number;
  /** ISO date that selects the period (and so the account) the money moves in. */
  on: string;
  actorUserId: string | null;
  /** Human-readable, Russian: shown to the parent as the ledger line. */
  reason: string;
  applicationId?: string;
  contractId?: string;
  chargeId?: string;
  /** Unique per movement: a replay with the same key returns the first entry and changes nothing. */
  idempotencyKey: string;
}

type Column = 'nominal' | 'blocked' | 'committed' | 'spent' | 'expired';
type Bucket = 'available' | 'blocked' | 'committed' | 'spent';

interface Movement {
  /** The bucket the amount leaves; null when money enters the account. */
  from: Bucket | null;
  delta: Partial<Record<Column, 1 | -1>>;
  /** Completes «Нельзя …» when the source bucket holds too little. */
  verb: string;
}

const MOVEMENTS: Record<LedgerEntryType, Movement> = {
  [LedgerEntryType.CREDIT]: { from: null, delta: { nominal: 1 }, verb: 'зачислить' },
  [LedgerEntryType.BLOCK]: { from: 'available', delta: { blocked: 1 }, verb: 'заблокировать' },
  [LedgerEntryType.UNBLOCK]: { from: 'blocked', delta: { blocked: -1 }, verb: 'разблокировать' },
  [LedgerEntryType.ACTIVATE]: { from: 'blocked', delta: { blocked: -1, committed: 1 }, verb: 'активировать' },
  [LedgerEntryType.RELEASE]: { from: 'committed', delta: { committed: -1 }, verb: 'вернуть на сертификат' },
  [LedgerEntryType.CHARGE]: { from: 'committed', delta: { committed: -1, spent: 1 }, verb: 'списать' },
  [LedgerEntryType.EXPIRE]: { from: 'available', delta: { expired: 1 }, verb: 'погасить' },
  [LedgerEntryType.REVERSAL]: { from: 'spent', delta: { spent: -1, committed: 1 }, verb: 'сторнировать' },
  [LedgerEntryType.COMMIT]: { from: 'available', delta: { committed: 1 }, verb: 'зарезервировать по договору' },
};

const BUCKET_NAMES: Record<Bucket, string> = {
  available: 'доступно',
  blocked: 'заблокировано',
  committed: 'зарезервировано по договорам',
  spent: 'списано',
};

const COLUMNS: Column[] = ['nominal', 'blocked', 'committed', 'spent', 'expired'];

/**
 * The only code that changes certificate balances. Every method runs inside
 * the caller's transaction: it locks the account row (SELECT … FOR UPDATE),
 * checks the source bucket, updates the balance and appends the ledger entry,
 * so the entry exists exactly when the balance change does. The CHECK
 * constraints on certificate_accounts are a second line of defence, not the
 * check itself. Lock order for callers: group row first, then the account.
 */
@Service()
export class LedgerService {
  /** available → blocked. Refuses with INSUFFICIENT_BALANCE (nothing changes) when too little is available. */
  block(manager: EntityManager, move: LedgerMove): Promise<LedgerEntry> {
    return this.move(manager, LedgerEntryType.BLOCK, move);
  }

  /** blocked → available. */
  unblock(manager: EntityManager, move: LedgerMove): Promise<LedgerEntry> {
    return this.move(manager, LedgerEntryType.UNBLOCK, move);
  }

  /** blocked → committed. */
  activate(manager: EntityManager, move: LedgerMove): Promise<LedgerEntry> {
    return this.move(manager, LedgerEntryType.ACTIVATE, move);
  }

  /** available → committed: a signed contract's months in a period credited after the signature. */
  commit(manager: EntityManager, move: LedgerMove): Promise<LedgerEntry> {
    return this.move(manager, LedgerEntryType.COMMIT, move);
  }

  /** committed → available. */
  release(manager: EntityManager, move: LedgerMove): Promise<LedgerEntry> {
    return this.move(manager, LedgerEntryType.RELEASE, move);
  }

  /** committed → spent. */
  charge(manager: EntityManager, move: LedgerMove): Promise<LedgerEntry> {
    return this.move(manager, LedgerEntryType.CHARGE, move);
  }

  /**
   * spent → committed: undoes part of a charge (billing corrects a month's
   * charge down while its invoice is not yet approved). The ledger stays
   * append-only: the correction is a new entry, never an edit of the CHARGE.
   */
  reverse(manager: EntityManager, move: LedgerMove): Promise<LedgerEntry> {
    return this.move(manager, LedgerEntryType.REVERSAL, move);
  }

  /**
   * Money enters the account of the period containing `on`, opening the
   * account if needed. Only the certificates module calls this (financing,
   * period rollover): no other path brings money into the system.
   */
  async credit(manager: EntityManager, move: LedgerMove): Promise<LedgerEntry> {
    const replay = await this.replay(manager, LedgerEntryType.CREDIT, move);
    if (replay) return replay;
    const { on } = move;
    const period = await manager
      .getRepository(CertificatePeriod)
      .createQueryBuilder('p')
      .innerJoin('certificates', 'c', 'c.municipality_id = p.municipality_id')
      .where('c.id = :certificateId AND p.starts_on <= :on AND p.ends_on >= :on', { certificateId: move.certificateId, on })
      .getOne();
    if (!period) {
      throw new DomainError('NO_PERIOD', `Муниципалитет не установил период финансирования на ${on}`, { on });
    }
    await manager.query(`INSERT INTO certificate_accounts (certificate_id, period_id) VALUES ($1, $2) ON CONFLICT (certificate_id, period_id) DO NOTHING`, [
      move.certificateId,
      period.id,
    ]);
    return this.move(manager, LedgerEntryType.CREDIT, move);
  }

  /** available → expired: unspent money at the end of a period (certificates module, rollover only). */
  expire(manager: EntityManager, move: LedgerMove): Promise<LedgerEntry> {
    return this.move(manager, LedgerEntryType.EXPIRE, move);
  }

  /** The certificate's account for the period containing `on`, without locking it. */
  accountFor(manager: EntityManager, certificateId: string, on: string): Promise<CertificateAccount | null> {
    return this.accountQuery(manager, certificateId, on).getOne();
  }

  /**
   * The same account, locked until the caller's transaction ends: for callers
   * that decide from its balance before moving money (the movement re-checks,
   * but would refuse instead of letting the caller choose another way).
   */
  lockAccount(manager: EntityManager, certificateId: string, on: string): Promise<CertificateAccount | null> {
    return this.accountQuery(manager, certificateId, on).setLock('pessimistic_write', undefined, ['a']).getOne();
  }

  private accountQuery(manager: EntityManager, certificateId: string, on: string) {
    return manager
      .getRepository(CertificateAccount)
      .createQueryBuilder('a')
      .innerJoin(CertificatePeriod, 'p', 'p.id = a.period_id')
      .where('a.certificate_id = :certificateId AND p.starts_on <= :on AND p.ends_on >= :on', { certificateId, on });
  }

  private async move(manager: EntityManager, type: LedgerEntryType, move: LedgerMove): Promise<LedgerEntry> {
    if (!Number.isSafeInteger(move.amount) || move.amount <= 0) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Сумма операции должна быть положительным целым числом копеек', { amount: move.amount });
    }
    const early = await this.replay(manager, type, move);
    if (early) return early;

    const { on } = move;
    const account = await this.accountQuery(manager, move.certificateId, on).setLock('pessimistic_write', undefined, ['a']).getOne();
    if (!account) {
      if (type === LedgerEntryType.BLOCK) {
        throw new DomainError(ErrorCode.INSUFFICIENT_BALANCE, `На сертификате нет средств на дату ${on}: требуется ${formatRub(move.amount)}`, {
          available: 0,
          required: move.amount,
        });
      }
      throw new DomainError('NO_ACCOUNT', `У сертификата нет счёта на дату ${on}`, { certificateId: move.certificateId, on });
    }
    // A concurrent replay of the same key waited for our lock; now it sees the committed first entry.
    const replay = await this.replay(manager, type, move);
    if (replay) return replay;

    if (type === LedgerEntryType.BLOCK || type === LedgerEntryType.COMMIT) await this.requireFinancing(manager, move.certificateId);
    const { from, delta, verb } = MOVEMENTS[type];
    if (from) {
      const held = from === 'available' ? availableOf(account) : account[from];
      if (held < move.amount) {
        if (type === LedgerEntryType.BLOCK || type === LedgerEntryType.COMMIT) {
          throw new DomainError(ErrorCode.INSUFFICIENT_BALANCE, `Недостаточно средств на сертификате: доступно ${formatRub(held)}, требуется ${formatRub(move.amount)}`, {
            available: held,
            required: move.amount,
          });
        }
        throw new DomainError('LEDGER_OVERDRAFT', `Нельзя ${verb} ${formatRub(move.amount)}: ${BUCKET_NAMES[from]} только ${formatRub(held)}`, {
          bucket: from,
          held,
          required: move.amount,
        });
      }
    }

    const sets = COLUMNS.filter((c) => delta[c]).map((c) => `${c} = ${c} ${delta[c] === 1 ? '+' : '-'} $2`);
    await manager.query(`UPDATE certificate_accounts SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [account.id, move.amount]);

    const entry = manager.create(LedgerEntry, {
      accountId: account.id,
      certificateId: move.certificateId,
      type,
      amount: move.amount,
      reason: move.reason,
      applicationId: move.applicationId ?? null,
      contractId: move.contractId ?? null,
      chargeId: move.chargeId ?? null,
      actorUserId: move.actorUserId,
      idempotencyKey: move.idempotencyKey,
    });
    await manager.insert(LedgerEntry, entry);
    return entry;
  }

  /** The entry an earlier call with the same key wrote; a key reused for a different movement is a bug in the caller. */
  private async replay(manager: EntityManager, type: LedgerEntryType, move: LedgerMove): Promise<LedgerEntry | null> {
    const first = await manager.findOneBy(LedgerEntry, { idempotencyKey: move.idempotencyKey });
    if (!first) return null;
    if (first.type !== type || first.certificateId !== move.certificateId || first.amount !== move.amount) {
      throw new DomainError(ErrorCode.CONFLICT, 'Операция с этим ключом уже выполнена с другими параметрами', {
        idempotencyKey: move.idempotencyKey,
      });
    }
    return first;
  }

  private async requireFinancing(manager: EntityManager, certificateId: string): Promise<void> {
    const [row] = await manager.query(`SELECT status FROM certificates WHERE id = $1`, [certificateId]);
    if (row?.status !== CertificateStatus.FINANCING) {
      throw new DomainError('CERTIFICATE_NOT_FINANCING', 'Сертификат не в статусе персонифицированного финансирования: оплатить им обучение нельзя', {
        status: row?.status ?? null,
      });
    }
  }
}
