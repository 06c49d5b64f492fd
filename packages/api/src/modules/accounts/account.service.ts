import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { Service } from '../../common/container';
import { BadInputError, DomainError, ErrorCode, InvalidTransitionError, UnauthenticatedError } from '../../common/errors';
import { Municipality } from '../municipalities/municipality.entity';
import { EmailDeliveryService } from '../notifications/email-delivery.service';
import { AccountLetters } from './account-letters';
import { AccountTokens, TokenPurpose } from './account-tokens';
import { type Actor, requireRole } from '../../common/actor';
import { ConsentService } from './consent.service';
import type { LoginInput } from './inputs/login.input';
import type { RegisterParentInput } from './inputs/register-parent.input';
import { LoginThrottle } from './login-throttle';
import { assertStrongPassword } from './password-policy';
import { PHONE_HINT, russianPhoneE164 } from './phone';
import { Role } from '../../common/role';
import { type ClientInfo, type IssuedSession, SessionService } from './sessions.service';
import { User } from './user.entity';

export type { ClientInfo, IssuedSession } from './sessions.service';

const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const RESEND_INTERVAL_MS = 60_000;
const RESENDS_PER_DAY = 5;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A phone as typed, stored as E.164, or a typed error naming the field. */
export function phoneOrThrow(raw: string | null | undefined): string | null {
  if (!raw?.trim()) return null;
  const e164 = russianPhoneE164(raw);
  if (!e164) throw new BadInputError(PHONE_HINT, 'phone');
  return e164;
}

export function findByEmail(dataSource: DataSource, email: string): Promise<User | null> {
  return dataSource.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email) AND u.closedAt IS NULL', { email: email.trim() }).getOne();
}

@Service()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly tokens: AccountTokens,
    private readonly letters: AccountLetters,
    private readonly consents: ConsentService,
    private readonly delivery: EmailDeliveryService,
  ) {}

  /**
   * Registers a parent and sends a confirmation link. The answer is the same
   * whether or not the address is taken (the owner of a taken address gets a
   * letter instead), so registration reveals nobody's account.
   */
  async registerParent(input: RegisterParentInput, client: ClientInfo): Promise<void> {
    const email = input.email.trim();
    const fullName = input.fullName.trim();
    const phone = phoneOrThrow(input.phone);
    assertStrongPassword(input.password, [email, fullName]);
    await this.consents.requireCurrentVersion(input.consentVersion);
    const passwordHash = await hashPassword(input.password);
    await this.dataSource.transaction(async (manager) => {
      const municipality = await manager.findOne(Municipality, { where: { id: input.municipalityId } });
      if (!municipality) throw new BadInputError('Выберите муниципалитет из списка', 'municipalityId');
      // ON CONFLICT: of two registrations racing for one address, the loser is answered like any taken address.
      const [created]: { id: string }[] = await manager.query(
        `INSERT INTO users (email, password_hash, role, full_name, phone, municipality_id, email_confirmed_at)
         VALUES ($1, $2, 'PARENT', $3, $4, $5, NULL) ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
        [email, passwordHash, fullName, phone, municipality.id],
      );
      if (!created) {
        const [owner] = await manager.query(`SELECT id, email, role, full_name AS "fullName" FROM users WHERE lower(email) = lower($1)`, [email]);
        await this.letters.registrationAttempt(manager, owner);
        return;
      }
      await this.consents.record(manager, created.id, input.consentVersion, client);
      await this.letters.confirmEmail(manager, { id: created.id, email, role: Role.PARENT, fullName });
    });
    this.delivery.deliverSoon();
  }

  async login(input: LoginInput, client: ClientInfo): Promise<IssuedSession> {
    await this.throttle.check(input.email, client.ip);
    const user = await findByEmail(this.dataSource, input.email);
    // Verify against a real hash even for unknown e-mails, so timing does not reveal which accounts exist.
    const ok = await verifyPassword(user?.passwordHash ?? (await this.dummyHash()), input.password);
    await this.throttle.record(input.email, client.ip, ok && !!user);
    if (!ok || !user) throw new UnauthenticatedError('Неверная почта или пароль');
    return this.dataSource.transaction((manager) => this.sessions.issue(manager, user, client));
  }

  logout(sessionId: string | undefined): Promise<boolean> {
    return this.sessions.end(sessionId);
  }

  authenticate(token: string): ReturnType<SessionService['authenticate']> {
    return this.sessions.authenticate(token);
  }

  async me(actor: Actor | undefined): Promise<User | null> {
    if (!actor) return null;
    return this.dataSource.getRepository(User).findOne({ where: { id: actor.userId } });
  }

  /** Confirms the address the link was sent to; the link works once. */
  async confirmEmail(token: string): Promise<boolean> {
    await this.dataSource.transaction(async (manager) => {
      const userId = await this.tokens.consume(manager, token, TokenPurpose.CONFIRM_EMAIL);
      await manager.query(`UPDATE users SET email_confirmed_at = coalesce(email_confirmed_at, $2) WHERE id = $1`, [userId, this.clock.now()]);
    });
    return true;
  }

  /** «Отправить письмо ещё раз»: a new link (the old one stops working), at most once a minute and five times a day. */
  async resendConfirmation(actor: Actor | undefined): Promise<boolean> {
    const { userId } = requireRole(actor);
    await this.dataSource.transaction(async (manager) => {
      const [user] = await manager.query(
        `SELECT id, email, role, full_name AS "fullName", email_confirmed_at AS "confirmedAt" FROM users WHERE id = $1 FOR UPDATE`,
        [userId],
      );
      if (user.confirmedAt) throw new InvalidTransitionError('Адрес почты уже подтверждён');
      if ((await this.tokens.sentWithin(manager, userId, TokenPurpose.CONFIRM_EMAIL, RESEND_INTERVAL_MS)) > 0) {
        throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, 'Письмо только что отправлено. Проверьте почту (и папку «Спам»); повторить можно через минуту.');
      }
      if ((await this.tokens.sentWithin(manager, userId, TokenPurpose.CONFIRM_EMAIL, 86_400_000)) >= RESENDS_PER_DAY) {
        throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, 'Сегодня мы уже отправили несколько писем. Попробуйте завтра или напишите в муниципальный опорный центр.');
      }
      await this.letters.confirmEmail(manager, user);
    });
    this.delivery.deliverSoon();
    return true;
  }

  private dummy?: Promise<string>;
  private dummyHash(): Promise<string> {
    this.dummy ??= hashPassword(randomBytes(16).toString('hex'));
    return this.dummy;
  }
}
