import type { MigrationInterface, QueryRunner } from 'typeorm';

const LEDGER_TYPES = `'CREDIT','BLOCK','UNBLOCK','ACTIVATE','RELEASE','CHARGE','EXPIRE','REVERSAL'`;
const CONTRACT_STATUSES = `'OFFERED','ACTIVE','EXPIRED','CANCELLED','TERMINATED','COMPLETED'`;

/**
 * Contracts run for their group's season and are funded period by period
 * (DESIGN.md «Seasons across periods»): one `contract_fundings` row per
 * contract and financing period says what that period pays, and a contract
 * the new period cannot fund waits for funding instead of ending.
 */
export class Seasons1764100000000 implements MigrationInterface {
  name = 'Seasons1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // available → committed in one movement: a signed contract's months of a newly credited period.
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_type_check`);
    await q.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_type_check CHECK (type IN (${LEDGER_TYPES},'COMMIT'))`);

    await q.query(`ALTER TABLE contracts DROP CONSTRAINT contracts_status_check`);
    await q.query(`ALTER TABLE contracts ADD CONSTRAINT contracts_status_check CHECK (status IN (${CONTRACT_STATUSES},'AWAITING_FUNDING'))`);
    await q.query(`ALTER TABLE contracts ADD COLUMN funding_deadline date, ADD COLUMN awaiting_period_id uuid REFERENCES certificate_periods(id)`);
    await q.query(`ALTER TABLE contracts ADD CONSTRAINT contracts_awaiting CHECK ((status = 'AWAITING_FUNDING') = (funding_deadline IS NOT NULL AND awaiting_period_id IS NOT NULL))`);
    await q.query(`CREATE INDEX contracts_awaiting_deadline ON contracts (funding_deadline) WHERE status = 'AWAITING_FUNDING'`);

    await q.query(`
      CREATE TABLE contract_fundings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        period_id uuid NOT NULL REFERENCES certificate_periods(id),
        source text NOT NULL CHECK (source IN ('CERTIFICATE','PARENT')),
        status text NOT NULL CHECK (status IN ('BLOCKED','COMMITTED','CANCELLED')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        months int NOT NULL CHECK (months > 0),
        certificate_amount bigint NOT NULL CHECK (certificate_amount >= 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT contract_fundings_once UNIQUE (contract_id, period_id),
        CONSTRAINT contract_fundings_dates CHECK (starts_on <= ends_on),
        CONSTRAINT contract_fundings_parent_pays CHECK (source = 'CERTIFICATE' OR (certificate_amount = 0 AND status = 'COMMITTED'))
      )`);
    await q.query(`CREATE INDEX contract_fundings_period ON contract_fundings (period_id)`);

    // Announced in advance on the parent's pages; grants and verifications wait while it lasts.
    await q.query(`ALTER TABLE certificate_periods ADD COLUMN freeze_starts_on date, ADD COLUMN freeze_ends_on date`);
    await q.query(`ALTER TABLE certificate_periods ADD CONSTRAINT certificate_periods_freeze CHECK (
      (freeze_starts_on IS NULL) = (freeze_ends_on IS NULL) AND (freeze_starts_on IS NULL OR freeze_starts_on <= freeze_ends_on))`);

    // Contracts made before seasons: one funding row for the period they were blocked in.
    await q.query(`
      INSERT INTO contract_fundings (contract_id, period_id, source, status, starts_on, ends_on, months, certificate_amount, created_at, updated_at)
      SELECT c.id, p.id, 'CERTIFICATE', CASE c.status WHEN 'OFFERED' THEN 'BLOCKED' WHEN 'EXPIRED' THEN 'CANCELLED' WHEN 'CANCELLED' THEN 'CANCELLED' ELSE 'COMMITTED' END,
             c.starts_on, c.ends_on, c.months, c.certificate_total, c.offered_at, c.updated_at
        FROM contracts c
        JOIN certificates cert ON cert.id = c.certificate_id
        JOIN certificate_periods p ON p.municipality_id = cert.municipality_id AND p.starts_on <= c.starts_on AND p.ends_on >= c.starts_on
       WHERE c.certificate_total > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract_fundings`);
    await q.query(`ALTER TABLE certificate_periods DROP CONSTRAINT certificate_periods_freeze, DROP COLUMN freeze_starts_on, DROP COLUMN freeze_ends_on`);
    await q.query(`ALTER TABLE contracts DROP CONSTRAINT contracts_awaiting, DROP COLUMN funding_deadline, DROP COLUMN awaiting_period_id`);
    await q.query(`ALTER TABLE contracts DROP CONSTRAINT contracts_status_check`);
    await q.query(`ALTER TABLE contracts ADD CONSTRAINT contracts_status_check CHECK (status IN (${CONTRACT_STATUSES}))`);
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_type_check`);
    await q.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_type_check CHECK (type IN (${LEDGER_TYPES}))`);
  }
}
