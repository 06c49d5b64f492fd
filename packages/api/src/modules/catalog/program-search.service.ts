import { DataSource } from 'typeorm';
import { Service } from '../../common/container';
import { EntityRows } from '../../common/entity-rows';
import { pageSize } from '../../common/pagination';
import { CatalogCache } from './catalog-cache';
import { CatalogFacets } from './catalog-facets';
import { decodeKeyset, encodeKeyset, sortKey } from './catalog-cursor';
import { type ProgramFilter, ProgramOrder } from './inputs/program-filter.input';
import type { FacetCount, ProgramConnection } from './program-connection.type';
import { type FacetTriple, searchStatement } from './program-search.sql';
import { Organization } from './organization.entity';
import { Program } from './program.entity';

type SearchRow = { facets: FacetTriple[] | null; fuzzy: boolean; capped: boolean; sort_key: string | null } & Record<string, unknown>;

@Service()
export class ProgramSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: CatalogCache,
    private readonly facets: CatalogFacets,
  ) {}

  async search(given?: ProgramFilter | null, first?: number | null, after?: string | null, order?: ProgramOrder | null): Promise<ProgramConnection> {
    // GraphQL lets a client send an explicit null for an argument with a default.
    const orderBy = order ?? ProgramOrder.RELEVANCE;
    const filter = given ?? {};
    const limit = pageSize(first);
    const text = filter.text?.trim() || undefined;
    const key = sortKey(orderBy, text ? 'p.rank' : null);
    const keyset = decodeKeyset(after, key);
    const normalized = { ...filter, text };
    return this.cache.read(JSON.stringify([normalized, limit, after ?? null, key.tag]), async () => {
      const programs = new EntityRows(this.dataSource, Program);
      const organizations = new EntityRows(this.dataSource, Organization, 'o_');
      // Filter-only counts come from the process's copy of the aggregate cells when it has one; the statement then only pages.
      const counted = text || filter.organizationId ? null : await this.facets.count(normalized);
      const { sql, values } = searchStatement(normalized, key, keyset, limit, programs.select('p'), organizations.select('o'), counted === null);
      const rows: SearchRow[] = await this.dataSource.query(sql, values);
      const [first] = rows;
      // Page rows become entities here, once: resolvers get everything the card needs without reading programs again.
      const nodes = rows
        .filter((r) => r.sort_key !== null)
        .map((r) => ({ program: programs.hydrate(r), organization: organizations.hydrate(r), sortKey: r.sort_key as string }));
      const items = nodes.slice(0, limit);
      const edges = items.map(({ program, sortKey: value }) => ({ cursor: encodeKeyset(key, value, program.id), node: program }));
      const facetRows = (counted ?? first.facets ?? []).map(([facet, value, n]) => ({ facet, value, count: Number(n) }));
      const counts = (facet: string): FacetCount[] =>
        facetRows
          .filter((r) => r.facet === facet && r.value !== null && r.count > 0)
          .map((r) => ({ value: r.value as string, count: r.count }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      return {
        edges,
        pageInfo: { hasNextPage: nodes.length > limit, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
        totalCount: facetRows.find((r) => r.facet === 'total')?.count ?? 0,
        facets: { directions: counts('direction'), fundingTypes: counts('funding_type'), municipalities: counts('municipality_id') },
        fuzzy: first.fuzzy,
        countsCapped: first.capped,
        organizations: items.map((n) => n.organization),
      };
    }, { dependsOnSeats: !!filter.hasFreeSeats });
  }
}
