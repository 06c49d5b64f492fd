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
 * Whether the playground is offered. It lists the whole schema through introspection, so production
 * shows it only where introspection is open.
 */
export function playgroundEnabled(config: AppConfig): boolean {
  return config.env !== 'production';
}

/** The developers' GraphiQL (packages/web-playground), built with its assets precompressed like the SPAs'. */
export function servePlayground(app: Express, config: AppConfig): void {
  if (playgroundEnabled(config)) serveSpa(app, '/graphql', config.webPlaygroundDist, 'The GraphQL playground', opensPlayground);
}
