import type PgBoss from 'pg-boss';
import type { Container } from './container';

/** A background job: runs on the Postgres-backed queue, so it survives restarts and spreads over API replicas. */
export interface JobDefinition {
  name: string;
  /** Cron schedule (UTC) for recurring jobs. */
  cron?: string;
  run(container: Container, data: unknown): Promise<void>;
}

export interface JobQueue {
  boss: PgBoss;
  /** Enqueues a one-off run of a job, optionally not before `startAfter`. */
  send(name: string, data?: object, startAfter?: Date): Promise<void>;
  stop(): Promise<void>;
}
