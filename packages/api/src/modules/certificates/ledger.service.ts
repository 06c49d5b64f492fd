import type { EntityManager } from 'typeorm';
import { Service } from '../../common/container';
import { DomainError, ErrorCode } from '../../common/errors';
import { formatRub } from '../../common/money';
import { CertificatePeriod } from '../municipalities/certificate-period.entity';
import { CertificateAccount } from './certificate-account.entity';
import { CertificateStatus, LedgerEntryType } from './certificates.enums';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerHold } from './ledger-hold.entity';
import { accountMoveSql, type Bucket, type EntryRow, holdMoveSql, type HoldMovement, openHoldSql, toEntry } from './ledger-sql';

/**
 * Which hold: the money one financing period reserves for one application
 * (and so for its contract, one per application). Both are stable across
 * retries, unlike the contract's id, which a confirmation mints afresh on
 * every attempt; the keys of the hold's movements derive from them.
 */
export interface HoldRef {
  applicationId: string;
  periodId: string;
}

/** Opens a hold: what it is for, how much, and the words the parent reads. */
export interface HoldOpening extends HoldRef {
  certificateId: string;
  contractId: string;
  /** Kopecks, > 0. */
  amount: number;
  actorUserId: string | null;
  /** Human-readable, Russian: shown to the parent as the ledger line. */
  reason: string;
}

/** Who moves a hold's money, and the ledger line. */
export interface HoldNote {
  actorUserId: string | null;
  reason: string;
}

/** A part of a hold the caller sizes (a month's charge, its correction, a termination's release), with its own key. */
export interface HoldPart extends HoldNote {
  /** Kopecks, > 0. */
  amount: number;
  /** Unique per movement: a replay with the same key returns the first entry and changes nothing. */
  idempotencyKey: string;
  chargeId?: string;
}

/** Money entering or leaving an account itself, not reserved for any contract (CREDIT, EXPIRE). */
export interface AccountMove {
  certificateId: string;
  /** Kopecks, > 0. */
  amount: number;
  /** ISO date that selects the period (and so the account) the money moves in. */
  on: string;
  actorUserId: string | null;
  reason: string;
  idempotencyKey: string;
}

const ACTIVATE: HoldMovement = { type: LedgerEntryType.ACTIVATE, from: 'blocked', to: 'committed', size: 'whole', verb: 'активировать' };
const UNBLOCK: HoldMovement = { type: LedgerEntryType.UNBLOCK, from: 'blocked', size: 'whole', verb: 'разблокировать' };
const CLOSE: HoldMovement = { type: LedgerEntryType.RELEASE, from: 'committed', size: 'whole', verb: 'вернуть на сертификат' };
const RELEASE: HoldMovement = { type: LedgerEntryType.RELEASE, from: 'committed', size: 'part', verb: 'вернуть на сертификат' };
const CHARGE: HoldMovement = { type: LedgerEntryType.CHARGE, from: 'committed', to: 'spent', size: 'part', verb: 'списать' };
const REVERSAL: HoldMovement = { type: LedgerEntryType.REVERSAL, from: 'spent', to: 'committed', size: 'part', verb: 'сторнировать' };

const BUCKET_NAMES: Record<Bucket | 'available', string> = {
  available: 'доступно',
  blocked: 'заблокировано',
  committed: 'зарезервировано по договорам',
  spent: 'списано',
};

