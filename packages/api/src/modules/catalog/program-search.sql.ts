import { PLAN_EACH_CALL } from '../../common/sql';
import { ProgramStatus } from './catalog.enums';
import type { Keyset, SortKey } from './catalog-cursor';
import type { ProgramFilter } from './inputs/program-filter.input';

/** Text queries count facets over at most this many matches, so their cost is bounded whatever the catalog's size. */
export const TEXT_MATCH_CAP = 2000;

export const FACETS = ['direction', 'funding_type', 'municipality_id'] as const;
export type Facet = (typeof FACETS)[number];
/** One facet count: [facet, value, programs]; facet `total` (value null) counts the programs passing every filter. */
export type FacetTriple = [Facet | 'total', string | null, string | number];

/** Collects positional parameters for hand-written SQL. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface SearchStatement {
  sql: string;
  values: unknown[];
}

/**
 * One statement per search, one round trip: facet counts (from the maintained
 * aggregates when there is no text, else over the capped match set), the page
 * by keyset, and — only when the exact text matches nothing — the typo
 * fallback through the title-word dictionary. Columns: facets (jsonb
 * [facet, value, count] triples, `total` included), fuzzy, capped, then the
 * page rows with their organizations (`o_` columns; null when the page is
 * empty), ordered by `ord` — numbered after the LIMIT, so the index walk in
 * sort order stops at the page's end. `withFacets` false leaves the facets
 * column null for a filter-only search whose counts the caller has
 * (CatalogFacets).
 */
