import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { AppSettings, type Container } from '../../common/container';
import { EmailDeliveryService } from './email-delivery.service';
import { NotificationService } from './notification.service';

describe('notifications', () => {
  let ds: DataSource;
  let container: Container;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ dataSource: ds, container, close } = await createTestApp());
  });
  afterAll(() => close());

  const outbox = (notificationIds: string[]) =>
    ds.query(`SELECT status, attempts FROM email_outbox WHERE notification_id = ANY($1::uuid[]) ORDER BY id`, [notificationIds]);

  it('writes a notification and an e-mail to the outbox together, and rolls both back with the change', async () => {
    const notifications = container.get(NotificationService);
    const parent = await actorByEmail(ds, 'parent@demo.ru');
    await expect(
      ds.transaction(async (m) => {
        await notifications.notify(m, [parent.userId], { kind: 'TEST', title: 'Не дойдёт', body: 'Откат' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await ds.query(`SELECT 1 FROM notifications WHERE title = 'Не дойдёт'`)).toEqual([]);

    await ds.transaction((m) => notifications.notify(m, [parent.userId], { kind: 'TEST', title: 'Проверка', body: 'Текст' }));
    const [row] = await ds.query(`SELECT n.id, e.to_address, e.subject, e.status FROM notifications n JOIN email_outbox e ON e.notification_id = n.id WHERE n.title = 'Проверка'`);
    expect(row).toMatchObject({ to_address: 'parent@demo.ru', subject: 'Проверка', status: 'PENDING' });
  });

  it('counts unread notifications per user and marks only the user\'s own read', async () => {
    const notifications = container.get(NotificationService);
    const parent = await actorByEmail(ds, 'parent@demo.ru');
    const staff = await actorByEmail(ds, 'staff@demo.ru');
    await ds.transaction((m) => notifications.notify(m, [parent.userId, staff.userId], { kind: 'TEST', title: 'Обоим', body: 'Текст' }));
    const staffUnread = await notifications.unreadCount(staff);
    const page = await notifications.myNotifications(parent, true, 100, null);
    expect(page.edges.every((e) => e.node.userId === parent.userId && e.node.readAt === null)).toBe(true);
    expect(await notifications.markRead(parent, [page.edges[0].node.id])).toBe(1);
    expect(await notifications.unreadCount(parent)).toBe(page.totalCount - 1);
    await notifications.markRead(parent, null);
    expect(await notifications.unreadCount(parent)).toBe(0);
    expect(await notifications.unreadCount(staff)).toBe(staffUnread);
  });

  it('delivers the outbox once without SMTP (logged), and retries then parks messages an SMTP server refuses', async () => {
    const notifications = container.get(NotificationService);
    const parent = await actorByEmail(ds, 'parent@demo.ru');
    const settings = container.get(AppSettings);
    await ds.transaction((m) => notifications.notify(m, [parent.userId], { kind: 'TEST', title: 'Письмо', body: 'Текст' }));
    const ids = (await ds.query(`SELECT id FROM notifications WHERE title = 'Письмо'`)).map((r: { id: string }) => r.id);

    const unreachable = new EmailDeliveryService(ds, new AppSettings({ ...settings.config, smtpUrl: 'smtp://127.0.0.1:1' }, settings.logger));
    for (let attempt = 0; attempt < 5; attempt++) {
      await unreachable.deliverPending();
      // A failed message waits a minute before its next try.
      await ds.query(`UPDATE email_outbox SET claimed_at = claimed_at - interval '2 minutes' WHERE status = 'PENDING'`);
    }
    expect(await outbox(ids)).toEqual([{ status: 'FAILED', attempts: 5 }]);

    await ds.transaction((m) => notifications.notify(m, [parent.userId], { kind: 'TEST', title: 'Письмо 2', body: 'Текст' }));
    const second = (await ds.query(`SELECT id FROM notifications WHERE title = 'Письмо 2'`)).map((r: { id: string }) => r.id);
    const logged = container.get(EmailDeliveryService);
    expect(await logged.deliverPending()).toBeGreaterThanOrEqual(1);
    expect(await outbox(second)).toEqual([{ status: 'SENT', attempts: 1 }]);
    expect(await logged.deliverPending()).toBe(0);
  });
});
