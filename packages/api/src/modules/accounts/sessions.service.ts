import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AppSettings, Service } from '../../common/container';
import { NotFoundError } from '../../common/errors';
import { execute } from '../../common/sql';
import { type Actor, requireRole } from '../../common/actor';
import { Session } from './session.entity';
import type { User } from './user.entity';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
  user: User;
}

/** Tokens (sessions, confirmation and reset links) are stored as SHA-256 only: a database leak yields nothing usable. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** `last_seen_at` is written at most this often per session, so most lookups stay reads. */
const LAST_SEEN_RESOLUTION = '1 minute';

@Service()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AppSettings,
  ) {}

  async issue(manager: EntityManager, user: User, client: ClientInfo): Promise<IssuedSession> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.settings.config.sessionTtlHours * 3600_000);
    const session = await manager.save(
      manager.create(Session, { tokenHash: hashToken(token), userId: user.id, expiresAt, revokedAt: null, userAgent: client.userAgent, ip: client.ip }),
    );
    return { token, sessionId: session.id, expiresAt, user };
  }

  /**
   * Resolves a bearer or cookie token to the acting user, or nothing when it
   * is unknown, expired or revoked. The same statement records activity at
   * most once a minute: it was a second, separate statement (a round trip and
   * a commit of its own), on every signature of the enrollment rush.
   */
  async authenticate(token: string): Promise<{ actor: Actor; sessionId: string } | null> {
    const rows: { session_id: string; id: string; role: Actor['role']; municipality_id: string | null; organization_id: string | null }[] =
      await this.dataSource.query(
        `WITH found AS (
           SELECT s.id AS session_id, s.last_seen_at, u.id, u.role, u.municipality_id, u.organization_id
             FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
         ), seen AS (
           UPDATE sessions SET last_seen_at = now()
            WHERE id = (SELECT session_id FROM found WHERE last_seen_at < now() - $2::interval) AND last_seen_at < now() - $2::interval
         )
         SELECT session_id, id, role, municipality_id, organization_id FROM found`,
        [hashToken(token), LAST_SEEN_RESOLUTION],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      actor: { userId: row.id, role: row.role, municipalityId: row.municipality_id, organizationId: row.organization_id },
    };
  }

  async end(sessionId: string | undefined): Promise<boolean> {
    if (!sessionId) return false;
    await this.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
    return true;
  }

  /** Ends every session of a user except `keep` (none when absent), in the caller's transaction; returns how many ended. */
  async endAllOf(manager: EntityManager, userId: string, keep?: string): Promise<number> {
    const { count } = await execute(
      manager,
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [userId, keep ?? null],
    );
    return count;
  }

  async mine(actor: Actor | undefined): Promise<Session[]> {
    const user = requireRole(actor);
    return this.dataSource.getRepository(Session).createQueryBuilder('s')
      .where('s.userId = :userId AND s.revokedAt IS NULL AND s.expiresAt > now()', { userId: user.userId })
      .orderBy('s.lastSeenAt', 'DESC')
      .getMany();
  }

  /** Ends one of the signed-in user's own sessions (another user's id is simply not found). */
  async endMine(actor: Actor | undefined, sessionId: string): Promise<boolean> {
    const user = requireRole(actor);
    const { count } = await execute(this.dataSource.manager, `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`, [sessionId, user.userId]);
    if (count === 0) throw new NotFoundError('Сеанс');
    return true;
  }

  async endMyOthers(actor: Actor | undefined, currentSessionId: string | undefined): Promise<number> {
    const user = requireRole(actor);
    return this.endAllOf(this.dataSource.manager, user.userId, currentSessionId);
  }
}
