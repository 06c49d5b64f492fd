import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/** HTTP status of a response whose errors left no data, by `extensions.code`. */
const STATUS_BY_CODE: Record<string, number> = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  QUERY_TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PERSISTED_QUERY_NOT_FOUND: 200,
  PERSISTED_QUERY_NOT_SUPPORTED: 200,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Domain refusals (GROUP_FULL, INVALID_TRANSITION, IDEMPOTENCY_KEY_REUSED…) conflict with the state of things. */
const DOMAIN_REFUSAL = 409;

export function statusForCode(code: unknown): number {
  return typeof code === 'string' ? (STATUS_BY_CODE[code] ?? DOMAIN_REFUSAL) : 500;
}

/** The server's fault outranks the client's; among client errors the first one speaks. */
export function statusForErrors(errors: readonly GraphQLFormattedError[]): number {
  const statuses = errors.map((e) => statusForCode(e.extensions?.code));
  return Math.max(...statuses) >= 500 ? Math.max(...statuses) : statuses[0];
}

function nothingResolved(data: Record<string, unknown> | null | undefined): boolean {
  return data == null || Object.values(data).every((v) => v == null);
}

/**
 * GraphQL answers 200 by default even when the whole operation failed. When
 * errors left no data at all, the status says whose fault it was (4xx for the
 * client, 5xx for the server), so proxies, monitoring and retries can tell.
 * Clients read the body either way: it is `application/graphql-response+json`.
 */
export function httpStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.length || !nothingResolved(data)) return;
          response.http.status = statusForErrors(errors);
        },
      };
    },
  };
}
