import type PgBoss from 'pg-boss';
import type { Container } from './container';

/** A background job: runs on the Postgres-backed queue, so it survives restarts and spreads over API replicas. */
export interface JobDefinition {
  name: string;
  /** Cron schedule (UTC) for recurring jobs. */
  cron?: string;
  /**
   * `stopping` is aborted when the process shuts down: a job working through
   * a backlog stops between items (each its own transaction) and leaves the
   * rest to the next run, so a deploy does not wait on, or cut through, it.
   */
  run(container: Container, data: unknown, stopping?: AbortSignal): Promise<void>;
}

export interface JobQueue {
  boss: PgBoss;
  /** Enqueues a one-off run of a job, optionally not before `startAfter`. */
  send(name: string, data?: object, startAfter?: Date): Promise<void>;
  /** Aborts the jobs' `stopping` and gives running jobs `graceMs` to end their current item. */
  stop(graceMs?: number): Promise<void>;
}