/**
 * The only code that changes certificate balances. Money reserved for a
 * contract lives in holds, kept as two-phase transfers keep a pending
 * transfer (DESIGN.md «CertificateAccount»):
 *
 * - `block` opens a pending hold for an offer (available → blocked), `commit`
 *   a posted one for a signed contract funded by a period credited later
 *   (available → committed). A hold opens once per application and period.
 * - The pending hold is resolved exactly once, taking its whole amount: `activate`
 *   posts it when the parent signs (blocked → committed), `unblock` voids it when
 *   the offer does not go ahead (blocked → available). A unique index on the
 *   ledger makes a second resolution impossible, whatever the caller does.
 * - A posted hold pays the contract month by month: `charge` (committed → spent),
 *   `reverse` (spent → committed) and `release` move parts the caller sizes;
 *   `close` returns whatever remains when the contract ends, once.
 *
 * Every movement is one statement: lock the row the money leaves (the
 * account, or the hold), insert the entry if the source holds enough
 * (`ON CONFLICT DO NOTHING`: a replayed key, or a second resolution, inserts
 * nothing), and update the hold and the account from the inserted entry, so
 * an entry exists exactly when its balance change does. A replay is then
 * found by its key and returned. The CHECK constraints on accounts and holds
 * are a second line of defence. Lock order for callers: group, contract,
 * then the hold or account the ledger locks.
 */
@Service()
export class LedgerService {
  /** available → blocked: opens the pending hold of an offer. Refuses with INSUFFICIENT_BALANCE (nothing changes) when too little is available. */
  block(manager: EntityManager, opening: HoldOpening): Promise<LedgerEntry> {
    return this.open(manager, LedgerEntryType.BLOCK, opening);
  }

  /** available → committed: opens a posted hold, for a signed contract's months in a period credited after the signature. */
  commit(manager: EntityManager, opening: HoldOpening): Promise<LedgerEntry> {
    return this.open(manager, LedgerEntryType.COMMIT, opening);
  }

  /** blocked → committed, the whole pending hold: the parent signed. */
  activate(manager: EntityManager, hold: HoldRef, note: HoldNote): Promise<LedgerEntry> {
    return this.moveHold(manager, ACTIVATE, hold, { ...note, idempotencyKey: holdKey(hold, 'activate') }) as Promise<LedgerEntry>;
  }

  /** blocked → available, the whole pending hold: the offer did not go ahead. */
  unblock(manager: EntityManager, hold: HoldRef, note: HoldNote): Promise<LedgerEntry> {
    return this.moveHold(manager, UNBLOCK, hold, { ...note, idempotencyKey: holdKey(hold, 'unblock') }) as Promise<LedgerEntry>;
  }

  /** committed → spent: a month's charge. */
  charge(manager: EntityManager, hold: HoldRef, part: HoldPart): Promise<LedgerEntry> {
    return this.moveHold(manager, CHARGE, hold, part) as Promise<LedgerEntry>;
  }

  /**
   * spent → committed: undoes part of a charge (billing corrects a month's
   * charge down while its invoice is not yet approved). The ledger stays
   * append-only: the correction is a new entry, never an edit of the CHARGE.
   */
  reverse(manager: EntityManager, hold: HoldRef, part: HoldPart): Promise<LedgerEntry> {
    return this.moveHold(manager, REVERSAL, hold, part) as Promise<LedgerEntry>;
  }

  /** committed → available, part of a posted hold: the months after a termination. */
  release(manager: EntityManager, hold: HoldRef, part: HoldPart): Promise<LedgerEntry> {
    return this.moveHold(manager, RELEASE, hold, part) as Promise<LedgerEntry>;
  }

  /** committed → available, whatever the hold still holds: the contract ended. Null when nothing remains. */
  close(manager: EntityManager, hold: HoldRef, note: HoldNote): Promise<LedgerEntry | null> {
    return this.moveHold(manager, CLOSE, hold, { ...note, idempotencyKey: holdKey(hold, 'close') });
  }

  /**
   * Money enters the account of the period containing `on`, opening the
   * account if needed. Only the certificates module calls this (financing,
   * period rollover): no other path brings money into the system.
   */
  async credit(manager: EntityManager, move: AccountMove): Promise<LedgerEntry> {
    const { on } = move;
    const [period]: { id: string }[] = await manager.query(
      `INSERT INTO certificate_accounts (certificate_id, period_id)
       SELECT c.id, p.id FROM certificates c JOIN certificate_periods p ON p.municipality_id = c.municipality_id
        WHERE c.id = $1 AND p.starts_on <= $2 AND p.ends_on >= $2
       ON CONFLICT (certificate_id, period_id) DO UPDATE SET certificate_id = excluded.certificate_id
       RETURNING period_id AS id`,
      [move.certificateId, on],
    );
    if (!period) throw new DomainError('NO_PERIOD', `Муниципалитет не установил период финансирования на ${on}`, { on });
    return this.moveAccount(manager, LedgerEntryType.CREDIT, move);
  }