export function searchStatement(
  filter: ProgramFilter,
  key: SortKey,
  keyset: Keyset | null,
  limit: number,
  programColumns: string,
  organizationColumns: string,
  withFacets = true,
): SearchStatement {
  const params = new Params();
  const text = filter.text?.trim() || undefined;
  const facet: Partial<Record<Facet, string>> = {};
  if (filter.direction) facet.direction = `direction = ${params.add(filter.direction)}`;
  if (filter.fundingType) facet.funding_type = `funding_type = ${params.add(filter.fundingType)}`;
  if (filter.municipalityId) facet.municipality_id = `municipality_id = ${params.add(filter.municipalityId)}`;
  /** Conditions a facet cell and a program share: format and free seats. */
  const shared: string[] = [];
  const onPrograms = (conditions: string[]) => conditions.map((c) => `p.${c}`);
  const program = [`p.status = ${params.add(ProgramStatus.PUBLISHED)}`];
  /** The facet filters as GIN keys, for the text's matches the page is taken from (migration CatalogFacetKeys). */
  const facetKeys = [filter.direction && `dir:${filter.direction}`, filter.fundingType && `fund:${filter.fundingType}`, filter.municipalityId && `mun:${filter.municipalityId}`].filter(Boolean);
  if (text) {
    // Text matches pass these in the GIN index, as keys beside the text (migration CatalogSearchKeys, which spells them the same way).
    const keys = [filter.format && `format:${filter.format}`, filter.hasFreeSeats && 'free', filter.age != null && `age:${filter.age}`, filter.organizationId && `org:${filter.organizationId}`];
    if (keys.some(Boolean)) program.push(`p.catalog_keys @> ${params.add(keys.filter(Boolean))}::text[]`);
  } else {
    if (filter.format) shared.push(`format = ${params.add(filter.format)}`);
    if (filter.hasFreeSeats) shared.push('has_free_seats');
    program.push(...onPrograms(shared));
    if (filter.age != null) {
      const age = params.add(filter.age);
      program.push(`p.age_from <= ${age} AND p.age_to >= ${age}`);
    }
    if (filter.organizationId) program.push(`p.organization_id = ${params.add(filter.organizationId)}`);
  }

  const dir = key.descending ? 'DESC' : 'ASC';
  const pageWhere = [...onPrograms(Object.values(facet))];
  if (keyset) pageWhere.push(`(${key.sql}, p.id) ${key.descending ? '<' : '>'} (${params.add(keyset.value)}::${key.type}, ${params.add(keyset.id)}::uuid)`);
  /** The page's ids in order from `source` (aliased p), then its rows read by id: a few index lookups, whatever the match set's size. */
  const page = (source: string, where: string[]) => `
      ids AS (SELECT p.id, p.sort_key, row_number() OVER () AS ord
                FROM (SELECT p.id, (${key.sql})::text AS sort_key FROM ${source} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                       ORDER BY ${key.sql} ${dir}, p.id ${dir} LIMIT ${limit + 1}) p),
      page AS (SELECT ${programColumns}, ${organizationColumns}, ids.sort_key, ids.ord
                 FROM ids JOIN programs p ON p.id = ids.id JOIN organizations o ON o.id = p.organization_id)`;

  const flags = (prefix: string) => FACETS.map((f) => `${facet[f] ? `${prefix}${facet[f]}` : 'true'} AS ok_${f}`).join(', ');
  let ctes: string;
  /** What a base row counts for in the facets: 1 program, a cell's `programs`, or `none` when the facets are not counted here. */
  let weight: string;
  let fuzzy = 'false';
  let capped = 'false';
  /** The programs passing every filter, counted over the page's source when that is not the facets' base (capped apart). */
  let total: string | null = null;
  if (text) {
    const t = params.add(text);
    // Facets count the matches of every value, so the facet filters stay out of m. When the search has one, the page
    // and total come from a second match with every filter as a key (m is capped, and the filtered matches may lie
    // beyond it), and m carries only what its facets count; otherwise m is the page's source too.
    const pagedFromM = !facetKeys.length;
    // The page's source carries what keysets and every order need, so the page is picked without going back to programs.
    const match = (query: string, extra = '', where = program, forPage = true) => `SELECT p.id, p.direction, p.funding_type, p.municipality_id${
      forPage ? `, p.title, p.monthly_price, p.published_at, ts_rank_cd(p.search_vector, ${query}.q) AS rank` : ''}
        FROM programs p, ${query} WHERE ${extra}p.search_vector @@ ${query}.q AND ${where.join(' AND ')} LIMIT ${TEXT_MATCH_CAP}`;
    ctes = `exact AS (SELECT websearch_to_tsquery('russian', ${t}) AS q),
      m1 AS MATERIALIZED (${match('exact', '', program, pagedFromM)}),
      fixed AS (
        SELECT plainto_tsquery('russian', string_agg(coalesce(
                 (SELECT w.word FROM catalog_title_words w WHERE length(t.word) >= 3 AND w.programs > 0 AND w.word % t.word
                   ORDER BY similarity(w.word, t.word) DESC, w.word LIMIT 1), t.word), ' ' ORDER BY t.n)) AS q
          FROM regexp_split_to_table(lower(${t}), '[^[:alpha:]]+') WITH ORDINALITY AS t(word, n)
         WHERE t.word <> '' AND NOT EXISTS (SELECT 1 FROM m1)),
      m2 AS MATERIALIZED (${match('fixed', 'NOT EXISTS (SELECT 1 FROM m1) AND ', program, pagedFromM)}),
      m AS (SELECT * FROM m1 UNION ALL SELECT * FROM m2),
      fbase AS (SELECT direction, funding_type, municipality_id, ${flags('')} FROM m),`;
    if (pagedFromM) {
      ctes += page('m p', pageWhere);
    } else {
      const narrow = [...program, `p.catalog_keys @> ${params.add(facetKeys)}::text[]`];
      ctes += `
      chosen AS (SELECT CASE WHEN EXISTS (SELECT 1 FROM m1) THEN exact.q ELSE fixed.q END AS q FROM exact, fixed),
      mc AS MATERIALIZED (${match('chosen', '', narrow)}),
      ${page('mc p', pageWhere)}`;
      total = '(SELECT count(*) FROM mc)';
    }
    weight = '1';
    fuzzy = 'NOT EXISTS (SELECT 1 FROM m1)';
    capped = `(SELECT count(*) FROM m) >= ${TEXT_MATCH_CAP}`;
  } else {
    const pageCtes = page('programs p', [...program, ...pageWhere]);
    if (filter.organizationId) {
      // One organization's programs are few: count them directly.
      ctes = `fbase AS (SELECT p.direction, p.funding_type, p.municipality_id, ${flags('p.')} FROM programs p WHERE ${program.join(' AND ')}), ${pageCtes}`;
      weight = '1';
    } else if (!withFacets) {
      ctes = pageCtes;
      weight = 'none';
    } else {
      const cells = [`c.age = ${params.add(filter.age ?? -1)}`, ...shared.map((c) => `c.${c}`)];
      ctes = `fbase AS (SELECT c.direction, c.funding_type, c.municipality_id, c.programs, ${flags('c.')} FROM catalog_facet_counts c WHERE ${cells.join(' AND ')}), ${pageCtes}`;
      weight = 'programs';
    }
  }
  // One pass over the base rows: each facet counts the rows passing the other facets' filters.
  const others = (f: Facet) => FACETS.filter((o) => o !== f).map((o) => `ok_${o}`).join(' AND ');
  const grouped = (f: Facet) => `GROUPING(${f}) = 0`;
  const facetRows = `SELECT CASE ${FACETS.map((f) => `WHEN ${grouped(f)} THEN '${f}'`).join(' ')} ELSE 'total' END AS facet,
           coalesce(${FACETS.map((f) => `${f}::text`).join(', ')}) AS value,
           CASE ${FACETS.map((f) => `WHEN ${grouped(f)} THEN sum(${weight}) FILTER (WHERE ${others(f)})`).join(' ')}
                ELSE sum(${weight}) FILTER (WHERE ${FACETS.map((f) => `ok_${f}`).join(' AND ')}) END AS n
      FROM fbase GROUP BY GROUPING SETS (${FACETS.map((f) => `(${f})`).join(', ')}, ())`;
  const counted = weight !== 'none';
  const facetJson = (where: string) => `(SELECT coalesce(jsonb_agg(jsonb_build_array(facet, value, n)), '[]') FROM facet_rows${where})`;
  const facets = !counted ? 'NULL::jsonb' : total ? `${facetJson(` WHERE facet <> 'total'`)} || jsonb_build_array(jsonb_build_array('total', NULL, ${total}))` : facetJson('');
  // Its best plan depends on the words and filters it is given: planned on every call, never kept prepared.
  const sql = `${PLAN_EACH_CALL} WITH ${ctes}${counted ? `,
    facet_rows AS (${facetRows})` : ''}
    SELECT ${facets} AS facets, ${fuzzy} AS fuzzy, ${capped} AS capped, page.*
      FROM (SELECT 1) one LEFT JOIN page ON true ORDER BY page.ord`;
  return { sql, values: params.values };
}
