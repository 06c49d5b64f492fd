import type { Express, Request } from 'express';
import type { AppConfig } from '../config';
import { serveSpa } from './spa-static';

/**
 * A browser opening `/graphql` itself: it prefers HTML to JSON and carries no operation. GraphQL clients
 * (the SPAs' persisted-query GETs send `*`/`*` or JSON types) and every POST go on to the endpoint.
 */
function opensPlayground(req: Request): boolean {
  return req.path === '/' && req.query.query === undefined && req.query.extensions === undefined && req.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * The developers' GraphiQL (packages/web-playground), built with its assets precompressed like the SPAs'.
 * Its docs and completion read the schema by introspection, so it is offered exactly when introspection is.
 */
export function servePlayground(app: Express, config: Pick<AppConfig, 'introspection' | 'webPlaygroundDist'>): void {
  if (config.introspection) serveSpa(app, '/graphql', config.webPlaygroundDist, 'The GraphQL playground', opensPlayground);
}
