import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../logger';
import type { Mailbox } from '../modules/notifications/mailbox';
import type { PrimaryMessage, WorkerMessage } from './messages';
import { STEP_TIMEOUT_MS } from './shutdown';

const RESTART_FIRST_DELAY_MS = 1_000;
const RESTART_MAX_DELAY_MS = 30_000;
/** A worker that served this long before it died was healthy: its replacement starts after the shortest delay again. */
const STABLE_AFTER_MS = 60_000;
/** A worker's own shutdown is three steps (HTTP, jobs, pool) of STEP_TIMEOUT_MS at most; past that it is killed. */
const WORKER_STOP_MS = 4 * STEP_TIMEOUT_MS;

/** One place in the cluster, kept across the workers that fill it, so a worker dying again and again waits longer each time. */
interface Slot {
  rapidDeaths: number;
}

/**
 * The primary's side of node:cluster: forks the HTTP workers, answers their
 * questions, replaces a worker that dies (after a delay that doubles while
 * replacements keep dying, so a broken database does not spin the CPU) and
 * stops them all on shutdown. A worker that dies before the system was ever
 * up is a failed start, not a crash: `start` rejects and nothing is retried.
 */
export class Supervisor {
  private stopping = false;
  private up = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private onFirstFailure: (err: Error) => void = () => undefined;

  constructor(
    private readonly count: number,
    /** Environment of every worker: where the database and the development mailbox are. */
    private readonly env: Record<string, string>,
    private readonly logger: Logger,
    private readonly mailbox?: Mailbox,
  ) {
    // Structured clone over IPC: the letters' dates arrive as dates.
    cluster.setupPrimary({ serialization: 'advanced' });
  }

  /** Resolves when every worker serves HTTP. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let ready = 0;
      this.onFirstFailure = reject;
      for (let i = 0; i < this.count; i++) {
        this.fork({ rapidDeaths: 0 }, () => {
          if (++ready < this.count) return;
          this.up = true;
          resolve();
        });
      }
    });
  }

  private fork(slot: Slot, onReady: () => void = () => undefined): void {
    const worker = cluster.fork(this.env);
    const forkedAt = Date.now();
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') onReady();
      else if (message.type === 'letters?') worker.send({ type: 'letters', request: message.request, letters: this.mailbox?.messages ?? [] } satisfies PrimaryMessage);
    });
    worker.on('exit', (code, signal) => {
      if (this.stopping) return;
      if (!this.up) {
        this.onFirstFailure(new Error(`worker ${worker.id} exited (${signal ?? code}) before the system was up; its log says why`));
        return;
      }
      if (Date.now() - forkedAt >= STABLE_AFTER_MS) slot.rapidDeaths = 0;
      const delay = Math.min(RESTART_FIRST_DELAY_MS * 2 ** slot.rapidDeaths, RESTART_MAX_DELAY_MS);
      slot.rapidDeaths++;
      this.logger.error({ worker: worker.id, code, signal, restartInMs: delay }, 'worker died: starting another');
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.fork(slot);
      }, delay);
      this.timers.add(timer);
    });
  }

  /** SIGTERM to every worker (each stops HTTP, jobs, pool in turn); one that outlasts WORKER_STOP_MS is killed. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(alive.map((worker) => this.stopWorker(worker)));
  }

  private stopWorker(worker: Worker): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn({ worker: worker.id }, `worker did not stop within ${WORKER_STOP_MS} ms: killed`);
        worker.process.kill('SIGKILL');
      }, WORKER_STOP_MS);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.process.kill('SIGTERM');
    });
  }
}
