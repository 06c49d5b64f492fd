import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { Service } from '../../common/container';
import { BadInputError } from '../../common/errors';
import { EmailDeliveryService } from '../notifications/email-delivery.service';
import { AccountLetters } from './account-letters';
import { AccountTokens, TokenPurpose } from './account-tokens';
import { findByEmail, hashPassword, verifyPassword } from './account.service';
import { type Actor, requireRole } from '../../common/actor';
import { assertStrongPassword } from './password-policy';
import { type ClientInfo, type IssuedSession, SessionService } from './sessions.service';
import { User } from './user.entity';

/** «Забыли пароль?» and «Сменить пароль»: the same strength rule as registration; a new password ends every other session. */
@Service()
export class PasswordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly tokens: AccountTokens,
    private readonly letters: AccountLetters,
    private readonly delivery: EmailDeliveryService,
  ) {}

  /** Sends a reset link when the address has an account; answers the same either way. */
  async requestReset(email: string): Promise<boolean> {
    const user = await findByEmail(this.dataSource, email);
    if (user) {
      await this.dataSource.transaction((manager) => this.letters.passwordReset(manager, user));
      this.delivery.deliverSoon();
    }
    return true;
  }

  /** Sets the password from a reset link and signs in here; every other session ends. The link also proves the address. */
  async reset(token: string, newPassword: string, client: ClientInfo): Promise<IssuedSession> {
    const issued = await this.dataSource.transaction(async (manager) => {
      const userId = await this.tokens.consume(manager, token, TokenPurpose.RESET_PASSWORD);
      const user = await manager.findOneOrFail(User, { where: { id: userId } });
      assertStrongPassword(newPassword, [user.email, user.fullName]);
      const now = this.clock.now();
      await manager.query(`UPDATE users SET password_hash = $2, email_confirmed_at = coalesce(email_confirmed_at, $3) WHERE id = $1`, [
        userId,
        await hashPassword(newPassword),
        now,
      ]);
      await this.sessions.endAllOf(manager, userId);
      await this.letters.passwordChanged(manager, user.email, now);
      return this.sessions.issue(manager, user, client);
    });
    this.delivery.deliverSoon();
    return issued;
  }

  /** «Сменить пароль» in the cabinet: the current password first; other sessions end, this one stays. */
  async change(actor: Actor | undefined, sessionId: string | undefined, currentPassword: string, newPassword: string): Promise<boolean> {
    const { userId } = requireRole(actor);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneOrFail(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new BadInputError('Текущий пароль указан неверно', 'currentPassword');
      assertStrongPassword(newPassword, [user.email, user.fullName]);
      await manager.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [userId, await hashPassword(newPassword)]);
      await this.sessions.endAllOf(manager, userId, sessionId);
      await this.letters.passwordChanged(manager, user.email, this.clock.now());
    });
    this.delivery.deliverSoon();
    return true;
  }
}
