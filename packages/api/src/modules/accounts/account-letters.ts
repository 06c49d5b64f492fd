import type { EntityManager } from 'typeorm';
import { AppSettings, Service } from '../../common/container';
import { NotificationService } from '../notifications/notification.service';
import { accountPhrases } from '../notifications/phrasebook/accounts';
import type { Phrase } from '../notifications/phrasebook/phrase';
import { AccountTokens, TokenPurpose } from './account-tokens';
import { Role } from '../../common/role';

/** Letters an anonymous request can trigger are capped per address, so nobody can flood someone's mailbox. */
const ANONYMOUS_LETTERS_PER_HOUR = 5;

interface Recipient {
  id: string;
  email: string;
  role: Role;
  fullName: string;
}

/** Account letters with their single-use links, written to the outbox in the caller's transaction. */
@Service()
export class AccountLetters {
  constructor(
    private readonly settings: AppSettings,
    private readonly tokens: AccountTokens,
    private readonly notifications: NotificationService,
  ) {}

  /** Links open the SPA the person uses: parents the parent site, everyone else the provider cabinet. */
  private link(role: Role, page: string, token?: string): string {
    const base = `${this.settings.config.publicUrl}${role === Role.PARENT ? '' : '/provider'}/${page}`;
    return token ? `${base}?token=${encodeURIComponent(token)}` : base;
  }

  async confirmEmail(manager: EntityManager, user: Recipient): Promise<void> {
    const token = await this.tokens.issue(manager, user.id, TokenPurpose.CONFIRM_EMAIL);
    await this.send(manager, user.email, accountPhrases.confirmEmail(user.fullName, this.link(user.role, 'confirm-email', token)), true);
  }

  async passwordReset(manager: EntityManager, user: Recipient): Promise<void> {
    if (!(await this.withinAnonymousCap(manager, user.email))) return;
    const token = await this.tokens.issue(manager, user.id, TokenPurpose.RESET_PASSWORD);
    await this.send(manager, user.email, accountPhrases.passwordReset(this.link(user.role, 'reset-password', token)), true);
  }

  async registrationAttempt(manager: EntityManager, user: Recipient): Promise<void> {
    if (!(await this.withinAnonymousCap(manager, user.email))) return;
    await this.send(manager, user.email, accountPhrases.registrationAttempt(this.link(user.role, 'forgot-password')), false);
  }

  async passwordChanged(manager: EntityManager, email: string, at: Date): Promise<void> {
    await this.send(manager, email, accountPhrases.passwordChanged(at), false);
  }

  async accountClosed(manager: EntityManager, email: string): Promise<void> {
    await this.send(manager, email, accountPhrases.accountClosed(), false);
  }

  private send(manager: EntityManager, to: string, phrase: Phrase, secret: boolean): Promise<void> {
    return this.notifications.email(manager, to, phrase, { secret });
  }

  private async withinAnonymousCap(manager: EntityManager, email: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM email_outbox WHERE lower(to_address) = lower($1) AND created_at > now() - interval '1 hour'`, [email]);
    return row.n < ANONYMOUS_LETTERS_PER_HOUR;
  }
}
