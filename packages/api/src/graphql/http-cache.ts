import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { GraphQLContext } from '../common/graphql-context';

/** Public catalog fields: the same answer for every anonymous visitor, so a CDN or reverse proxy may keep it briefly. */
const PUBLIC_FIELDS = new Set(['programs', 'program', 'organization', '__typename']);
export const PUBLIC_MAX_AGE_SECONDS = 15;

/**
 * HTTP caching of anonymous catalog reads. A GET query (with Apollo's
 * persisted-query hash, so the URL stays short) asking only for public
 * catalog fields answers with `Cache-Control: public` and an ETag of its
 * body, and `304 Not Modified` when the client already holds that body;
 * everything else stays `no-store` (this replaces Apollo's cache-control
 * plugin, which has no hints to work from here).
 */
export function httpCachePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, contextValue, operation }) {
          const headers = response.http.headers;
          const cacheable =
            request.http?.method === 'GET' &&
            !contextValue.actor &&
            operation?.operation === 'query' &&
            operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && PUBLIC_FIELDS.has(s.name.value)) &&
            response.body.kind === 'single' &&
            !response.body.singleResult.errors;
          if (!cacheable || response.body.kind !== 'single') {
            headers.set('cache-control', 'no-store');
            return;
          }
          const etag = `W/"${createHash('sha256').update(JSON.stringify(response.body.singleResult)).digest('base64url').slice(0, 27)}"`;
          headers.set('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
          headers.set('etag', etag);
          headers.set('vary', 'cookie, authorization');
          // Node sends no body with a 304, whatever is written.
          if (request.http?.headers.get('if-none-match') === etag) response.http.status = 304;
        },
      };
    },
  };
}
