import type { MigrationInterface, QueryRunner } from 'typeorm';

const free = (row: string) => `(${row}.enrollment_open AND ${row}.capacity - ${row}.seats_taken - ${row}.pending_count > 0)`;

/** Sets the flag of the given programs from their groups; unchanged flags are not written. */
const recompute = (programIds: string) => `
    UPDATE programs p SET has_free_seats = s.free
      FROM (SELECT t.id, EXISTS (SELECT 1 FROM groups g WHERE g.program_id = t.id AND ${free('g')}) AS free
              FROM programs t WHERE t.id IN (${programIds})) s
     WHERE p.id = s.id AND p.has_free_seats <> s.free;`;

/**
 * A seat change no longer drags the catalog's read model through the rest of
 * its transaction. The statement trigger on groups recomputed the touched
 * programs' free-seat flag on every seat change and sent an UPDATE of
 * programs that fired the programs read-model trigger (facet upsert, title
 * words, version checks) even when nothing changed. When a group did fill up,
 * the transaction then held shared rows — the program, its facet cells and
 * `catalog_seats_version`, one row for the whole catalog — until it
 * committed, round trips to the API included. At a season start every group
 * fills within minutes, and the rush measured those waits as the largest share
 * of the database's time.
 *
 * Updates now go through a row-level constraint trigger that fires only for a
 * group turning full or free (or moving to another program) and is deferred
 * to commit, so the shared rows are held for the commit alone and still
 * change in the same transaction. The program rows are locked before the
 * groups are read, so two groups of one program filling at once cannot both
 * see the other still free and leave the flag set. Inserts and deletes keep
 * the statement triggers: a bulk load pays once per statement.
 */
export class DeferredSeatFlips1764250000000 implements MigrationInterface {
  name = 'DeferredSeatFlips1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER catalog_group_free_seats_upd ON groups`);
    await q.query(`DROP FUNCTION catalog_group_free_seats_upd()`);
    await q.query(`CREATE FUNCTION catalog_group_free_seats_flip() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM programs WHERE id IN (OLD.program_id, NEW.program_id) ORDER BY id FOR UPDATE;
        ${recompute('OLD.program_id, NEW.program_id')}
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER catalog_group_free_seats_flip AFTER UPDATE ON groups
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (${free('OLD')} IS DISTINCT FROM ${free('NEW')} OR OLD.program_id IS DISTINCT FROM NEW.program_id)
      EXECUTE FUNCTION catalog_group_free_seats_flip()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER catalog_group_free_seats_flip ON groups`);
    await q.query(`DROP FUNCTION catalog_group_free_seats_flip()`);
    await q.query(`CREATE FUNCTION catalog_group_free_seats_upd() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${recompute('SELECT program_id FROM new_rows UNION SELECT program_id FROM old_rows')}
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER catalog_group_free_seats_upd AFTER UPDATE ON groups REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION catalog_group_free_seats_upd()`);
  }
}
