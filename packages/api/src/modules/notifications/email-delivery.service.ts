import { randomUUID } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppSettings, Service } from '../../common/container';
import type { JobDefinition } from '../../common/jobs';

const BATCH_SIZE = 50;
/** After this many failed attempts a message is parked as FAILED instead of being retried every minute forever. */
const MAX_ATTEMPTS = 5;
/** A claim older than this belongs to a worker that died mid-send: the message is claimed again. */
const CLAIM_LEASE_MINUTES = 10;
/** A message whose sending failed waits this long before the next try. */
const RETRY_AFTER_SECONDS = 60;
const FROM_ADDRESS = 'Навигатор дополнительного образования <no-reply@navigator.local>';
const ERASED_BODY = '[текст со ссылкой удалён после отправки]';

interface ClaimedRow {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
  claim_token: string;
}

/**
 * Delivers the e-mail outbox without holding a transaction or a lock while
 * talking to SMTP: claim one message (a committed UPDATE), send it, mark it
 * sent. Several processes can run this at once; a worker killed mid-send
 * leaves only that one message claimed, and it is sent again after the lease.
 */
@Service()
export class EmailDeliveryService {
  private transport?: Transporter;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AppSettings,
  ) {}

  /** Sends up to `limit` pending messages one by one, until `stopping`; returns how many were sent (failures wait for a later run). */
  async deliverPending(limit = BATCH_SIZE, stopping?: AbortSignal): Promise<number> {
    let sent = 0;
    for (let i = 0; i < limit && !stopping?.aborted; i++) {
      const row = await this.claim();
      if (!row) break;
      if (await this.deliver(row)) sent++;
    }
    return sent;
  }

  /**
   * Starts delivering now, in the background, for letters a person waits for
   * (a confirmation link); the minute job stays the safety net.
   */
  deliverSoon(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        while ((await this.deliverPending()) === BATCH_SIZE);
      } while (this.again);
    })()
      .catch((err) => this.settings.logger.warn({ err }, 'immediate e-mail delivery failed; the job will retry'))
      .finally(() => {
        this.running = undefined;
        // A request that arrived after the loop's last look is served now, not by the next minute's job.
        if (this.again) this.deliverSoon();
      });
  }

  /** Waits for a background delivery started by `deliverSoon` (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async claim(): Promise<ClaimedRow | undefined> {
    const [rows]: [ClaimedRow[], number] = await this.dataSource.query(
      `UPDATE email_outbox SET status = 'SENDING', claimed_at = now(), claim_token = $3, attempts = attempts + 1
        WHERE id = (SELECT id FROM email_outbox
                     WHERE (status = 'PENDING' AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $2)))
                        OR (status = 'SENDING' AND claimed_at < now() - make_interval(mins => $1))
                     ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, body, attempts, claim_token`,
      [CLAIM_LEASE_MINUTES, RETRY_AFTER_SECONDS, randomUUID()],
    );
    return rows[0];
  }

  private async deliver(row: ClaimedRow): Promise<boolean> {
    try {
      await this.send(row);
    } catch (err) {
      this.settings.logger.warn({ err, outboxId: row.id }, 'e-mail delivery failed');
      await this.dataSource.query(
        `UPDATE email_outbox SET last_error = $3, status = CASE WHEN attempts >= $4 THEN 'FAILED' ELSE 'PENDING' END
          WHERE id = $1 AND claim_token = $2 AND status = 'SENDING'`,
        [row.id, row.claim_token, String(err), MAX_ATTEMPTS],
      );
      return false;
    }
    // The claim token: a worker that outlived its lease cannot overwrite the outcome of the one that took over.
    await this.dataSource.query(
      `UPDATE email_outbox SET status = 'SENT', sent_at = now(), last_error = NULL,
              body = CASE WHEN erase_after_send THEN $3 ELSE body END
        WHERE id = $1 AND claim_token = $2 AND status = 'SENDING'`,
      [row.id, row.claim_token, ERASED_BODY],
    );
    return true;
  }

  private async send(row: ClaimedRow): Promise<void> {
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
  async run(container, _data, stopping) {
    const delivery = container.get(EmailDeliveryService);
    // Drain the backlog; a failing server is retried on the next run, not in a loop.
    while ((await delivery.deliverPending(BATCH_SIZE, stopping)) === BATCH_SIZE);
  },
};
