import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { BadInputError } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

// Plain data: fields read as properties, without type-graphql's per-field middleware pipeline.
@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** Cursors are opaque to clients; inside they are the offset of the row after which the page starts. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** Far beyond any list the system holds; keeps a forged cursor's offset inside what Postgres and JS count exactly. */
const MAX_CURSOR_OFFSET = 10_000_000;

export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  const offset = match ? Number(match[1]) : NaN;
  if (!(offset <= MAX_CURSOR_OFFSET)) throw new BadInputError('Неверный курсор страницы', 'after');
  return offset + 1;
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadInputError(`Размер страницы должен быть от 1 до ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a page from rows fetched with `limit + 1` starting at `offset`. */
export function toPage<T>(rows: T[], offset: number, limit: number, totalCount: number): Page<T> {
  const items = rows.slice(0, limit);
  const edges = items.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount,
  };
}

/** Relay-style connection types for any node type: `Connection(Program)` → `ProgramConnection`. */
export function Connection<T extends object>(node: ClassType<T>) {
  @ObjectType(`${node.name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return ConnectionClass;
}
