import type { MigrationInterface, QueryRunner } from 'typeorm';

const MONTH = `CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`;
const LEDGER_TYPES = `'CREDIT','BLOCK','UNBLOCK','ACTIVATE','RELEASE','CHARGE','EXPIRE'`;

export class Billing1763940000000 implements MigrationInterface {
  name = 'Billing1763940000000';

  async up(q: QueryRunner): Promise<void> {
    // A charge corrected down moves money back spent → committed as a new entry: the ledger stays append-only.
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_type_check`);
    await q.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_type_check CHECK (type IN (${LEDGER_TYPES},'REVERSAL'))`);

    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        municipality_id uuid NOT NULL REFERENCES municipalities(id),
        month text NOT NULL ${MONTH},
        status text NOT NULL CHECK (status IN ('FORMED','APPROVED','PAID','RETURNED')),
        total bigint NOT NULL DEFAULT 0 CHECK (total >= 0),
        charge_count int NOT NULL DEFAULT 0 CHECK (charge_count >= 0),
        formed_at timestamptz NOT NULL,
        formed_by_user_id uuid REFERENCES users(id),
        approved_at timestamptz,
        approved_by_user_id uuid REFERENCES users(id),
        returned_at timestamptz,
        return_reason text,
        paid_on date,
        payment_reference text,
        paid_by_user_id uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT invoices_one_per_month UNIQUE (organization_id, municipality_id, month),
        CONSTRAINT invoices_approved CHECK (status NOT IN ('APPROVED','PAID') OR approved_at IS NOT NULL),
        CONSTRAINT invoices_paid CHECK (status <> 'PAID' OR paid_on IS NOT NULL),
        CONSTRAINT invoices_returned CHECK (status <> 'RETURNED' OR return_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX invoices_registry ON invoices (municipality_id, month)`);

    // organization_id, municipality_id and certificate_id are the contract's, copied so invoices and registries read one table.
    await q.query(`
      CREATE TABLE charges (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        municipality_id uuid NOT NULL REFERENCES municipalities(id),
        certificate_id uuid NOT NULL REFERENCES certificates(id),
        month text NOT NULL ${MONTH},
        amount bigint NOT NULL CHECK (amount >= 0),
        copayment bigint NOT NULL CHECK (copayment >= 0),
        lessons_planned int CHECK (lessons_planned >= 0),
        lessons_attended int CHECK (lessons_attended >= 0),
        comment text,
        invoice_id uuid REFERENCES invoices(id),
        revision int NOT NULL DEFAULT 0 CHECK (revision >= 0),
        recorded_by_user_id uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        corrected_at timestamptz,
        CONSTRAINT charges_one_per_month UNIQUE (contract_id, month),
        CONSTRAINT charges_lessons CHECK (lessons_attended IS NULL OR lessons_planned IS NULL OR lessons_attended <= lessons_planned)
      )`);
    await q.query(`CREATE INDEX charges_month ON charges (organization_id, month)`);
    await q.query(`CREATE INDEX charges_invoice ON charges (invoice_id) WHERE invoice_id IS NOT NULL`);
    await q.query(`CREATE INDEX contracts_completion ON contracts (ends_on) WHERE status IN ('ACTIVE','TERMINATED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contracts_completion`);
    await q.query(`DROP TABLE IF EXISTS charges`);
    await q.query(`DROP TABLE IF EXISTS invoices`);
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_type_check`);
    await q.query(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_type_check CHECK (type IN (${LEDGER_TYPES}))`);
  }
}
