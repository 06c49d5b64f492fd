import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import {
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { AppSettings, Service } from '../../common/container';
import type { CatalogReads, GraphQLContext } from '../../common/graphql-context';
import { readSessionToken } from '../accounts/session-cookie';
import { CatalogCache } from './catalog-cache';
import { CatalogChanges } from './catalog-changes';

/** Bytes of kept answers (a page of 20 cards with their groups is ~10–20 kB). */
const MAX_BYTES = 64 * 1024 * 1024;

const PROGRAM_ROW =
  'id organizationId municipalityId title description direction fundingType format ageFrom ageTo durationMonths academicHours monthlyPrice ' +
  'normativeMonthlyCost address latitude longitude teacher tags status certificationStatus certificationRejectReason certificationSubmittedAt ' +
  'certifiedAt publishedAt createdAt updatedAt';

/**
 * The fields an answer kept whole may contain: what the search returns and
 * the rows of programs, organizations, groups and municipalities — everything
 * the change notices cover. A field not listed (a municipality's periods or
 * support centre, anything another module adds) makes the operation run every
 * time, which is always correct.
 */
const KEPT_FIELDS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries({
    Query: 'programs',
    ProgramConnection: 'totalCount fuzzy countsCapped pageInfo edges facets',
    PageInfo: 'hasNextPage endCursor',
    ProgramEdge: 'cursor node',
    ProgramFacets: 'directions fundingTypes municipalities',
    FacetCount: 'value count',
    Program: `${PROGRAM_ROW} organization municipality groups hasFreeSeats certificatePaymentAvailable certificateMonthlyShare parentMonthlyCopayment`,
    Organization:
      'id municipalityId municipality name shortName type inn licenseNumber licenseDate address phone email website description logoUrl pfConnected pfConnectedAt createdAt updatedAt',
    Municipality: 'id regionCode code name autoFinancing',
    Group: 'id programId name schedule startsOn endsOn capacity seatsTaken waitlistLength address teacher enrollmentOpen freeSeats',
    ScheduleSlot: 'weekday startTime endTime',
  }).map(([type, fields]) => [type, new Set(fields.split(' '))]),
);

function readsOnlyKeptFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const visiting = new Set<string>();
  const walk = (type: GraphQLCompositeType, set: SelectionSetNode): boolean =>
    set.selections.every((s) => {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === '__typename') return true;
        if (!isObjectType(type) || !KEPT_FIELDS[type.name]?.has(s.name.value)) return false;
        const fieldType = getNamedType(type.getFields()[s.name.value].type);
        return !s.selectionSet || (isCompositeType(fieldType) && walk(fieldType, s.selectionSet));
      }
      const on = s.kind === Kind.INLINE_FRAGMENT ? s.typeCondition : fragments.get(s.name.value)?.typeCondition;
      const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)?.selectionSet;
      const innerType = on ? schema.getType(on.name.value) : type;
      if (!inner || !innerType || !isCompositeType(innerType)) return false;
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        // Validation refuses cycles; this guard only keeps the walk finite before it runs.
        if (visiting.has(s.name.value)) return false;
        visiting.add(s.name.value);
        const ok = walk(innerType, inner);
        visiting.delete(s.name.value);
        return ok;
      }
      return walk(innerType, inner);
    });
  const root = schema.getQueryType();
  return operation.operation === 'query' && !!root && walk(root, operation.selectionSet);
}

interface Kept {
  since: number;
  freeSeats: boolean;
  groupsOf: string[];
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/** A request whose answer may be kept: its key, the stamp taken before it ran, and what its resolvers say it read. */
export interface Pending {
  key: string;
  since: number;
  reads: CatalogReads;
}

/**
 * Whole answers to anonymous catalog queries, by request (method, Accept,
 * query or persisted-query hash, operation name, variables), replayed with
 * their headers (Cache-Control, ETag; 304 when the client holds the body)
 * without parsing, executing or serializing anything. An answer holds while
 * the catalog, the programs' free-seat flags when the search filtered by
 * them, and the groups of the programs it shows stand still — each checked
 * in memory against CatalogChanges, so a seat taken in one program outdates
 * only the answers showing that program.
 */
@Service()
export class CatalogResponses {
  private readonly entries = new Map<string, Kept>();
  private readonly checked = new WeakMap<OperationDefinitionNode, boolean>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly changes: CatalogChanges,
    private readonly cache: CatalogCache,
    private readonly settings: AppSettings,
  ) {}

