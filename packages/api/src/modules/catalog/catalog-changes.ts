import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { AppSettings, Service } from '../../common/container';
import type { Logger } from '../../logger';

const CHANNEL = 'catalog_changes';
const RECONNECT_MS = 1000;
/** Programs whose last change is remembered; past this the memory is dropped with every cached value (a reset). */
const MAX_REMEMBERED = 50_000;

/** What a cached value was computed from. */
export interface CatalogDependencies {
  /** Programs and organizations (true unless said otherwise). */
  catalog?: boolean;
  /** Programs' free-seat flags (a search filtered by free seats). */
  freeSeats?: boolean;
  /** These programs' groups (seats, pending, waitlist, anything in their rows). */
  groupsOf?: Iterable<string>;
}

/**
 * The catalog's changes as this process hears them: one dedicated connection
 * LISTENs on `catalog_changes` (sent at commit by the triggers of migration
 * 1764300000000), and each notice advances a counter and stamps what changed.
 * A value cached at counter `since` still holds while nothing it depends on
 * was stamped later — checked in memory, no database read per request.
 *
 * Nothing may be cached while the connection is down (notices would be
 * missed): `now()` is null then, and a new connection starts a new epoch
 * that outdates everything cached before it.
 */
@Service()
export class CatalogChanges {
  private seq = 0;
  private epochStart = 0;
  private catalogAt = 0;
  private freeSeatsAt = 0;
  private allGroupsAt = 0;
  private readonly groupsAt = new Map<string, number>();
  private readonly barriers = new Map<string, () => void>();
  private client: Client | null = null;
  private stopped = true;
  private retry: NodeJS.Timeout | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    settings: AppSettings,
  ) {
    this.logger = settings.logger;
  }

  /** Starts listening; a failed connection is retried every second until `stop()`, meanwhile nothing is cached. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** The stamp for a value about to be computed, or null when it must not be cached (not listening). */
  now(): number | null {
    return this.client ? this.seq : null;
  }

  /** Whether a value computed from `since` on, with these dependencies, is still what the database would give. */
  holds(since: number, dependencies: CatalogDependencies = {}): boolean {
    if (!this.client || since < this.epochStart) return false;
    if (dependencies.catalog !== false && this.catalogAt > since) return false;
    if (dependencies.freeSeats && this.freeSeatsAt > since) return false;
    if (dependencies.groupsOf) {
      if (this.allGroupsAt > since) return false;
      for (const id of dependencies.groupsOf) if ((this.groupsAt.get(id) ?? 0) > since) return false;
    }
    return true;
  }

  /**
   * Resolves once this process has heard every change committed before the
   * call: notices arrive in commit order, so hearing our own marker is enough.
   */
  async caughtUp(timeoutMs = 5000): Promise<void> {
    const marker = `sync:${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<void>((resolve, reject) => {
      this.barriers.set(marker, resolve);
      timer = setTimeout(() => reject(new Error(`catalog changes not heard within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await this.dataSource.query(`SELECT pg_notify($1, $2)`, [CHANNEL, marker]);
      await heard;
    } finally {
      clearTimeout(timer);
      this.barriers.delete(marker);
    }
  }

  private received(payload: string): void {
    const at = ++this.seq;
    if (payload === 'catalog') this.catalogAt = at;
    else if (payload === 'seats') this.freeSeatsAt = at;
    else if (payload === 'groups') this.allGroupsAt = at;
    else if (payload.startsWith('program:')) {
      this.groupsAt.set(payload.slice(8), at);
      if (this.groupsAt.size > MAX_REMEMBERED) this.reset();
    } else this.barriers.get(payload)?.();
  }

  private reset(): void {
    this.groupsAt.clear();
    this.epochStart = ++this.seq;
  }

  private async connect(): Promise<void> {
    const { url } = this.dataSource.options as PostgresConnectionOptions;
    const client = new Client({ connectionString: url, application_name: 'navigator-catalog-changes' });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ err }, 'catalog change notices lost: caching stops until the listener reconnects');
      this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    };
    client.on('notification', (n) => n.channel === CHANNEL && n.payload && this.received(n.payload));
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (this.stopped || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    // Notices sent while nobody listened are gone: whatever was cached before is outdated.
    this.reset();
    this.client = client;
  }
}
