import { parse as urlParse } from 'node:url';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { GraphQLContext } from '../common/graphql-context';
import { type CatalogResponses, pendingAnswer } from '../modules/catalog/catalog-responses';

/**
 * Apollo over Express, as `@as-integrations/express5` does it, and an
 * answer CatalogResponses.serveKept() marked as one that may be kept is kept
 * once Apollo has given it.
 */
export function graphqlHandler(
  apollo: ApolloServer<GraphQLContext>,
  context: (req: Request, res: Response) => Promise<GraphQLContext>,
  responses: CatalogResponses,
): RequestHandler {
  return async (req, res) => {
    const pending = pendingAnswer(res);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: urlParse(req.url).search ?? '', body: req.body },
      context: async () => ({ ...(await context(req, res)), catalogReads: pending?.reads }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.send(response.body.string);
      if (pending) responses.keep(pending, res.statusCode, [...response.headers], response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
