import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Actor } from './actor';
import type { Loaders } from './loaders';

export interface GraphQLContext {
  actor?: Actor;
  sessionId?: string;
  ip: string | null;
  userAgent: string | null;
  req: Request;
  res: Response;
  loaders: Loaders;
  dataSource: DataSource;
  /**
   * Present while this answer may be kept whole for the next anonymous
   * visitor (modules/catalog/catalog-responses.ts): resolvers name here what
   * it was read from beyond the catalog itself, which it always depends on.
   */
  catalogReads?: CatalogReads;
}

export interface CatalogReads {
  /** The search was filtered by free seats: it changes when a program's flag flips. */
  freeSeats: boolean;
  /** Programs whose groups the answer shows. */
  groupsOf: Set<string>;
  /** Set when the operation reads only what the catalog's change notices cover, and succeeded. */
  cacheable: boolean;
}
