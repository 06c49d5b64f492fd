import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog's read model, kept by triggers in the transaction that changes
 * the data, so it is exact at every commit:
 * - groups.pending_count / waitlist_count: SUBMITTED and WAITLISTED applications;
 * - programs.has_free_seats: an open group with capacity − taken − pending > 0
 *   (DESIGN.md's «full» is the opposite);
 * - catalog_facet_counts: published programs per municipality × direction ×
 *   funding type × format × free-seat state × age (age −1 counts every program
 *   once; age a counts those whose range holds a), so filter-only facets are a
 *   scan of a few thousand rows whatever the catalog's size;
 * - catalog_title_words: the distinct words of published titles with a trigram
 *   index, for typo correction;
 * - catalog_version: bumped by any change of programs or organizations, so cached search
 *   results are checked with one primary-key read.
 * Triggers are statement-level with transition tables: a bulk load costs one
 * aggregate update per statement, not per row; aggregate rows are upserted in
 * key order so concurrent writers cannot deadlock on them.
 */
export class CatalogReadModel1764140000000 implements MigrationInterface {
  name = 'CatalogReadModel1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE groups ADD COLUMN pending_count int NOT NULL DEFAULT 0, ADD COLUMN waitlist_count int NOT NULL DEFAULT 0`);
    await q.query(`UPDATE groups g SET pending_count = a.pending, waitlist_count = a.waiting
      FROM (SELECT group_id, count(*) FILTER (WHERE status = 'SUBMITTED') AS pending, count(*) FILTER (WHERE status = 'WAITLISTED') AS waiting
              FROM applications GROUP BY group_id) a WHERE a.group_id = g.id`);
    await q.query(`ALTER TABLE programs ADD COLUMN has_free_seats boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE programs p SET has_free_seats = true WHERE EXISTS (
      SELECT 1 FROM groups g WHERE g.program_id = p.id AND g.enrollment_open AND g.capacity - g.seats_taken - g.pending_count > 0)`);
    await q.query(`DROP INDEX groups_free_seats`);

    // Applications → the group's pending and waitlist counts.
    await this.statementTriggers(q, 'applications', 'catalog_application_counts', (newRows, oldRows) => `
      BEGIN
        WITH changes AS (
          SELECT group_id, (status = 'SUBMITTED')::int AS pending, (status = 'WAITLISTED')::int AS waiting FROM ${newRows}
          UNION ALL
          SELECT group_id, -(status = 'SUBMITTED')::int, -(status = 'WAITLISTED')::int FROM ${oldRows}
        ), delta AS (
          SELECT group_id, sum(pending)::int AS pending, sum(waiting)::int AS waiting FROM changes GROUP BY group_id
        )
        UPDATE groups g SET pending_count = g.pending_count + d.pending, waitlist_count = g.waitlist_count + d.waiting
          FROM delta d WHERE g.id = d.group_id AND (d.pending <> 0 OR d.waiting <> 0);
        RETURN NULL;
      END `);

    // Groups → the program's free-seat flag.
    await this.statementTriggers(q, 'groups', 'catalog_group_free_seats', (newRows, oldRows) => `
      BEGIN
        WITH touched AS (SELECT program_id FROM ${newRows} UNION SELECT program_id FROM ${oldRows}),
             state AS (
               SELECT t.program_id, EXISTS (SELECT 1 FROM groups g WHERE g.program_id = t.program_id AND g.enrollment_open
                                              AND g.capacity - g.seats_taken - g.pending_count > 0) AS free
                 FROM touched t)
        UPDATE programs p SET has_free_seats = s.free FROM state s WHERE p.id = s.program_id AND p.has_free_seats <> s.free;
        RETURN NULL;
      END `);

    await q.query(`CREATE TABLE catalog_facet_counts (
      age smallint NOT NULL,
      has_free_seats boolean NOT NULL,
      format text NOT NULL,
      municipality_id uuid NOT NULL,
      direction text NOT NULL,
      funding_type text NOT NULL,
      programs int NOT NULL,
      PRIMARY KEY (age, has_free_seats, format, municipality_id, direction, funding_type)
    )`);
    await q.query(`CREATE TABLE catalog_title_words (word text PRIMARY KEY, programs int NOT NULL)`);
    await q.query(`CREATE INDEX catalog_title_words_trgm ON catalog_title_words USING gin (word gin_trgm_ops)`);
    await q.query(`CREATE TABLE catalog_version (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)`);
    await q.query(`INSERT INTO catalog_version VALUES (1, 0)`);

    // Programs → facet counts, title dictionary, version.
    await this.statementTriggers(q, 'programs', 'catalog_program_read_model', (newRows, oldRows) => `
      BEGIN
        INSERT INTO catalog_facet_counts AS c
        SELECT a.age, r.has_free_seats, r.format, r.municipality_id, r.direction, r.funding_type, sum(r.sign)::int
          FROM (SELECT 1 AS sign, * FROM ${newRows} WHERE status = 'PUBLISHED'
                UNION ALL SELECT -1, * FROM ${oldRows} WHERE status = 'PUBLISHED') r
          CROSS JOIN LATERAL (SELECT -1 AS age UNION ALL SELECT generate_series(r.age_from, r.age_to)) a
         GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.sign) <> 0
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (age, has_free_seats, format, municipality_id, direction, funding_type) DO UPDATE SET programs = c.programs + excluded.programs;

        INSERT INTO catalog_title_words AS w
        SELECT t.word, sum(r.sign)::int
          FROM (SELECT 1 AS sign, title FROM ${newRows} WHERE status = 'PUBLISHED'
                UNION ALL SELECT -1, title FROM ${oldRows} WHERE status = 'PUBLISHED') r
          CROSS JOIN LATERAL (SELECT DISTINCT word FROM regexp_split_to_table(lower(r.title), '[^[:alpha:]]+') word WHERE length(word) >= 3) t
         GROUP BY 1 HAVING sum(r.sign) <> 0
         ORDER BY 1
        ON CONFLICT (word) DO UPDATE SET programs = w.programs + excluded.programs;

        UPDATE catalog_version SET version = version + 1 WHERE id = 1;
        RETURN NULL;
      END `);
    await q.query(`
      INSERT INTO catalog_facet_counts
      SELECT a.age, p.has_free_seats, p.format, p.municipality_id, p.direction, p.funding_type, count(*)
        FROM programs p CROSS JOIN LATERAL (SELECT -1 AS age UNION ALL SELECT generate_series(p.age_from, p.age_to)) a
       WHERE p.status = 'PUBLISHED' GROUP BY 1, 2, 3, 4, 5, 6`);
    await q.query(`
      INSERT INTO catalog_title_words
      SELECT t.word, count(*) FROM programs p
        CROSS JOIN LATERAL (SELECT DISTINCT word FROM regexp_split_to_table(lower(p.title), '[^[:alpha:]]+') word WHERE length(word) >= 3) t
       WHERE p.status = 'PUBLISHED' GROUP BY 1`);

    // Search results carry their organizations (name, certificate badge), so an organization's change outdates them too.
    await q.query(`CREATE FUNCTION catalog_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER catalog_organization_changed AFTER INSERT OR UPDATE OR DELETE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_bump()`);

    // Filter-only pages walk these in sort order (keyset); newest first is the default order.
    await q.query(`DROP INDEX programs_public_filters`);
    await q.query(`CREATE INDEX programs_catalog_recent ON programs ((coalesce(published_at, '-infinity')) DESC, id DESC) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX programs_catalog_filters ON programs (municipality_id, direction, funding_type, has_free_seats, (coalesce(published_at, '-infinity')) DESC, id DESC)
      WHERE status = 'PUBLISHED'`);
    // A municipality is the commonest filter, often without a direction: its own walk in date order.
    await q.query(`CREATE INDEX programs_catalog_municipality ON programs (municipality_id, (coalesce(published_at, '-infinity')) DESC, id DESC) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX programs_catalog_free ON programs ((coalesce(published_at, '-infinity')) DESC, id DESC) WHERE status = 'PUBLISHED' AND has_free_seats`);
  }

  /**
   * A trigger with transition tables fires for one event only, so each table
   * gets three functions from one body; the missing side reads as empty.
   */
  private async statementTriggers(q: QueryRunner, table: string, fn: string, body: (newRows: string, oldRows: string) => string): Promise<void> {
    const variants = [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows', 'new_rows', '(SELECT * FROM new_rows WHERE false)'],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'new_rows', 'old_rows'],
      ['del', 'DELETE', 'OLD TABLE AS old_rows', '(SELECT * FROM old_rows WHERE false)', 'old_rows'],
    ];
    for (const [suffix, event, tables, newRows, oldRows] of variants) {
      await q.query(`CREATE FUNCTION ${fn}_${suffix}() RETURNS trigger LANGUAGE plpgsql AS $$${body(newRows, oldRows)}$$`);
      await q.query(`CREATE TRIGGER ${fn}_${suffix} AFTER ${event} ON ${table} REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}_${suffix}()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER catalog_organization_changed ON organizations`);
    await q.query(`DROP FUNCTION catalog_version_bump()`);
    for (const [table, fn] of [['programs', 'catalog_program_read_model'], ['groups', 'catalog_group_free_seats'], ['applications', 'catalog_application_counts']]) {
      for (const suffix of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER ${fn}_${suffix} ON ${table}`);
      await q.query(`DROP FUNCTION ${fn}_ins(), ${fn}_upd(), ${fn}_del()`);
    }
    await q.query(`DROP INDEX programs_catalog_free, programs_catalog_municipality, programs_catalog_filters, programs_catalog_recent`);
    await q.query(`CREATE INDEX programs_public_filters ON programs (status, municipality_id, direction, funding_type)`);
    await q.query(`DROP TABLE catalog_version, catalog_title_words, catalog_facet_counts`);
    await q.query(`CREATE INDEX groups_free_seats ON groups (program_id) WHERE enrollment_open AND seats_taken < capacity`);
    await q.query(`ALTER TABLE programs DROP COLUMN has_free_seats`);
    await q.query(`ALTER TABLE groups DROP COLUMN waitlist_count, DROP COLUMN pending_count`);
  }
}
