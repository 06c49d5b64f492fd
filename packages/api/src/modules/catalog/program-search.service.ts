import { DataSource, In } from 'typeorm';
import { Service } from '../../common/container';
import { decodeCursor, pageSize, toPage } from '../../common/pagination';
import { ProgramStatus } from './catalog.enums';
import { type ProgramFilter, ProgramOrder } from './inputs/program-filter.input';
import type { FacetCount, ProgramConnection } from './program-connection.type';
import { Program } from './program.entity';

type Facet = 'direction' | 'funding_type' | 'municipality_id';
const FACETS: Facet[] = ['direction', 'funding_type', 'municipality_id'];

/** Collects positional parameters for hand-written SQL. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

interface Conditions {
  params: Params;
  /** Conditions that are not facets (text, age, format, …). */
  common: string[];
  /** The condition each facet dimension contributes, when filtered. */
  facet: Partial<Record<Facet, string>>;
  rank: string;
}

@Service()
export class ProgramSearchService {
  constructor(private readonly dataSource: DataSource) {}

  async search(given?: ProgramFilter | null, first?: number | null, after?: string | null, order?: ProgramOrder | null): Promise<ProgramConnection> {
    // GraphQL lets a client send an explicit null for an argument with a default.
    const orderBy = order ?? ProgramOrder.RELEVANCE;
    const filter = given ?? {};
    const limit = pageSize(first);
    const offset = decodeCursor(after);
    const text = filter.text?.trim() || undefined;

    let fuzzy = false;
    let result = await this.run({ ...filter, text }, 'fulltext', limit, offset, orderBy);
    if (text && result.totalCount === 0) {
      fuzzy = true;
      result = await this.run({ ...filter, text }, 'typo', limit, offset, orderBy);
    }
    return { ...result, fuzzy };
  }

  private async run(filter: ProgramFilter, mode: 'fulltext' | 'typo', limit: number, offset: number, orderBy: ProgramOrder) {
    const where = this.conditions(filter, mode);
    // Facets and the page are independent: run them side by side on two pooled connections.
    const [facetRows, pageRows]: [{ facet: string; value: string | null; count: string }[], { id: string }[]] = await Promise.all([
      this.dataSource.query(this.facetSql(where), where.params.values),
      this.dataSource.query(this.pageSql(where, orderBy, limit, offset), where.params.values),
    ]);

    const ids = pageRows.map((r) => r.id);
    const programs = ids.length ? await this.dataSource.getRepository(Program).find({ where: { id: In(ids) } }) : [];
    const byId = new Map(programs.map((p) => [p.id, p]));
    const ordered = ids.map((id) => byId.get(id)).filter((p): p is Program => !!p);

    const counts = (facet: string): FacetCount[] =>
      facetRows
        .filter((r) => r.facet === facet && r.value !== null)
        .map((r) => ({ value: r.value as string, count: Number(r.count) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const total = facetRows.find((r) => r.facet === 'total');

    return {
      ...toPage(ordered, offset, limit, total ? Number(total.count) : 0),
      facets: { directions: counts('direction'), fundingTypes: counts('funding_type'), municipalities: counts('municipality_id') },
    };
  }

  private conditions(filter: ProgramFilter, mode: 'fulltext' | 'typo'): Conditions {
    const params = new Params();
    const common = [`p.status = ${params.add(ProgramStatus.PUBLISHED)}`];
    let rank = '0';
    if (filter.text) {
      const q = params.add(filter.text);
      if (mode === 'fulltext') {
        common.push(`p.search_vector @@ websearch_to_tsquery('russian', ${q})`);
        rank = `ts_rank_cd(p.search_vector, websearch_to_tsquery('russian', ${q}))`;
      } else {
        // `<%` uses the trigram index with the threshold set per connection (see db/data-source.ts).
        common.push(`lower(${q}) <% lower(p.title)`);
        rank = `word_similarity(lower(${q}), lower(p.title))`;
      }
    }
    if (filter.age != null) {
      const age = params.add(filter.age);
      common.push(`p.age_from <= ${age} AND p.age_to >= ${age}`);
    }
    if (filter.organizationId) common.push(`p.organization_id = ${params.add(filter.organizationId)}`);
    if (filter.format) common.push(`p.format = ${params.add(filter.format)}`);
    if (filter.hasFreeSeats) {
      common.push(`EXISTS (SELECT 1 FROM groups g WHERE g.program_id = p.id AND g.enrollment_open AND g.seats_taken < g.capacity)`);
    }
    const facet: Conditions['facet'] = {};
    if (filter.direction) facet.direction = `p.direction = ${params.add(filter.direction)}`;
    if (filter.fundingType) facet.funding_type = `p.funding_type = ${params.add(filter.fundingType)}`;
    if (filter.municipalityId) facet.municipality_id = `p.municipality_id = ${params.add(filter.municipalityId)}`;
    return { params, common, facet, rank };
  }

  /**
   * One scan for all facets and the total: each row carries whether it passes
   * each facet's own filter, and each facet counts rows passing the others.
   */
  private facetSql(c: Conditions): string {
    const flag = (f: Facet) => `${c.facet[f] ?? 'true'} AS ok_${f}`;
    const others = (f: Facet) => FACETS.filter((o) => o !== f).map((o) => `ok_${o}`).join(' AND ');
    const parts = FACETS.map(
      (f) => `SELECT '${f}' AS facet, ${f}::text AS value, count(*) AS count FROM base WHERE ${others(f)} GROUP BY ${f}`,
    );
    parts.push(`SELECT 'total', NULL, count(*) FROM base WHERE ${FACETS.map((f) => `ok_${f}`).join(' AND ')}`);
    return `WITH base AS MATERIALIZED (
      SELECT p.direction, p.funding_type, p.municipality_id, ${FACETS.map(flag).join(', ')}
        FROM programs p WHERE ${c.common.join(' AND ')}
    ) ${parts.join(' UNION ALL ')}`;
  }

  private pageSql(c: Conditions, orderBy: ProgramOrder, limit: number, offset: number): string {
    const where = [...c.common, ...Object.values(c.facet)].join(' AND ');
    const order: Record<ProgramOrder, string> = {
      [ProgramOrder.RELEVANCE]: c.rank === '0' ? 'p.published_at DESC NULLS LAST' : `${c.rank} DESC`,
      [ProgramOrder.TITLE]: 'p.title ASC',
      [ProgramOrder.PRICE_ASC]: 'p.monthly_price ASC',
      [ProgramOrder.PRICE_DESC]: 'p.monthly_price DESC',
      [ProgramOrder.NEWEST]: 'p.published_at DESC NULLS LAST',
    };
    // The id tie-break keeps pages stable when sort keys are equal.
    return `SELECT p.id FROM programs p WHERE ${where} ORDER BY ${order[orderBy]}, p.id LIMIT ${limit + 1} OFFSET ${offset}`;
  }
}
