import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every transition that tells an organization's staff (a submission, and
 * every notice CTE, which evaluates the staff branch for each notice row)
 * looked the staff up by `users.organization_id`, which had no index: a
 * sequential scan of all users, parents included, so its cost grew with the
 * number of families — at the rush's full size about 20,000 rows read per
 * notice, the largest part of why PostgreSQL's CPU per request grew with
 * the data. Partial on the staff role: parents (almost every row) stay out
 * of it, and the lookup is a few buffer hits whatever the size.
 */
export class StaffNoticeIndex1764410000000 implements MigrationInterface {
  name = 'StaffNoticeIndex1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX users_organization_staff ON users (organization_id) WHERE role = 'PROVIDER_STAFF'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_organization_staff`);
  }
}
