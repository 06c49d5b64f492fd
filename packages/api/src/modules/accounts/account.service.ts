import { createHash, randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { DataSource, type EntityManager } from 'typeorm';
import { AppSettings, Service } from '../../common/container';
import { BadInputError, DomainError, ErrorCode, UnauthenticatedError } from '../../common/errors';
import { Municipality } from '../municipalities/municipality.entity';
import type { Actor } from './actor';
import type { LoginInput } from './inputs/login.input';
import type { RegisterParentInput } from './inputs/register-parent.input';
import { Role } from './role';
import { Session } from './session.entity';
import { User } from './user.entity';

const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
/** Failed logins allowed per e-mail, and per client address, within the window. */
const LOGIN_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

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

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

@Service()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AppSettings,
  ) {}

  async registerParent(input: RegisterParentInput, client: ClientInfo): Promise<IssuedSession> {
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      const municipality = await manager.findOne(Municipality, { where: { id: input.municipalityId } });
      if (!municipality) throw new BadInputError('Выберите муниципалитет из списка', 'municipalityId');
      const taken = await manager
        .createQueryBuilder(User, 'u')
        .where('lower(u.email) = lower(:email)', { email: input.email })
        .getExists();
      if (taken) throw new DomainError(ErrorCode.CONFLICT, 'Пользователь с такой почтой уже зарегистрирован. Войдите или восстановите пароль.', { field: 'email' });
      const user = await manager.save(
        manager.create(User, {
          email: input.email.trim(),
          passwordHash,
          role: Role.PARENT,
          fullName: input.fullName.trim(),
          phone: input.phone?.trim() || null,
          municipalityId: municipality.id,
          organizationId: null,
        }),
      );
      return this.issueSession(manager, user, client);
    });
  }

  async login(input: LoginInput, client: ClientInfo): Promise<IssuedSession> {
    await this.assertNotRateLimited(input.email, client.ip);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: input.email.trim() })
      .getOne();
    // Verify against a real hash even for unknown e-mails, so timing does not reveal which accounts exist.
    const ok = await verify(user?.passwordHash ?? (await this.dummyHash()), input.password).catch(() => false);
    await this.dataSource.query(`INSERT INTO login_attempts (email, ip, succeeded) VALUES ($1, $2, $3)`, [
      input.email.trim(),
      client.ip,
      ok && !!user,
    ]);
    if (!ok || !user) throw new UnauthenticatedError('Неверная почта или пароль');
    return this.dataSource.transaction((manager) => this.issueSession(manager, user, client));
  }

  async logout(sessionId: string | undefined): Promise<boolean> {
    if (!sessionId) return false;
    await this.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
    return true;
  }

  /** Resolves a bearer or cookie token to the acting user, or nothing when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<{ actor: Actor; sessionId: string } | null> {
    const rows: { session_id: string; id: string; role: Role; municipality_id: string | null; organization_id: string | null }[] =
      await this.dataSource.query(
        `SELECT s.id AS session_id, u.id, u.role, u.municipality_id, u.organization_id
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
        [hashToken(token)],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      actor: { userId: row.id, role: row.role, municipalityId: row.municipality_id, organizationId: row.organization_id },
    };
  }

  async me(actor: Actor | undefined): Promise<User | null> {
    if (!actor) return null;
    return this.dataSource.getRepository(User).findOne({ where: { id: actor.userId } });
  }

  private async assertNotRateLimited(email: string, ip: string | null): Promise<void> {
    const [row]: { by_email: string; by_ip: string }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE lower(email) = lower($1)) AS by_email,
              count(*) FILTER (WHERE ip = $2) AS by_ip
         FROM login_attempts
        WHERE NOT succeeded AND at > now() - make_interval(mins => $3)
          AND (lower(email) = lower($1) OR ip = $2)`,
      [email.trim(), ip, LOGIN_WINDOW_MINUTES],
    );
    if (Number(row.by_email) >= MAX_FAILURES_PER_EMAIL || Number(row.by_ip) >= MAX_FAILURES_PER_IP) {
      throw new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        `Слишком много неудачных попыток входа. Попробуйте снова через ${LOGIN_WINDOW_MINUTES} минут.`,
      );
    }
  }

  private dummy?: Promise<string>;
  private dummyHash(): Promise<string> {
    this.dummy ??= hashPassword(randomBytes(16).toString('hex'));
    return this.dummy;
  }

  private async issueSession(manager: EntityManager, user: User, client: ClientInfo): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.settings.config.sessionTtlHours * 3600_000);
    const session = await manager.save(
      manager.create(Session, {
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt,
        revokedAt: null,
        userAgent: client.userAgent,
        ip: client.ip,
      }),
    );
    return { token, sessionId: session.id, expiresAt, user };
  }
}
