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
}
