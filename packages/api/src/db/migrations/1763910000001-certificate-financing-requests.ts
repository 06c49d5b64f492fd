import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateFinancingRequests1763910000001 implements MigrationInterface {
  name = 'CertificateFinancingRequests1763910000001';

  async up(q: QueryRunner): Promise<void> {
    // A parent's request for financing waits here for the operator where financing is not automatic.
    await q.query(`ALTER TABLE certificates ADD COLUMN financing_requested_at timestamptz`);
    await q.query(`CREATE INDEX certificates_financing_requested ON certificates (municipality_id) WHERE financing_requested_at IS NOT NULL AND status = 'ACCOUNTING'`);
    // Accounts are found by "the period containing a date": two overlapping periods would make that ambiguous.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      ALTER TABLE certificate_periods ADD CONSTRAINT certificate_periods_no_overlap
      EXCLUDE USING gist (municipality_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificate_periods DROP CONSTRAINT certificate_periods_no_overlap`);
    await q.query(`ALTER TABLE certificates DROP COLUMN financing_requested_at`);
  }
}
