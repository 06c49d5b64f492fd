import type { MigrationInterface, QueryRunner } from 'typeorm';

const KEYS_V1 = `RETURN ARRAY['format:' || format, 'org:' || organization_id] || CASE WHEN free THEN ARRAY['free'] ELSE ARRAY[]::text[] END
             || ARRAY(SELECT 'age:' || a FROM generate_series(age_from, age_to) a)`;

/**
 * A text search filtered by municipality, direction or funding type showed
 * only the filtered programs among the first TEXT_MATCH_CAP matches of the
 * text: its facet counts need the matches of the other values too, so those
 * filters were applied after the cap. With a common word at 100k programs
 * («основы» matches most of the catalog) a parent filtering by their own
 * municipality saw a fraction of its programs, and the total said so. Now the
 * keys also carry `mun:<id>`, `dir:<direction>` and `fund:<funding type>`:
 * a text search with such a filter takes its page and total from a second,
 * capped match of the text with every filter in the index, and its facets
 * from the unfiltered match set.
 */
export class CatalogFacetKeys1764500000000 implements MigrationInterface {
  name = 'CatalogFacetKeys1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION catalog_search_keys(format text, free boolean, age_from int, age_to int, organization_id uuid,
                     municipality_id uuid, direction text, funding_type text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      ${KEYS_V1} || ARRAY['mun:' || municipality_id, 'dir:' || direction, 'fund:' || funding_type]`);
    await replaceKeys(q, 'format, has_free_seats, age_from, age_to, organization_id, municipality_id, direction, funding_type');
    await q.query(`DROP FUNCTION catalog_search_keys(text, boolean, int, int, uuid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION catalog_search_keys(format text, free boolean, age_from int, age_to int, organization_id uuid) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      ${KEYS_V1}`);
    await replaceKeys(q, 'format, has_free_seats, age_from, age_to, organization_id');
    await q.query(`DROP FUNCTION catalog_search_keys(text, boolean, int, int, uuid, uuid, text, text)`);
  }
}

/** A generated column's expression is replaced by re-adding the column (SET EXPRESSION needs PostgreSQL 17); its index goes with it. */
async function replaceKeys(q: QueryRunner, args: string): Promise<void> {
  await q.query(`ALTER TABLE programs DROP COLUMN catalog_keys`);
  await q.query(`ALTER TABLE programs ADD COLUMN catalog_keys text[] NOT NULL GENERATED ALWAYS AS (catalog_search_keys(${args})) STORED`);
  await q.query(`CREATE INDEX programs_search ON programs USING gin (search_vector, catalog_keys)`);
}
