import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { Service } from '../../common/container';
import { decodeCursor, type Page, pageSize, toPage } from '../../common/pagination';
import { execute } from '../../common/sql';
import { type Actor, requireRole } from '../../common/actor';
import { Notification } from './notification.entity';
import type { Phrase } from './phrasebook/phrase';

export interface NotificationMessage {
  kind: string;
  title: string;
  body: string;
  applicationId?: string;
  contractId?: string;
}

@Service()
export class NotificationService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Notifies users inside the caller's transaction: an in-app notification and
   * an e-mail outbox row each, so both exist exactly when the change does.
   */
  async notify(manager: EntityManager, userIds: string[], message: NotificationMessage): Promise<void> {
    if (userIds.length === 0) return;
    await this.insert(manager, `SELECT unnest($1::uuid[])`, userIds, message);
  }

  /** Notifies every staff member of an organization (e.g. of a new application), in the caller's transaction. */
  async notifyOrganizationStaff(manager: EntityManager, organizationId: string, message: NotificationMessage): Promise<void> {
    await this.insert(manager, `SELECT id FROM users WHERE organization_id = $1 AND role = 'PROVIDER_STAFF'`, organizationId, message);
  }

  /**
   * An e-mail with no in-app notice (account letters), in the caller's transaction.
   * `secret`: the body holds a live link, so the outbox forgets it once sent.
   */
  async email(manager: EntityManager, to: string, phrase: Phrase, options: { secret: boolean }): Promise<void> {
    await manager.query(`INSERT INTO email_outbox (to_address, subject, body, erase_after_send) VALUES ($1, $2, $3, $4)`, [to, phrase.title, phrase.body, options.secret]);
  }

  /** Staff of an organization, for notices a caller sends to them one by one. */
  async staffOf(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM users WHERE organization_id = $1 AND role = 'PROVIDER_STAFF'`, [organizationId]);
    return rows.map((r) => r.id);
  }

  private async insert(manager: EntityManager, recipients: string, recipientParam: unknown, message: NotificationMessage): Promise<void> {
    await manager.query(
      `WITH n AS (
         INSERT INTO notifications (user_id, kind, title, body, application_id, contract_id)
         SELECT r, $2, $3, $4, $5, $6 FROM (${recipients}) AS recipients(r)
         RETURNING id, user_id
       )
       INSERT INTO email_outbox (notification_id, to_address, subject, body)
       SELECT n.id, users.email, $3, $4 FROM n JOIN users ON users.id = n.user_id`,
      [recipientParam, message.kind, message.title, message.body, message.applicationId ?? null, message.contractId ?? null],
    );
  }

  async myNotifications(actor: Actor | undefined, unreadOnly: boolean, first?: number | null, after?: string | null): Promise<Page<Notification>> {
    const user = requireRole(actor);
    const limit = pageSize(first);
    const offset = decodeCursor(after);
    const where = { userId: user.userId, ...(unreadOnly ? { readAt: IsNull() } : {}) };
    const [rows, totalCount] = await Promise.all([
      this.dataSource.getRepository(Notification).find({ where, order: { createdAt: 'DESC', id: 'ASC' }, skip: offset, take: limit + 1 }),
      this.dataSource.getRepository(Notification).count({ where }),
    ]);
    return toPage(rows, offset, limit, totalCount);
  }

  async unreadCount(actor: Actor | undefined): Promise<number> {
    const user = requireRole(actor);
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [user.userId]);
    return row.n;
  }

  /** Marks the given notifications (all when `ids` is absent) of the signed-in user read; returns how many changed. */
  async markRead(actor: Actor | undefined, ids: string[] | null | undefined): Promise<number> {
    const user = requireRole(actor);
    const { count } = await execute(
      this.dataSource.manager,
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [user.userId, ids ?? null],
    );
    return count;
  }
}
