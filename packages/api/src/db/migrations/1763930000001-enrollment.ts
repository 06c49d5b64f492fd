import type { MigrationInterface, QueryRunner } from 'typeorm';

const LIVE_APPLICATION = `('SUBMITTED','WAITLISTED','CONFIRMED','ENROLLED')`;

export class Enrollment1763930000001 implements MigrationInterface {
  name = 'Enrollment1763930000001';

  async up(q: QueryRunner): Promise<void> {
    // organization_id and municipality_id (the program's) are copied so staff and operator lists filter on one table.
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL REFERENCES children(id),
        parent_user_id uuid NOT NULL REFERENCES users(id),
        group_id uuid NOT NULL REFERENCES groups(id),
        program_id uuid NOT NULL REFERENCES programs(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        municipality_id uuid NOT NULL REFERENCES municipalities(id),
        status text NOT NULL CHECK (status IN ('SUBMITTED','WAITLISTED','CONFIRMED','ENROLLED','REJECTED','CANCELLED','EXPIRED','ENDED')),
        waitlist_position int CHECK (waitlist_position > 0),
        reject_reason text,
        submitted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT applications_waitlist CHECK ((status = 'WAITLISTED') = (waitlist_position IS NOT NULL)),
        CONSTRAINT applications_reject_reason CHECK (status <> 'REJECTED' OR reject_reason IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX applications_live_per_child_program ON applications (child_id, program_id) WHERE status IN ${LIVE_APPLICATION}`);
    await q.query(`CREATE UNIQUE INDEX applications_waitlist_position ON applications (group_id, waitlist_position) WHERE status = 'WAITLISTED'`);
    await q.query(`CREATE INDEX applications_group_status ON applications (group_id, status)`);
    await q.query(`CREATE INDEX applications_parent ON applications (parent_user_id, submitted_at DESC)`);
    await q.query(`CREATE INDEX applications_organization ON applications (organization_id, submitted_at DESC)`);
    await q.query(`CREATE INDEX applications_municipality ON applications (municipality_id, submitted_at DESC)`);

    await q.query(`
      CREATE TABLE application_events (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        status text NOT NULL,
        actor_user_id uuid REFERENCES users(id),
        note text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX application_events_application ON application_events (application_id, id)`);

    await q.query(`CREATE SEQUENCE contract_number_seq`);
    // Terms are copied at the offer: later price or normative changes never alter a contract.
    // TERMINATED and COMPLETED belong to billing (termination, end of term).
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        child_id uuid NOT NULL REFERENCES children(id),
        parent_user_id uuid NOT NULL REFERENCES users(id),
        group_id uuid NOT NULL REFERENCES groups(id),
        program_id uuid NOT NULL REFERENCES programs(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        municipality_id uuid NOT NULL REFERENCES municipalities(id),
        certificate_id uuid REFERENCES certificates(id),
        funding_type text NOT NULL CHECK (funding_type IN ('CERTIFICATE','BUDGET','PAID')),
        status text NOT NULL CHECK (status IN ('OFFERED','ACTIVE','EXPIRED','CANCELLED','TERMINATED','COMPLETED')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        months int NOT NULL CHECK (months > 0),
        monthly_price bigint NOT NULL CHECK (monthly_price >= 0),
        certificate_monthly_share bigint NOT NULL CHECK (certificate_monthly_share >= 0),
        parent_monthly_copayment bigint NOT NULL CHECK (parent_monthly_copayment >= 0),
        certificate_total bigint NOT NULL CHECK (certificate_total >= 0),
        text text NOT NULL,
        offered_at timestamptz NOT NULL,
        offer_expires_at timestamptz NOT NULL,
        signed_at timestamptz,
        closed_at timestamptz,
        close_reason text,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT contracts_dates CHECK (starts_on <= ends_on),
        CONSTRAINT contracts_price_split CHECK (monthly_price = certificate_monthly_share + parent_monthly_copayment),
        CONSTRAINT contracts_certificate_total CHECK (certificate_total = certificate_monthly_share * months),
        CONSTRAINT contracts_certificate_pays CHECK (certificate_total = 0 OR certificate_id IS NOT NULL),
        CONSTRAINT contracts_signed CHECK (status IN ('OFFERED','EXPIRED','CANCELLED') OR signed_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX contracts_offer_expiry ON contracts (offer_expires_at) WHERE status = 'OFFERED'`);
    await q.query(`CREATE INDEX contracts_parent ON contracts (parent_user_id, offered_at DESC)`);
    await q.query(`CREATE INDEX contracts_organization_status ON contracts (organization_id, status)`);
    await q.query(`CREATE INDEX contracts_certificate ON contracts (certificate_id) WHERE certificate_id IS NOT NULL`);

    // Retries of a mutation with the same key return the first result; keys are scoped to the user who sent them.
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id),
        key text NOT NULL,
        operation text NOT NULL,
        result_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'contracts', 'application_events', 'applications']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS contract_number_seq`);
  }
}
