import { Service } from '../../common/container';
import type { GraphQLContext } from '../../common/graphql-context';
import { CatalogCache } from './catalog-cache';
import { CatalogChanges } from './catalog-changes';
import { Group } from './group.entity';

/** Programs whose groups are kept; a page shows 20, a season's browsing touches a few thousand. */
const MAX_PROGRAMS = 20_000;

/**
 * A program's groups, earliest start first. For an anonymous catalog answer
 * (one CatalogResponses may keep) they are kept per program while
 * CatalogChanges hears no change of that program's groups, so an answer
 * computed again after a seat was taken elsewhere reads no groups at all.
 * Signed-in readers (staff editing groups, a parent who just applied) always
 * read the rows: they must see their own writes, not wait for the notice.
 */
@Service()
export class ProgramGroups {
  private readonly kept = new Map<string, { since: number; groups: Group[] }>();

  constructor(
    private readonly changes: CatalogChanges,
    private readonly cache: CatalogCache,
  ) {}

  async of(programId: string, ctx: GraphQLContext): Promise<Group[]> {
    const load = () => ctx.loaders.manyBy(Group, 'programId', { startsOn: 'ASC', name: 'ASC' }).load(programId);
    if (!ctx.catalogReads || !this.cache.enabled) return load();
    const dependencies = { catalog: false, groupsOf: [programId] };
    const entry = this.kept.get(programId);
    if (entry && this.changes.holds(entry.since, dependencies)) return entry.groups;
    const since = this.changes.now();
    const groups = await load();
    this.kept.delete(programId);
    if (since !== null && this.changes.holds(since, dependencies)) {
      this.kept.set(programId, { since, groups });
      if (this.kept.size > MAX_PROGRAMS) this.kept.delete(this.kept.keys().next().value as string);
    }
    return groups;
  }
}
