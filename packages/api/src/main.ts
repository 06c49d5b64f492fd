import 'reflect-metadata';
import cluster from 'node:cluster';
import { createLogger } from './logger';
import { runPrimary } from './process/primary';
import { runWorker } from './process/worker';

// Made before the configuration is read, so that a configuration error is logged like any other.
const logger = createLogger(process.env.LOG_LEVEL || 'info');

// The start command runs the primary (database, migrations, supervision); it forks the HTTP workers, which run this file again.
void (cluster.isPrimary ? runPrimary(logger) : runWorker(logger));