  /** available → expired: unspent money at the end of a period (certificates module, rollover only). */
  expire(manager: EntityManager, move: AccountMove): Promise<LedgerEntry> {
    return this.moveAccount(manager, LedgerEntryType.EXPIRE, move);
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

  /** One hold as it stands (unlocked: callers hold the contract's lock, which every movement of its money takes first). */
  hold(manager: EntityManager, hold: HoldRef): Promise<LedgerHold | null> {
    return manager.findOneBy(LedgerHold, { applicationId: hold.applicationId, periodId: hold.periodId });
  }

  /** The holds of a contract, oldest period first: what each still holds blocked, committed and spent. */
  holdsOf(manager: EntityManager, contractId: string): Promise<LedgerHold[]> {
    return manager
      .getRepository(LedgerHold)
      .createQueryBuilder('h')
      .innerJoin(CertificatePeriod, 'p', 'p.id = h.period_id')
      .where('h.contract_id = :contractId', { contractId })
      .orderBy('p.starts_on', 'ASC')
      .getMany();
  }

  private accountQuery(manager: EntityManager, certificateId: string, on: string) {
    return manager
      .getRepository(CertificateAccount)
      .createQueryBuilder('a')
      .innerJoin(CertificatePeriod, 'p', 'p.id = a.period_id')
      .where('a.certificate_id = :certificateId AND p.starts_on <= :on AND p.ends_on >= :on', { certificateId, on });
  }

  private async open(manager: EntityManager, type: LedgerEntryType.BLOCK | LedgerEntryType.COMMIT, opening: HoldOpening): Promise<LedgerEntry> {
    assertAmount(opening.amount);
    const idempotencyKey = holdKey(opening, 'open');
    const [row]: (EntryRow & { available: string; status: CertificateStatus })[] = await manager.query(openHoldSql(type === LedgerEntryType.BLOCK ? 'blocked' : 'committed'), [
      opening.certificateId,
      opening.periodId,
      opening.applicationId,
      opening.contractId,
      opening.amount,
      type,
      opening.reason,
      opening.actorUserId,
      idempotencyKey,
    ]);
    if (row?.id) return toEntry(row);
    const replay = await this.replay(manager, type, opening.certificateId, idempotencyKey, opening.amount);
    if (replay) return replay;
    if (row && row.status !== CertificateStatus.FINANCING) {
      throw new DomainError('CERTIFICATE_NOT_FINANCING', 'Сертификат не в статусе персонифицированного финансирования: оплатить им обучение нельзя', {
        status: row.status,
      });
    }
    const available = row ? Number(row.available) : 0;
    if (available >= opening.amount) {
      // Enough money, no entry and no replay: the application already holds money of this period under another movement.
      throw new DomainError(ErrorCode.CONFLICT, 'По этой заявке средства периода уже зарезервированы', { applicationId: opening.applicationId, periodId: opening.periodId });
    }
    const details = { available, required: opening.amount };
    if (!row) throw new DomainError(ErrorCode.INSUFFICIENT_BALANCE, `На сертификате нет средств в этом периоде: требуется ${formatRub(opening.amount)}`, details);
    throw new DomainError(ErrorCode.INSUFFICIENT_BALANCE, `Недостаточно средств на сертификате: доступно ${formatRub(available)}, требуется ${formatRub(opening.amount)}`, details);
  }

  private async moveHold(manager: EntityManager, movement: HoldMovement, hold: HoldRef, part: HoldNote & { amount?: number; idempotencyKey: string; chargeId?: string }): Promise<LedgerEntry | null> {
    if (movement.size === 'part') assertAmount(part.amount);
    const [row]: (EntryRow & Record<'holdBlocked' | 'holdCommitted' | 'holdSpent', string>)[] = await manager.query(holdMoveSql(movement), [
      hold.applicationId,
      hold.periodId,
      movement.type,
      part.reason,
      part.chargeId ?? null,
      part.actorUserId,
      part.idempotencyKey,
      ...(movement.size === 'part' ? [part.amount] : []),
    ]);
    if (row?.id) return toEntry(row);
    if (!row) throw new DomainError('NO_HOLD', 'По заявке нет зарезервированных средств в этом периоде', { ...hold });
    const replay = await this.replay(manager, movement.type, null, part.idempotencyKey, movement.size === 'part' ? part.amount! : null);
    if (replay) return replay;
    const held = Number({ blocked: row.holdBlocked, committed: row.holdCommitted, spent: row.holdSpent }[movement.from]);
    if (movement === CLOSE && held === 0) return null;
    if (movement.size === 'whole') {
      throw new DomainError('HOLD_RESOLVED', `Нельзя ${movement.verb}: блокировка по заявке уже активирована или снята`, { ...hold });
    }
    throw new DomainError('LEDGER_OVERDRAFT', `Нельзя ${movement.verb} ${formatRub(part.amount!)}: ${BUCKET_NAMES[movement.from]} только ${formatRub(held)}`, {
      bucket: movement.from,
      held,
      required: part.amount,
    });
  }

  private async moveAccount(manager: EntityManager, type: LedgerEntryType.CREDIT | LedgerEntryType.EXPIRE, move: AccountMove): Promise<LedgerEntry> {
    assertAmount(move.amount);
    const [row]: (EntryRow & { available: string })[] = await manager.query(accountMoveSql(type === LedgerEntryType.CREDIT ? 'nominal' : 'expired'), [
      move.certificateId,
      move.on,
      type,
      move.amount,
      move.reason,
      move.actorUserId,
      move.idempotencyKey,
    ]);
    if (row?.id) return toEntry(row);
    const replay = await this.replay(manager, type, move.certificateId, move.idempotencyKey, move.amount);
    if (replay) return replay;
    if (!row) throw new DomainError('NO_ACCOUNT', `У сертификата нет счёта на дату ${move.on}`, { certificateId: move.certificateId, on: move.on });
    const held = Number(row.available);
    throw new DomainError('LEDGER_OVERDRAFT', `Нельзя погасить ${formatRub(move.amount)}: ${BUCKET_NAMES.available} только ${formatRub(held)}`, {
      bucket: 'available',
      held,
      required: move.amount,
    });
  }

  /** The entry an earlier call with the same key wrote; a key reused for a different movement is a bug in the caller. */
  private async replay(manager: EntityManager, type: LedgerEntryType, certificateId: string | null, idempotencyKey: string, amount: number | null): Promise<LedgerEntry | null> {
    const first = await manager.findOneBy(LedgerEntry, { idempotencyKey });
    if (!first) return null;
    if (first.type !== type || (certificateId !== null && first.certificateId !== certificateId) || (amount !== null && first.amount !== amount)) {
      throw new DomainError(ErrorCode.CONFLICT, 'Операция с этим ключом уже выполнена с другими параметрами', { idempotencyKey });
    }
    return first;
  }
}

/** The key of a hold's own movement, from the hold's stable identity: a retry of the same step finds the first entry. */
export function holdKey(hold: HoldRef, step: 'open' | 'activate' | 'unblock' | 'close' | 'terminate'): string {
  return `hold:${hold.applicationId}:${hold.periodId}:${step}`;
}

function assertAmount(amount: number | undefined): void {
  if (amount === undefined || !Number.isSafeInteger(amount) || amount <= 0) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Сумма операции должна быть положительным целым числом копеек', { amount });
  }
}
