import { notifications } from '@mantine/notifications';
import { describeError } from '@navigator/web-shared/errors';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 4000 });
}

export function notifyError(error: unknown, title = 'Не получилось'): void {
  const { message, code } = describeError(error);
  notifications.show({ color: 'red', title, message: `${message} (${code})`, autoClose: 8000 });
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
