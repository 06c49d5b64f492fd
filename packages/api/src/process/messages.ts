import type { ReceivedMail } from '../modules/notifications/mailbox';

/**
 * What the cluster's processes tell each other over the IPC channel
 * (structured-clone serialization, so dates stay dates).
 */
export type WorkerMessage =
  /** The worker serves HTTP: the primary counts these to tell a failed start from a running system. */
  | { type: 'ready' }
  /** /dev/mail asks the primary, which runs the one development mailbox, for its letters. */
  | { type: 'letters?'; request: number };

export type PrimaryMessage = { type: 'letters'; request: number; letters: ReceivedMail[] };

/** Tells a worker that the primary runs the development mailbox, so /dev/mail must ask it (an internal variable, not configuration). */
export const PRIMARY_MAILBOX_ENV = 'NAVIGATOR_PRIMARY_MAILBOX';
