import type { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTED = `('SUBMITTED', 'WAITLISTED')`;

/**
 * The group's pending and waitlist counts move only when an application
 * enters or leaves SUBMITTED or WAITLISTED (or changes group). The statement
 * trigger on applications ran on every UPDATE regardless: a signature
 * (CONFIRMED → ENROLLED), an offer's expiry, a waitlist renumbering each paid
 * for both transition tables, the trigger's query and an empty UPDATE of
 * groups that fired the groups' own statement triggers. A row trigger with a
 * WHEN clause is skipped by the executor unless the counts move; when they
 * do, it adjusts the one or two groups concerned (the same name, so the
 * read-model migration's `down` still drops it).
 */
export class ApplicationCountFlips1764410000001 implements MigrationInterface {
  name = 'ApplicationCountFlips1764410000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER catalog_application_counts_upd ON applications`);
    await q.query(`DROP FUNCTION catalog_application_counts_upd()`);
    await q.query(`CREATE FUNCTION catalog_application_counts_upd() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE groups g SET pending_count = g.pending_count + d.pending, waitlist_count = g.waitlist_count + d.waiting
          FROM (SELECT group_id, sum(pending)::int AS pending, sum(waiting)::int AS waiting
                  FROM (VALUES (NEW.group_id, (NEW.status = 'SUBMITTED')::int, (NEW.status = 'WAITLISTED')::int),
                               (OLD.group_id, -(OLD.status = 'SUBMITTED')::int, -(OLD.status = 'WAITLISTED')::int)) AS c(group_id, pending, waiting)
                 GROUP BY group_id) d
         WHERE g.id = d.group_id AND (d.pending <> 0 OR d.waiting <> 0);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER catalog_application_counts_upd AFTER UPDATE OF status, group_id ON applications FOR EACH ROW
      WHEN ((OLD.status IS DISTINCT FROM NEW.status OR OLD.group_id IS DISTINCT FROM NEW.group_id)
            AND (OLD.status IN ${COUNTED} OR NEW.status IN ${COUNTED}))
      EXECUTE FUNCTION catalog_application_counts_upd()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER catalog_application_counts_upd ON applications`);
    await q.query(`DROP FUNCTION catalog_application_counts_upd()`);
    await q.query(`CREATE FUNCTION catalog_application_counts_upd() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        WITH changes AS (
          SELECT group_id, (status = 'SUBMITTED')::int AS pending, (status = 'WAITLISTED')::int AS waiting FROM new_rows
          UNION ALL
          SELECT group_id, -(status = 'SUBMITTED')::int, -(status = 'WAITLISTED')::int FROM old_rows
        ), delta AS (
          SELECT group_id, sum(pending)::int AS pending, sum(waiting)::int AS waiting FROM changes GROUP BY group_id
        )
        UPDATE groups g SET pending_count = g.pending_count + d.pending, waitlist_count = g.waitlist_count + d.waiting
          FROM delta d WHERE g.id = d.group_id AND (d.pending <> 0 OR d.waiting <> 0);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER catalog_application_counts_upd AFTER UPDATE ON applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION catalog_application_counts_upd()`);
  }
}