  /**
   * Answers from a kept answer when one holds — before the query is even
   * parsed: it was measured against the query limits when it was computed —
   * else marks the request (pendingAnswer) for GraphQL to keep its answer.
   */
  serveKept(): RequestHandler {
    return (req, res, next) => {
      const key = this.cache.enabled ? requestKey(req) : null;
      if (!key) return next();
      const kept = this.entries.get(key);
      if (kept && this.changes.holds(kept.since, kept)) {
        this.hits++;
        this.cache.countHit();
        this.entries.delete(key);
        this.entries.set(key, kept);
        return this.send(req, res, kept);
      }
      this.misses++;
      const since = this.changes.now();
      if (since !== null) (res.locals as Locals).catalogPending = { key, since, reads: { freeSeats: false, groupsOf: new Set(), cacheable: false } };
      next();
    };
  }

  private send(req: Request, res: Response, kept: Kept): void {
    for (const [name, value] of kept.headers) res.setHeader(name, value);
    const etag = kept.headers.find(([name]) => name === 'etag')?.[1];
    if (etag && req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = kept.status;
    res.setHeader('content-length', kept.body.length);
    res.end(kept.body);
  }

  /** Keeps an answer that succeeded and read only covered fields, unless something it read changed while it ran. */
  keep(pending: Pending, status: number, headers: [string, string][], body: string): void {
    const { reads, since, key } = pending;
    const kept: Kept = { since, freeSeats: reads.freeSeats, groupsOf: [...reads.groupsOf], status, headers, body: Buffer.from(body) };
    if (!reads.cacheable || status !== 200 || !this.changes.holds(since, kept)) return;
    this.forget(key);
    this.entries.set(key, kept);
    this.bytes += kept.body.length;
    while (this.bytes > MAX_BYTES) this.forget(this.entries.keys().next().value as string);
  }

  /** Marks the operations whose answers may be kept: see KEPT_FIELDS. */
  plugin(): ApolloServerPlugin<GraphQLContext> {
    return {
      requestDidStart: async ({ contextValue }) => {
        if (!contextValue.catalogReads) return;
        const reads = contextValue.catalogReads;
        return {
          willSendResponse: async ({ schema, document, operation, response }) => {
            if (!document || !operation || response.body.kind !== 'single' || response.body.singleResult.errors) return;
            let ok = this.checked.get(operation);
            if (ok === undefined) this.checked.set(operation, (ok = readsOnlyKeptFields(schema, document, operation)));
            reads.cacheable = ok;
          },
        };
      },
    };
  }

  stats(): { hits: number; misses: number; hitRate: number; entries: number; bytes: number } {
    const total = this.hits + this.misses;
    return { hits: this.hits, misses: this.misses, hitRate: total ? this.hits / total : 0, entries: this.entries.size, bytes: this.bytes };
  }

  private forget(key: string): void {
    const kept = this.entries.get(key);
    if (!kept) return;
    this.entries.delete(key);
    this.bytes -= kept.body.length;
  }
}

interface Locals {
  catalogPending?: Pending;
}

/** The request's answer may be kept (serveKept found none): pass `reads` to the resolvers, then call `keep`. */
export function pendingAnswer(res: Response): Pending | undefined {
  return (res.locals as Locals).catalogPending;
}

/**
 * What makes two requests the same answer, or null when the answer is not
 * everyone's (a session) or Apollo would refuse it: a GET without a
 * CSRF-preventing header, a body that is not JSON.
 */
function requestKey(req: Request): string | null {
  if (readSessionToken(req)) return null;
  let query: unknown;
  let operationName: unknown;
  let variables: unknown;
  let extensions: unknown;
  if (req.method === 'GET') {
    if (!req.headers['x-apollo-operation-name'] && !req.headers['apollo-require-preflight']) return null;
    ({ query, operationName, variables, extensions } = req.query as Record<string, unknown>);
    if (typeof extensions === 'string') {
      try {
        extensions = JSON.parse(extensions);
      } catch {
        return null;
      }
    }
  } else if (req.method === 'POST' && req.is('application/json') && req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
    ({ query, operationName, variables, extensions } = req.body as Record<string, unknown>);
    variables = JSON.stringify(variables ?? null);
  } else {
    return null;
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  const document = typeof hash === 'string' ? `#${hash}` : typeof query === 'string' ? query : null;
  if (document === null || (operationName != null && typeof operationName !== 'string') || (variables != null && typeof variables !== 'string')) return null;
  return `${req.method}\n${req.headers.accept ?? ''}\n${operationName ?? ''}\n${variables ?? ''}\n${document}`;
}
