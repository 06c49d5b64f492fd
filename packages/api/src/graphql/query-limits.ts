import type { ApolloServerPlugin } from '@apollo/server';
import {
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 5000;
/** Assumed size of a list field that takes no `first` argument (e.g. a program's groups). */
const DEFAULT_LIST_SIZE = 10;

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  schema: GraphQLSchema;
}

function firstArg(value: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/**
 * Depth and cost of a selection set. Each field costs 1 plus its children;
 * list fields multiply their children's cost by `first` (or a default size).
 * A connection's `first` applies to the list beneath it (`edges`), hence `pageSize`.
 */
function measure(set: SelectionSetNode | undefined, parent: GraphQLCompositeType, walk: Walk, seen: Set<string>, pageSize?: number): { depth: number; cost: number } {
  if (!set) return { depth: 0, cost: 0 };
  let depth = 0;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[sel.name.value] : undefined;
      const named = def ? getNamedType(def.type) : undefined;
      const first = firstArg(sel.arguments?.find((a) => a.name.value === 'first')?.value, walk.variables);
      const isList = !!def && isListType(getNullableType(def.type));
      const multiplier = isList ? (first ?? pageSize ?? DEFAULT_LIST_SIZE) : 1;
      const child = named && isCompositeType(named) ? measure(sel.selectionSet, named, walk, seen, isList ? undefined : first) : { depth: 0, cost: 0 };
      depth = Math.max(depth, 1 + child.depth);
      cost += 1 + child.cost * multiplier;
    } else {
      const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : walk.fragments.get(sel.name.value);
      if (!fragment || (sel.kind === Kind.FRAGMENT_SPREAD && seen.has(sel.name.value))) continue;
      const typeName = fragment.typeCondition?.name.value;
      const type = typeName ? (walk.schema.getType(typeName) as GraphQLCompositeType) : parent;
      const nextSeen = sel.kind === Kind.FRAGMENT_SPREAD ? new Set(seen).add(sel.name.value) : seen;
      const inner = measure(fragment.selectionSet, type, walk, nextSeen, pageSize);
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth, cost };
}

/** Refuses operations nested deeper than MAX_QUERY_DEPTH or costing more than MAX_QUERY_COST. */
export function queryLimitsPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation }) {
          if (!operation) return;
          const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
          if (!root) return;
          const fragments = new Map(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          const { depth, cost } = measure(operation.selectionSet, root, { fragments, variables: request.variables ?? {}, schema }, new Set());
          if (depth > MAX_QUERY_DEPTH) {
            throw new GraphQLError(`Запрос слишком глубокий (${depth} уровней при допустимых ${MAX_QUERY_DEPTH})`, {
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            });
          }
          if (cost > MAX_QUERY_COST) {
            throw new GraphQLError(`Запрос слишком сложный (стоимость ${cost} при допустимой ${MAX_QUERY_COST})`, {
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            });
          }
        },
      };
    },
  };
}
