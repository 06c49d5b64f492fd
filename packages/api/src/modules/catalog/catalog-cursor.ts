import { BadInputError } from '../../common/errors';
import { ProgramOrder } from './inputs/program-filter.input';

/** How each order walks the catalog: the sort key (SQL over `m`, the matched row), its type for the keyset comparison, and its direction. */
export interface SortKey {
  tag: string;
  sql: string;
  type: 'real' | 'text' | 'bigint' | 'timestamptz';
  descending: boolean;
}

const PUBLISHED = `coalesce(p.published_at, '-infinity')`;

export function sortKey(orderBy: ProgramOrder, textRank: string | null): SortKey {
  switch (orderBy) {
    case ProgramOrder.TITLE:
      return { tag: 't', sql: 'p.title', type: 'text', descending: false };
    case ProgramOrder.PRICE_ASC:
      return { tag: 'pa', sql: 'p.monthly_price', type: 'bigint', descending: false };
    case ProgramOrder.PRICE_DESC:
      return { tag: 'pd', sql: 'p.monthly_price', type: 'bigint', descending: true };
    case ProgramOrder.RELEVANCE:
      if (textRank) return { tag: 'r', sql: textRank, type: 'real', descending: true };
      return { tag: 'n', sql: PUBLISHED, type: 'timestamptz', descending: true };
    case ProgramOrder.NEWEST:
      return { tag: 'n', sql: PUBLISHED, type: 'timestamptz', descending: true };
  }
}

export interface Keyset {
  value: string;
  id: string;
}

/** Cursors are opaque to clients: the order they belong to, the sort key of the last row (as Postgres prints it) and its id. */
export function encodeKeyset(key: SortKey, value: string, id: string): string {
  return Buffer.from(JSON.stringify([key.tag, value, id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VALID: Record<SortKey['type'], (v: string) => boolean> = {
  real: (v) => /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v),
  bigint: (v) => /^-?\d{1,18}$/.test(v),
  text: (v) => v.length <= 1000,
  timestamptz: (v) => v === '-infinity' || /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/.test(v),
};

/** A malformed cursor, or one from another order, is the client's mistake (BAD_USER_INPUT), never a database error. */
export function decodeKeyset(cursor: string | null | undefined, key: SortKey): Keyset | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === key.tag && typeof parsed[1] === 'string' && typeof parsed[2] === 'string') {
    const [, value, id] = parsed as [string, string, string];
    if (UUID.test(id) && VALID[key.type](value)) return { value, id };
  }
  throw new BadInputError('Неверный курсор страницы', 'after');
}
