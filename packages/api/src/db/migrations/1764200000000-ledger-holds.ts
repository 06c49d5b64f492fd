import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every movement of money reserved for a contract; CREDIT and EXPIRE move an account's own money. */
const HOLD_TYPES = `'BLOCK','UNBLOCK','ACTIVATE','COMMIT','RELEASE','CHARGE','REVERSAL'`;

/**
 * Holds in the ledger, as two-phase transfers keep them (DESIGN.md
 * «CertificateAccount», STYLE.md 11a): the money one financing period
 * reserves for one application's contract is a `ledger_holds` row, opened
 * once (BLOCK for an offer, COMMIT for a signed contract funded later), its
 * pending part resolved once (ACTIVATE or UNBLOCK), then drawn by the
 * monthly charges and released. The hold carries its share of the account's
 * blocked, committed and spent buckets, so the account equals the sum of its
 * holds and every movement names the hold it takes its amount from.
 *
 * Existing blocks, commitments and charges become holds: one per contract
 * and period, its buckets summed from the entries that moved them.
 */
export class LedgerHolds1764200000000 implements MigrationInterface {
  name = 'LedgerHolds1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // Applications and contracts stay plain uuids, as in ledger_entries: those tables belong to later modules.
    await q.query(`
      CREATE TABLE ledger_holds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES certificate_accounts(id),
        certificate_id uuid NOT NULL REFERENCES certificates(id),
        period_id uuid NOT NULL REFERENCES certificate_periods(id),
        application_id uuid NOT NULL,
        contract_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        blocked bigint NOT NULL DEFAULT 0 CHECK (blocked >= 0),
        committed bigint NOT NULL DEFAULT 0 CHECK (committed >= 0),
        spent bigint NOT NULL DEFAULT 0 CHECK (spent >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_holds_once UNIQUE (application_id, period_id),
        CONSTRAINT ledger_holds_contract_period UNIQUE (contract_id, period_id)
      )`);
    await q.query(`CREATE INDEX ledger_holds_account ON ledger_holds (account_id)`);
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN hold_id uuid REFERENCES ledger_holds(id)`);

    await q.query(`
      INSERT INTO ledger_holds (account_id, certificate_id, period_id, application_id, contract_id, amount, blocked, committed, spent, created_at, updated_at)
      SELECT a.id, a.certificate_id, a.period_id, c.application_id, c.id,
             sum(e.amount) FILTER (WHERE e.type IN ('BLOCK','COMMIT')),
             sum(CASE e.type WHEN 'BLOCK' THEN e.amount WHEN 'UNBLOCK' THEN -e.amount WHEN 'ACTIVATE' THEN -e.amount ELSE 0 END),
             sum(CASE e.type WHEN 'ACTIVATE' THEN e.amount WHEN 'COMMIT' THEN e.amount WHEN 'REVERSAL' THEN e.amount
                             WHEN 'CHARGE' THEN -e.amount WHEN 'RELEASE' THEN -e.amount ELSE 0 END),
             sum(CASE e.type WHEN 'CHARGE' THEN e.amount WHEN 'REVERSAL' THEN -e.amount ELSE 0 END),
             min(e.created_at), max(e.created_at)
        FROM ledger_entries e
        JOIN certificate_accounts a ON a.id = e.account_id
        JOIN contracts c ON c.id = e.contract_id
       WHERE e.type IN (${HOLD_TYPES})
       GROUP BY a.id, c.id`);
    // The only UPDATE the append-only ledger ever sees: a new column filled in, no amount or type touched.
    await q.query(`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update_delete`);
    await q.query(`
      UPDATE ledger_entries e SET hold_id = h.id
        FROM ledger_holds h
       WHERE h.contract_id = e.contract_id AND h.account_id = e.account_id AND e.type IN (${HOLD_TYPES})`);
    await q.query(`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_no_update_delete`);

    // Money reserved for a contract moves through its hold; an account's own money (CREDIT, EXPIRE) through none.
    await q.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_hold CHECK ((hold_id IS NOT NULL) = (type IN (${HOLD_TYPES})))`);
    // A hold opens once, and its pending part is posted or voided once: the two-phase transfer's guarantees, kept by the database.
    await q.query(`CREATE UNIQUE INDEX ledger_entries_hold_opened ON ledger_entries (hold_id) WHERE type IN ('BLOCK','COMMIT')`);
    await q.query(`CREATE UNIQUE INDEX ledger_entries_hold_resolved ON ledger_entries (hold_id) WHERE type IN ('ACTIVATE','UNBLOCK')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_hold`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN hold_id`);
    await q.query(`DROP TABLE ledger_holds`);
  }
}
