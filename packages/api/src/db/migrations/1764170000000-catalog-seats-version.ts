import type { MigrationInterface, QueryRunner } from 'typeorm';

const BUMP = 'UPDATE catalog_version SET version = version + 1 WHERE id = 1;';
// Set differences, not a join: transition tables have no index, and a bulk update must stay linear.
const SPLIT_BUMP = `IF EXISTS (SELECT to_jsonb(n) - 'has_free_seats' FROM new_rows n EXCEPT SELECT to_jsonb(o) - 'has_free_seats' FROM old_rows o) THEN
          ${BUMP}
        ELSIF EXISTS (SELECT id, has_free_seats FROM new_rows EXCEPT SELECT id, has_free_seats FROM old_rows) THEN
          UPDATE catalog_seats_version SET version = version + 1 WHERE id = 1;
        END IF;`;

/**
 * A program filling up no longer outdates every cached search. At a season
 * start groups fill by the minute, and each last seat flipped
 * `programs.has_free_seats`, which bumped `catalog_version` and emptied the
 * whole search cache exactly when it was needed. Now a statement that changes
 * only free-seat flags bumps `catalog_seats_version` instead: searches filtered
 * by free seats depend on both versions, every other search only on
 * `catalog_version` (its facet counts add both free-seat states, and cards read
 * the flag from the live groups). An update that changes nothing bumps nothing.
 *
 * Only the update trigger's bump changes; the function is edited in place (not
 * re-declared) so the read-model body keeps one definition, in the migration
 * that made it.
 */
export class CatalogSeatsVersion1764170000000 implements MigrationInterface {
  name = 'CatalogSeatsVersion1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE catalog_seats_version (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)`);
    await q.query(`INSERT INTO catalog_seats_version VALUES (1, 0)`);
    const def = await updateTrigger(q);
    if (!def.includes(BUMP)) throw new Error('catalog_program_read_model_upd does not bump catalog_version as expected');
    await q.query(def.replace(BUMP, SPLIT_BUMP));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query((await updateTrigger(q)).replace(SPLIT_BUMP, BUMP));
    await q.query(`DROP TABLE catalog_seats_version`);
  }
}

async function updateTrigger(q: QueryRunner): Promise<string> {
  const [{ def }] = await q.query(`SELECT pg_get_functiondef('catalog_program_read_model_upd'::regproc) AS def`);
  return def;
}
