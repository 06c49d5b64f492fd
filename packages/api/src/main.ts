import 'reflect-metadata';
import cluster from 'node:cluster';
import { createLogger } from './logger';

// Made before the configuration is read, so that a configuration error is logged like any other.
const logger = createLogger(process.env.LOG_LEVEL || 'info');

// The start command runs the primary (database, migrations, supervision); it forks the HTTP workers, which run this file
// again. Each loads only its own side: the primary never builds the GraphQL server, so the workers are forked sooner.
void (cluster.isPrimary ? import('./process/primary.js').then((m) => m.runPrimary(logger)) : import('./process/worker.js').then((m) => m.runWorker(logger)));
