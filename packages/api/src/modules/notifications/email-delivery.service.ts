import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppSettings, Service } from '../../common/container';
import type { JobDefinition } from '../../jobs/job-queue';

const BATCH_SIZE = 50;
/** After this many failed attempts a message is parked as FAILED instead of being retried every minute forever. */
const MAX_ATTEMPTS = 5;
const FROM_ADDRESS = 'Навигатор дополнительного образования <no-reply@navigator.local>';

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Delivers the e-mail outbox. Rows are claimed with SKIP LOCKED, so several
 * API processes can run the job at once without sending a message twice.
 * Without SMTP_URL (development, tests) a message is logged and counted as sent.
 */
@Service()
export class EmailDeliveryService {
  private transport?: Transporter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AppSettings,
  ) {}

  /** Sends one batch of pending messages; returns how many were sent (failures wait for the next run). */
  async deliverPending(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, to_address, subject, body, attempts FROM email_outbox WHERE status = 'PENDING' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      let sent = 0;
      for (const row of rows) {
        try {
          await this.send(row);
          await manager.query(`UPDATE email_outbox SET status = 'SENT', sent_at = now(), attempts = attempts + 1 WHERE id = $1`, [row.id]);
          sent++;
        } catch (err) {
          this.settings.logger.warn({ err, outboxId: row.id }, 'e-mail delivery failed');
          await manager.query(`UPDATE email_outbox SET attempts = attempts + 1, last_error = $2, status = CASE WHEN attempts + 1 >= $3 THEN 'FAILED' ELSE status END WHERE id = $1`, [
            row.id,
            String(err),
            MAX_ATTEMPTS,
          ]);
        }
      }
      return sent;
    });
  }

  private async send(row: OutboxRow): Promise<void> {
    const { smtpUrl } = this.settings.config;
    if (!smtpUrl) {
      this.settings.logger.info({ to: row.to_address, subject: row.subject }, 'e-mail (SMTP_URL not set, logged instead of sent)');
      return;
    }
    this.transport ??= createTransport(smtpUrl);
    await this.transport.sendMail({ from: FROM_ADDRESS, to: row.to_address, subject: row.subject, text: row.body });
  }
}

export const deliverEmailJob: JobDefinition = {
  name: 'deliver-email',
  cron: '* * * * *',
  async run(container) {
    const delivery = container.get(EmailDeliveryService);
    // Drain the backlog in batches, each committed on its own; a failing server is retried on the next run, not in a loop.
    while ((await delivery.deliverPending()) === BATCH_SIZE);
  },
};
