import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  id: number;
  to: string[];
  subject: string;
  text: string;
  receivedAt: Date;
  /** Every http(s) link in the text, in order. */
  links: string[];
}

/** The letters /dev/mail shows, newest last: read from the mailbox in this process, or asked of the cluster's primary that runs it. */
export type ReadLetters = () => Promise<readonly ReceivedMail[]>;

export interface Mailbox {
  /** `smtp://127.0.0.1:<port>`: give it to nodemailer as SMTP_URL. */
  url: string;
  /** Newest last; the oldest are dropped beyond `keep`. */
  messages: ReceivedMail[];
  /** The first message to `to` (whose subject contains `subject`) received after `since` messages, waiting up to `timeoutMs`. */
  waitFor(to: string, options?: { subject?: string; after?: number; timeoutMs?: number }): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/**
 * A real SMTP server in this process that keeps what it receives in memory:
 * the development mailbox (`/dev/mail`) and the tests' inbox, so both go
 * through the same nodemailer → SMTP → parser path as production mail.
 */
export async function startMailbox(options: { port?: number; keep?: number } = {}): Promise<Mailbox> {
  const keep = options.keep ?? 200;
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let serial = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Navigator development mailbox',
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const text = mail.text ?? '';
          messages.push({
            id: ++serial,
            to: addresses(mail.to),
            subject: mail.subject ?? '',
            text,
            receivedAt: new Date(),
            links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
          });
          if (messages.length > keep) messages.splice(0, messages.length - keep);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, { subject, after = 0, timeoutMs = 5000 } = {}) {
      const find = () => messages.find((m) => m.id > after && m.to.includes(to.toLowerCase()) && (!subject || m.subject.includes(subject)));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no letter to ${to}${subject ? ` «${subject}»` : ''} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
