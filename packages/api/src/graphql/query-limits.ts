import type { Request, RequestHandler } from 'express';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  parse,
  type ValueNode,
} from 'graphql';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 50_000;
export const MAX_ALIASES = 30;
export const MAX_DIRECTIVES = 20;
/** Tokens the parser reads before giving up; the largest SPA operation has under 400. */
export const MAX_QUERY_TOKENS = 3000;
/** Characters of query text; checked before parsing. */
export const MAX_QUERY_LENGTH = 20_000;
/** Assumed size of a list field that takes no `first` argument (e.g. a program's groups). */
const DEFAULT_LIST_SIZE = 10;

/** What a selection costs: nesting, fields (lists multiply their children), aliases and directives (fragment spreads repeat them). */
interface Measure {
  depth: number;
  cost: number;
  aliases: number;
  directives: number;
}

const NOTHING: Measure = { depth: 0, cost: 0, aliases: 0, directives: 0 };

export class QueryTooComplexError extends Error {}

function intArg(value: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/**
 * Measures a document in time linear in its size: every fragment is measured
 * once per page size it is spread under and the result reused, so a fragment
 * spread twice in each of 40 levels costs 40 measurements, not 2^40. Runs
 * before validation, so it tolerates unknown fields, fragments and cycles.
 */
class Measurer {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly memo = new Map<string, Measure>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
  ) {
    this.fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  }

  operation(op: OperationDefinitionNode): Measure {
    const root = op.operation === 'mutation' ? this.schema.getMutationType() : op.operation === 'subscription' ? this.schema.getSubscriptionType() : this.schema.getQueryType();
    return this.selections(op.selectionSet, root ?? undefined);
  }

  /** A connection's `first` applies to the list beneath it (`edges`), hence `pageSize`. */
  private selections(set: SelectionSetNode | undefined, parent: GraphQLCompositeType | undefined, pageSize?: number): Measure {
    if (!set) return NOTHING;
    const total = { ...NOTHING };
    for (const sel of set.selections) {
      total.directives += sel.directives?.length ?? 0;
      let inner: Measure;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) total.aliases += 1;
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
        const named = def ? getNamedType(def.type) : undefined;
        const first = intArg(sel.arguments?.find((a) => a.name.value === 'first')?.value, this.variables);
        const isList = !!def && isListType(getNullableType(def.type));
        const multiplier = Math.max(1, isList ? (first ?? pageSize ?? DEFAULT_LIST_SIZE) : 1);
        const child = this.selections(sel.selectionSet, named && isCompositeType(named) ? named : undefined, isList ? undefined : first);
        const introspection = sel.name.value.startsWith('__');
        inner = {
          depth: introspection ? 0 : 1 + child.depth,
          cost: (introspection ? 0 : 1) + child.cost * multiplier,
          // Written aliases and directives count once per spread of their fragment, not per list item: the cost covers lists.
          aliases: child.aliases,
          directives: child.directives,
        };
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        inner = this.selections(sel.selectionSet, this.typeOf(sel.typeCondition?.name.value) ?? parent, pageSize);
      } else {
        inner = this.fragment(sel.name.value, pageSize);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.cost += inner.cost;
      total.aliases += inner.aliases;
      total.directives += inner.directives;
    }
    return total;
  }

  private fragment(name: string, pageSize: number | undefined): Measure {
    const key = `${name}\u0000${pageSize ?? ''}`;
    const known = this.memo.get(key);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown fragments and cycles are validation's to report; here they add nothing.
    if (!fragment || this.inProgress.has(key)) return NOTHING;
    this.inProgress.add(key);
    const measured = this.selections(fragment.selectionSet, this.typeOf(fragment.typeCondition.name.value), pageSize);
    this.inProgress.delete(key);
    this.memo.set(key, measured);
    return measured;
  }

  private typeOf(name: string | undefined): GraphQLCompositeType | undefined {
    const type = name ? this.schema.getType(name) : undefined;
    return type && isCompositeType(type) ? type : undefined;
  }
}

/** Throws QueryTooComplexError when an operation of the document exceeds a limit. */
export function assertWithinLimits(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}): Measure {
  const measurer = new Measurer(schema, document, variables);
  const worst = { ...NOTHING };
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const m = measurer.operation(def);
    worst.directives = Math.max(worst.directives, m.directives + (def.directives?.length ?? 0));
    worst.depth = Math.max(worst.depth, m.depth);
    worst.cost = Math.max(worst.cost, m.cost);
    worst.aliases = Math.max(worst.aliases, m.aliases);
  }
  if (worst.depth > MAX_QUERY_DEPTH) throw new QueryTooComplexError(`Запрос слишком глубокий (${worst.depth} уровней при допустимых ${MAX_QUERY_DEPTH})`);
  if (worst.cost > MAX_QUERY_COST) throw new QueryTooComplexError(`Запрос слишком сложный (стоимость ${formatBig(worst.cost)} при допустимой ${MAX_QUERY_COST})`);
  if (worst.aliases > MAX_ALIASES) throw new QueryTooComplexError(`В запросе слишком много псевдонимов (${formatBig(worst.aliases)} при допустимых ${MAX_ALIASES})`);
  if (worst.directives > MAX_DIRECTIVES) throw new QueryTooComplexError(`В запросе слишком много директив (${formatBig(worst.directives)} при допустимых ${MAX_DIRECTIVES})`);
  return worst;
}

function formatBig(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : n.toExponential(1);
}

function requestedQuery(req: Request): { query: unknown; variables: unknown } {
  if (req.method === 'GET') {
    const { query, variables } = req.query;
    try {
      return { query, variables: typeof variables === 'string' ? JSON.parse(variables) : undefined };
    } catch {
      return { query, variables: undefined };
    }
  }
  const body = req.body as { query?: unknown; variables?: unknown } | undefined;
  return { query: body?.query, variables: body?.variables };
}

/**
 * Refuses oversized and overly complex operations before Apollo parses and
 * graphql-js validates them (validation walks fragments too): the text
 * length, the token count while parsing, then depth, cost, aliases and
 * directives measured in one linear pass with this request's variables.
 * Documents that fail to parse for other reasons are left to Apollo to report.
 */
export function queryLimits(schema: GraphQLSchema): RequestHandler {
  return (req, res, next) => {
    const { query, variables } = requestedQuery(req);
    if (typeof query !== 'string') return next();
    let refusal: string | undefined;
    if (query.length > MAX_QUERY_LENGTH) {
      refusal = `Запрос слишком длинный (${query.length} символов при допустимых ${MAX_QUERY_LENGTH})`;
    } else {
      let document: DocumentNode | undefined;
      try {
        document = parse(query, { maxTokens: MAX_QUERY_TOKENS, noLocation: true });
      } catch (err) {
        if (/more than \d+ tokens/.test(String(err))) refusal = `Запрос слишком длинный: больше ${MAX_QUERY_TOKENS} элементов`;
      }
      try {
        if (document) assertWithinLimits(schema, document, variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {});
      } catch (err) {
        if (!(err instanceof QueryTooComplexError)) throw err;
        refusal = err.message;
      }
    }
    if (!refusal) return next();
    const type = req.accepts(['application/graphql-response+json', 'application/json']) || 'application/json';
    res.status(400).type(type).send(JSON.stringify({ errors: [{ message: refusal, extensions: { code: 'QUERY_TOO_COMPLEX' } }] }));
  };
}
