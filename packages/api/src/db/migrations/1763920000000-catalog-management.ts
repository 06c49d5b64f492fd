import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The write side of the catalog: when a program entered and left
 * certification, and the invariants the services rely on, backed by the
 * database (a connected organization has a license on record; a BUDGET
 * program is free; a rejected certification says why).
 */
export class CatalogManagement1763920000000 implements MigrationInterface {
  name = 'CatalogManagement1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT organizations_pf_needs_license
      CHECK (NOT pf_connected OR (license_number IS NOT NULL AND license_date IS NOT NULL))`);
    await q.query(`ALTER TABLE organizations ADD COLUMN pf_connected_at timestamptz`);

    await q.query(`ALTER TABLE programs ADD COLUMN certification_submitted_at timestamptz`);
    await q.query(`ALTER TABLE programs ADD COLUMN certified_at timestamptz`);
    await q.query(`UPDATE programs SET certification_submitted_at = created_at WHERE certification_status <> 'NOT_SUBMITTED'`);
    await q.query(`UPDATE programs SET certified_at = created_at WHERE certification_status = 'CERTIFIED'`);
    await q.query(`ALTER TABLE programs ADD CONSTRAINT programs_budget_is_free CHECK (funding_type <> 'BUDGET' OR monthly_price = 0)`);
    await q.query(`ALTER TABLE programs ADD CONSTRAINT programs_rejected_has_reason
      CHECK (certification_status <> 'REJECTED' OR certification_reject_reason IS NOT NULL)`);
    // Only CERTIFICATE programs go through certification.
    await q.query(`ALTER TABLE programs ADD CONSTRAINT programs_certification_for_certificate_only
      CHECK (funding_type = 'CERTIFICATE' OR certification_status = 'NOT_SUBMITTED')`);
    // The МОЦ's queue: oldest submission first, per municipality.
    await q.query(`CREATE INDEX programs_awaiting_certification ON programs (certification_submitted_at) WHERE certification_status = 'SUBMITTED'`);

    await q.query(`ALTER TABLE groups ADD CONSTRAINT groups_schedule_is_array CHECK (jsonb_typeof(schedule) = 'array')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE groups DROP CONSTRAINT groups_schedule_is_array`);
    await q.query(`DROP INDEX programs_awaiting_certification`);
    await q.query(`ALTER TABLE programs DROP CONSTRAINT programs_certification_for_certificate_only`);
    await q.query(`ALTER TABLE programs DROP CONSTRAINT programs_rejected_has_reason`);
    await q.query(`ALTER TABLE programs DROP CONSTRAINT programs_budget_is_free`);
    await q.query(`ALTER TABLE programs DROP COLUMN certified_at`);
    await q.query(`ALTER TABLE programs DROP COLUMN certification_submitted_at`);
    await q.query(`ALTER TABLE organizations DROP COLUMN pf_connected_at`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_pf_needs_license`);
  }
}
