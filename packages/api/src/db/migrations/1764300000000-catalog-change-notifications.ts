import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Above this many programs in one statement, one `groups` notice replaces the per-program ones (a bulk load would flood the queue). */
const PER_PROGRAM_LIMIT = 100;

/**
 * Tells every API process, by `NOTIFY catalog_changes`, what a committed
 * transaction changed in the catalog, so cached searches and answers are
 * checked in memory instead of by a read per request:
 * - `catalog`: catalog_version was bumped (programs or organizations changed);
 * - `seats`: catalog_seats_version was bumped (some program's free-seat flag flipped);
 * - `program:<id>`: that program's groups changed (seats, pending, waitlist, anything in the row);
 * - `groups`: more programs' groups changed at once than are worth naming.
 * NOTIFY is sent at commit and a transaction's duplicates are folded into one,
 * so a notice never reaches a listener before the change is visible.
 * Municipalities now bump catalog_version too: a card names its
 * municipality, and kept answers must not outlive a rename.
 */
export class CatalogChangeNotifications1764300000000 implements MigrationInterface {
  name = 'CatalogChangeNotifications1764300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, payload] of [['catalog_version', 'catalog'], ['catalog_seats_version', 'seats']]) {
      await q.query(`CREATE FUNCTION ${table}_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('catalog_changes', '${payload}'); RETURN NULL; END $$`);
      await q.query(`CREATE TRIGGER ${table}_notify AFTER UPDATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_notify()`);
    }
    await q.query(`CREATE TRIGGER catalog_municipality_changed AFTER INSERT OR UPDATE OR DELETE ON municipalities FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_bump()`);
    const variants = [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows', 'SELECT program_id FROM new_rows'],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'SELECT program_id FROM new_rows UNION SELECT program_id FROM old_rows'],
      ['del', 'DELETE', 'OLD TABLE AS old_rows', 'SELECT program_id FROM old_rows'],
    ];
    for (const [suffix, event, tables, touched] of variants) {
      await q.query(`CREATE FUNCTION catalog_groups_notify_${suffix}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE programs uuid[];
        BEGIN
          SELECT array_agg(DISTINCT program_id) INTO programs FROM (${touched}) t;
          IF cardinality(programs) > ${PER_PROGRAM_LIMIT} THEN
            PERFORM pg_notify('catalog_changes', 'groups');
          ELSIF programs IS NOT NULL THEN
            PERFORM pg_notify('catalog_changes', 'program:' || p) FROM unnest(programs) p;
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER catalog_groups_notify_${suffix} AFTER ${event} ON groups REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION catalog_groups_notify_${suffix}()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER catalog_municipality_changed ON municipalities`);
    for (const suffix of ['ins', 'upd', 'del']) {
      await q.query(`DROP TRIGGER catalog_groups_notify_${suffix} ON groups`);
      await q.query(`DROP FUNCTION catalog_groups_notify_${suffix}()`);
    }
    for (const table of ['catalog_version', 'catalog_seats_version']) {
      await q.query(`DROP TRIGGER ${table}_notify ON ${table}`);
      await q.query(`DROP FUNCTION ${table}_notify()`);
    }
  }
}
