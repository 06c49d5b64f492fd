import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { Service } from '../../common/container';
import { BadInputError, InvalidTransitionError } from '../../common/errors';
import { EmailDeliveryService } from '../notifications/email-delivery.service';
import { AccountLetters } from './account-letters';
import { verifyPassword } from './account.service';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { User } from './user.entity';

export const ERASED_NAME = 'Удалено';

/**
 * Withdrawal of consent (152-ФЗ, art. 9 §2 and art. 21 §5): the account is
 * closed and personal data removed or anonymized, except what accounting law
 * keeps — contracts, charges, invoices and the certificate ledger (with the
 * child's name and birth date on children who had a signed contract, since
 * the contract names the student). The README lists what stays and why.
 */
@Service()
export class AccountClosureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly letters: AccountLetters,
    private readonly delivery: EmailDeliveryService,
  ) {}

  async withdrawConsent(actor: Actor | undefined, password: string): Promise<boolean> {
    const { userId } = requireRole(actor, Role.PARENT);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneOrFail(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!(await verifyPassword(user.passwordHash, password))) throw new BadInputError('Пароль указан неверно', 'password');
      const [live] = await manager.query(
        `SELECT (SELECT count(*)::int FROM applications WHERE parent_user_id = $1 AND status IN ('SUBMITTED','WAITLISTED','CONFIRMED')) AS applications,
                (SELECT count(*)::int FROM contracts WHERE parent_user_id = $1 AND status IN ('OFFERED','ACTIVE','AWAITING_FUNDING','TERMINATED')) AS contracts`,
        [userId],
      );
      // A running contract is a legal basis of its own (152-ФЗ art. 6 §1 p. 5): it is ended first, by its own rules and notice.
      if (live.applications > 0 || live.contracts > 0) {
        throw new InvalidTransitionError(
          `Сначала отмените заявки и расторгните договоры (заявок: ${live.applications}, договоров: ${live.contracts}). ` +
            'Договор действует до конца месяца расторжения; после этого согласие можно отозвать.',
          live,
        );
      }
      const now = this.clock.now();
      await manager.query(`UPDATE consents SET withdrawn_at = $2 WHERE user_id = $1 AND withdrawn_at IS NULL`, [userId, now]);
      await manager.query(`DELETE FROM email_outbox WHERE notification_id IN (SELECT id FROM notifications WHERE user_id = $1) OR lower(to_address) = lower($2)`, [userId, user.email]);
      await manager.query(`DELETE FROM notifications WHERE user_id = $1`, [userId]);
      await manager.query(`DELETE FROM login_attempts WHERE lower(email) = lower($1)`, [user.email]);
      await manager.query(`DELETE FROM account_tokens WHERE user_id = $1`, [userId]);
      await manager.query(`UPDATE sessions SET revoked_at = coalesce(revoked_at, now()), ip = NULL, user_agent = NULL WHERE user_id = $1`, [userId]);
      await manager.query(`UPDATE consents SET user_agent = NULL WHERE user_id = $1`, [userId]);
      // SNILS goes everywhere; the hash is replaced so the same child can be registered again by the other parent.
      await manager.query(
        `UPDATE children c SET snils_encrypted = '\\x'::bytea, snils_hash = 'erased:' || c.id, snils_last_digits = '00',
                last_name = CASE WHEN kept THEN last_name ELSE $2 END,
                first_name = CASE WHEN kept THEN first_name ELSE $2 END,
                middle_name = CASE WHEN kept THEN middle_name ELSE NULL END,
                birth_date = CASE WHEN kept THEN birth_date ELSE date_trunc('year', birth_date)::date END
           FROM (SELECT ch.id, EXISTS (SELECT 1 FROM contracts ct WHERE ct.child_id = ch.id AND ct.signed_at IS NOT NULL) AS kept
                   FROM children ch WHERE ch.parent_user_id = $1) AS k
          WHERE c.id = k.id`,
        [userId, ERASED_NAME],
      );
      await manager.query(
        `UPDATE certificates SET status = 'CLOSED', status_reason = 'Родитель отозвал согласие на обработку персональных данных', updated_at = now()
          WHERE child_id IN (SELECT id FROM children WHERE parent_user_id = $1) AND status <> 'CLOSED'`,
        [userId],
      );
      await manager.query(
        `UPDATE users SET email = 'closed-' || id || '@navigator.invalid', full_name = $2, phone = NULL, password_hash = '!', closed_at = $3 WHERE id = $1`,
        [userId, ERASED_NAME, now],
      );
      await this.letters.accountClosed(manager, user.email);
    });
    this.delivery.deliverSoon();
    return true;
  }
}
