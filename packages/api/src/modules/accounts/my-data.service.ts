import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppSettings, Service } from '../../common/container';
import { BadInputError } from '../../common/errors';
import { SnilsCrypto, formatSnils } from '../../common/snils';
import { phoneOrThrow } from './account.service';
import { type Actor, requireRole } from '../../common/actor';
import type { UpdateProfileInput } from './inputs/account-forms.input';
import { User } from './user.entity';

type Row = Record<string, unknown>;

/** «Мои данные»: everything the system holds about the family, and the parent's own name and phone. */
@Service()
export class MyDataService {
  private readonly crypto: SnilsCrypto;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    settings: AppSettings,
  ) {
    this.crypto = new SnilsCrypto(settings.config.dataEncryptionKey);
  }

  /** The export as pretty JSON, read in one snapshot so its parts agree. Money is in kopecks, as stored. */
  async export(actor: Actor | undefined): Promise<string> {
    const { userId } = requireRole(actor);
    const data = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const rows = (sql: string): Promise<Row[]> => m.query(sql, [userId]);
      const [account] = await rows(
        `SELECT u.email, u.full_name, u.phone, u.role, m.name AS municipality, u.created_at, u.email_confirmed_at
           FROM users u LEFT JOIN municipalities m ON m.id = u.municipality_id WHERE u.id = $1`,
      );
      const children = await this.children(m, userId);
      return {
        exportedAt: this.clock.now().toISOString(),
        note: 'Все данные Навигатора о вас и ваших детях. Суммы — в копейках.',
        account,
        consents: await rows(`SELECT version, given_at, ip, user_agent, withdrawn_at FROM consents WHERE user_id = $1 ORDER BY given_at`),
        sessions: await rows(
          `SELECT created_at, last_seen_at, ip, user_agent, (revoked_at IS NULL AND expires_at > now()) AS active FROM sessions WHERE user_id = $1 ORDER BY created_at DESC`,
        ),
        children,
        certificates: await rows(
          `SELECT c.number, c.child_id, c.status, c.status_reason, c.valid_until, c.created_at,
                  (SELECT coalesce(jsonb_agg(to_jsonb(a) - 'id' - 'certificate_id' ORDER BY a.created_at), '[]') FROM certificate_accounts a WHERE a.certificate_id = c.id) AS accounts,
                  (SELECT coalesce(jsonb_agg(jsonb_build_object('type', l.type, 'amount', l.amount, 'reason', l.reason, 'at', l.created_at) ORDER BY l.created_at), '[]')
                     FROM ledger_entries l JOIN certificate_accounts a ON a.id = l.account_id WHERE a.certificate_id = c.id) AS ledger
             FROM certificates c JOIN children ch ON ch.id = c.child_id WHERE ch.parent_user_id = $1 ORDER BY c.created_at`,
        ),
        applications: await rows(`SELECT to_jsonb(a) - 'parent_user_id' AS application FROM applications a WHERE a.parent_user_id = $1 ORDER BY a.submitted_at`),
        contracts: await rows(`SELECT to_jsonb(k) - 'parent_user_id' AS contract FROM contracts k WHERE k.parent_user_id = $1 ORDER BY k.offered_at`),
        charges: await rows(
          `SELECT k.number AS contract, ch.month, ch.amount, ch.copayment, ch.lessons_planned, ch.lessons_attended, ch.comment, ch.recorded_at
             FROM charges ch JOIN contracts k ON k.id = ch.contract_id WHERE k.parent_user_id = $1 ORDER BY k.number, ch.month`,
        ),
        notifications: await rows(`SELECT kind, title, body, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at`),
      };
    });
    return JSON.stringify(data, null, 2);
  }

  private async children(m: EntityManager, userId: string): Promise<Row[]> {
    const rows: (Row & { snils_encrypted: Buffer })[] = await m.query(
      `SELECT ch.id, ch.last_name, ch.first_name, ch.middle_name, ch.birth_date, ch.gender, mu.name AS municipality, ch.snils_encrypted, ch.created_at
         FROM children ch JOIN municipalities mu ON mu.id = ch.municipality_id WHERE ch.parent_user_id = $1 ORDER BY ch.birth_date`,
      [userId],
    );
    return rows.map(({ snils_encrypted, ...child }) => ({ ...child, snils: snils_encrypted.length ? formatSnils(this.crypto.decrypt(snils_encrypted)) : null }));
  }

  /** Corrects the parent's own name and phone (the phone stored as E.164 `+7…`). */
  async updateProfile(actor: Actor | undefined, input: UpdateProfileInput): Promise<User> {
    const { userId } = requireRole(actor);
    const fullName = input.fullName.trim();
    if (fullName.length < 3) throw new BadInputError('Укажите фамилию, имя и отчество', 'fullName');
    await this.dataSource.query(`UPDATE users SET full_name = $2, phone = $3 WHERE id = $1`, [userId, fullName, phoneOrThrow(input.phone)]);
    return this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
  }
}
