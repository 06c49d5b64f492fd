import type { LedgerEntryType } from './certificates.enums';
import { LedgerEntry } from './ledger-entry.entity';

/** The buckets a hold keeps; the account keeps the same ones, and more. */
export type Bucket = 'blocked' | 'committed' | 'spent';

/** How a movement of a hold is sized and which of its buckets it moves (the account's buckets move alike). */
export interface HoldMovement {
  type: LedgerEntryType;
  /** The bucket the amount leaves. */
  from: Bucket;
  /** The bucket it enters, if it stays in the hold (otherwise it becomes available again). */
  to?: Bucket;
  /** `whole`: the ledger takes the whole bucket (a resolution, a close); `part`: the caller's amount. */
  size: 'whole' | 'part';
  /** Completes «Нельзя …» when the bucket holds too little. */
  verb: string;
}

const AVAILABLE = `a.nominal - a.blocked - a.committed - a.spent - a.expired`;

/** The inserted entry, named as the entity's properties. */
const ENTRY_COLUMNS = `id, account_id AS "accountId", certificate_id AS "certificateId", type, amount, reason, application_id AS "applicationId",
  contract_id AS "contractId", charge_id AS "chargeId", hold_id AS "holdId", actor_user_id AS "actorUserId", idempotency_key AS "idempotencyKey", created_at AS "createdAt"`;

export interface EntryRow {
  id: string | null;
  accountId: string;
  certificateId: string;
  type: LedgerEntryType;
  amount: string;
  reason: string;
  applicationId: string | null;
  contractId: string | null;
  chargeId: string | null;
  holdId: string | null;
  actorUserId: string | null;
  idempotencyKey: string;
  createdAt: Date;
}

export function toEntry(row: EntryRow): LedgerEntry {
  return Object.assign(new LedgerEntry(), {
    id: row.id,
    accountId: row.accountId,
    certificateId: row.certificateId,
    type: row.type,
    amount: Number(row.amount),
    reason: row.reason,
    applicationId: row.applicationId,
    contractId: row.contractId,
    chargeId: row.chargeId,
    holdId: row.holdId,
    actorUserId: row.actorUserId,
    idempotencyKey: row.idempotencyKey,
    createdAt: row.createdAt,
  });
}

/** `SET` clauses moving `entry.amount` out of one bucket and into another, for the hold or the account alike. */
function sets(from: string | null, to: string | null): string {
  return [from && `${from} = ${from} - entry.amount`, to && `${to} = ${to} + entry.amount`, 'updated_at = now()'].filter(Boolean).join(', ');
}

/**
 * Opens a hold in one statement: locks the account of the period (the
 * certificate's status read in the same row), inserts the hold if the
 * certificate finances and enough is available (a hold of the same
 * application and period already there inserts nothing: a replay), then its
 * entry, then moves the account.
 * $1 certificate, $2 period, $3 application, $4 contract, $5 amount, $6 type, $7 reason, $8 actor, $9 key.
 */
export function openHoldSql(into: 'blocked' | 'committed'): string {
  return `
    WITH account AS (
      SELECT a.id, ${AVAILABLE} AS available, c.status
        FROM certificate_accounts a JOIN certificates c ON c.id = a.certificate_id
       WHERE a.certificate_id = $1 AND a.period_id = $2
         FOR UPDATE OF a
    ), hold AS (
      INSERT INTO ledger_holds (account_id, certificate_id, period_id, application_id, contract_id, amount, ${into})
      SELECT id, $1, $2, $3::uuid, $4::uuid, $5::bigint, $5::bigint FROM account WHERE status = 'FINANCING' AND available >= $5::bigint
      ON CONFLICT DO NOTHING
      RETURNING id, account_id
    ), entry AS (
      INSERT INTO ledger_entries (account_id, certificate_id, type, amount, reason, application_id, contract_id, hold_id, actor_user_id, idempotency_key)
      SELECT account_id, $1, $6::text, $5::bigint, $7::text, $3::uuid, $4::uuid, id, $8::uuid, $9::text FROM hold
      RETURNING ${ENTRY_COLUMNS}
    ), moved AS (
      UPDATE certificate_accounts a SET ${sets(null, into)} FROM entry WHERE a.id = entry."accountId"
    )
    SELECT account.available, account.status, entry.* FROM account LEFT JOIN entry ON true`;
}

/**
 * Moves money of an existing hold in one statement: locks the hold, inserts
 * the entry if the source bucket holds the amount (`ON CONFLICT DO NOTHING`:
 * a replayed key or a second resolution inserts nothing), then moves the hold's
 * and the account's buckets by the inserted amount. Returns the hold's
 * buckets as they were, for the caller's refusal.
 * $1 application, $2 period, $3 type, $4 reason, $5 charge, $6 actor, $7 key, $8 amount (parts only).
 */
export function holdMoveSql(movement: HoldMovement): string {
  const amount = movement.size === 'whole' ? `h.${movement.from}` : `$8::bigint`;
  return `
    WITH hold AS (
      SELECT h.id, h.account_id, h.certificate_id, h.application_id, h.contract_id, h.blocked, h.committed, h.spent, ${amount} AS amount
        FROM ledger_holds h WHERE h.application_id = $1 AND h.period_id = $2
         FOR UPDATE
    ), entry AS (
      INSERT INTO ledger_entries (account_id, certificate_id, type, amount, reason, application_id, contract_id, charge_id, hold_id, actor_user_id, idempotency_key)
      SELECT account_id, certificate_id, $3::text, amount, $4::text, application_id, contract_id, $5::uuid, id, $6::uuid, $7::text FROM hold
       WHERE amount > 0 AND ${movement.from} >= amount
      ON CONFLICT DO NOTHING
      RETURNING ${ENTRY_COLUMNS}
    ), held AS (
      UPDATE ledger_holds SET ${sets(movement.from, movement.to ?? null)} FROM entry WHERE ledger_holds.id = entry."holdId"
    ), moved AS (
      UPDATE certificate_accounts a SET ${sets(movement.from, movement.to ?? null)} FROM entry WHERE a.id = entry."accountId"
    )
    SELECT hold.blocked AS "holdBlocked", hold.committed AS "holdCommitted", hold.spent AS "holdSpent", entry.* FROM hold LEFT JOIN entry ON true`;
}

/**
 * Moves an account's own money (CREDIT into nominal, EXPIRE out of available) in one statement, like a hold's.
 * $1 certificate, $2 date, $3 type, $4 amount, $5 reason, $6 actor, $7 key.
 */
export function accountMoveSql(column: 'nominal' | 'expired'): string {
  const guard = column === 'nominal' ? 'true' : `available >= $4::bigint`;
  return `
    WITH account AS (
      SELECT a.id, a.certificate_id, ${AVAILABLE} AS available
        FROM certificate_accounts a JOIN certificate_periods p ON p.id = a.period_id
       WHERE a.certificate_id = $1 AND p.starts_on <= $2::date AND p.ends_on >= $2::date
         FOR UPDATE OF a
    ), entry AS (
      INSERT INTO ledger_entries (account_id, certificate_id, type, amount, reason, actor_user_id, idempotency_key)
      SELECT id, certificate_id, $3::text, $4::bigint, $5::text, $6::uuid, $7::text FROM account WHERE ${guard}
      ON CONFLICT DO NOTHING
      RETURNING ${ENTRY_COLUMNS}
    ), moved AS (
      UPDATE certificate_accounts a SET ${column} = ${column} + entry.amount, updated_at = now() FROM entry WHERE a.id = entry."accountId"
    )
    SELECT account.available, entry.* FROM account LEFT JOIN entry ON true`;
}
