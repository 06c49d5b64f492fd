import { notifications } from '@mantine/notifications';
import { readError } from '../lib/errors';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 4000 });
}

export function notifyError(error: unknown, title = 'Не получилось'): void {
  const { message, code } = readError(error);
  notifications.show({ color: 'red', title, message: code ? `${message} (${code})` : message, autoClose: 8000 });
}

/** Runs a mutation and tells the result either way; resolves to null when it failed (the error is already shown). */
export async function withFeedback<T>(action: Promise<T>, success: string, failureTitle?: string): Promise<T | null> {
  try {
    const result = await action;
    notifySuccess(success);
    return result;
  } catch (error) {
    notifyError(error, failureTitle);
    return null;
  }
}
