import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Certificates1763910000000 implements MigrationInterface {
  name = 'Certificates1763910000000';

  async up(q: QueryRunner): Promise<void> {
    // SNILS is never stored in clear: AES-256-GCM ciphertext for showing it to its parent,
    // a keyed HMAC for region-wide uniqueness, and the last two digits for the mask.
    await q.query(`
      CREATE TABLE children (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_user_id uuid NOT NULL REFERENCES users(id),
        municipality_id uuid NOT NULL REFERENCES municipalities(id),
        last_name text NOT NULL,
        first_name text NOT NULL,
        middle_name text,
        birth_date date NOT NULL,
        gender text NOT NULL CHECK (gender IN ('MALE','FEMALE')),
        snils_encrypted bytea NOT NULL,
        snils_hash text NOT NULL,
        snils_last_digits text NOT NULL CHECK (snils_last_digits ~ '^[0-9]{2}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX children_snils_hash ON children (snils_hash)`);
    await q.query(`CREATE INDEX children_parent ON children (parent_user_id)`);

    await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE CHECK (number ~ '^28[0-9]{8}$'),
        child_id uuid NOT NULL UNIQUE REFERENCES children(id),
        municipality_id uuid NOT NULL REFERENCES municipalities(id),
        status text NOT NULL CHECK (status IN ('PENDING_VERIFICATION','ACCOUNTING','FINANCING','SUSPENDED','CLOSED')),
        status_before_suspension text CHECK (status_before_suspension IN ('PENDING_VERIFICATION','ACCOUNTING','FINANCING')),
        status_reason text,
        valid_until date NOT NULL,
        verified_at timestamptz,
        verified_by_user_id uuid REFERENCES users(id),
        financed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certificates_suspension CHECK ((status = 'SUSPENDED') = (status_before_suspension IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX certificates_municipality_status ON certificates (municipality_id, status)`);

    await q.query(`
      CREATE TABLE certificate_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        certificate_id uuid NOT NULL REFERENCES certificates(id),
        period_id uuid NOT NULL REFERENCES certificate_periods(id),
        nominal bigint NOT NULL DEFAULT 0 CHECK (nominal >= 0),
        blocked bigint NOT NULL DEFAULT 0 CHECK (blocked >= 0),
        committed bigint NOT NULL DEFAULT 0 CHECK (committed >= 0),
        spent bigint NOT NULL DEFAULT 0 CHECK (spent >= 0),
        expired bigint NOT NULL DEFAULT 0 CHECK (expired >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certificate_accounts_certificate_period UNIQUE (certificate_id, period_id),
        CONSTRAINT certificate_accounts_available CHECK (nominal - blocked - committed - spent - expired >= 0)
      )`);
    await q.query(`CREATE INDEX certificate_accounts_period ON certificate_accounts (period_id)`);

    // Links to applications, contracts and charges stay plain uuids: those tables belong to later modules.
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES certificate_accounts(id),
        certificate_id uuid NOT NULL REFERENCES certificates(id),
        type text NOT NULL CHECK (type IN ('CREDIT','BLOCK','UNBLOCK','ACTIVATE','RELEASE','CHARGE','EXPIRE')),
        amount bigint NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        application_id uuid,
        contract_id uuid,
        charge_id uuid,
        actor_user_id uuid REFERENCES users(id),
        idempotency_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id)`);
    await q.query(`CREATE INDEX ledger_entries_certificate ON ledger_entries (certificate_id, id)`);
    await q.query(`CREATE INDEX ledger_entries_application ON ledger_entries (application_id) WHERE application_id IS NOT NULL`);
    await q.query(`CREATE INDEX ledger_entries_contract ON ledger_entries (contract_id) WHERE contract_id IS NOT NULL`);

    await q.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_update_delete BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ledger_entries`);
    await q.query(`DROP FUNCTION IF EXISTS ledger_entries_append_only()`);
    for (const table of ['certificate_accounts', 'certificates', 'children']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
