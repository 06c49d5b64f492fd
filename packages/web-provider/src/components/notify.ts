import { notifications } from '@mantine/notifications';
import { readError } from '../lib/errors';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 4000 });
}

export function notifyError(error: unknown, title = 'Не получилось'): void {
  const { message, code } = readError(error);
  notifications.show({ color: 'red', title, message: code ? `${message} (${code})` : message, autoClose: 8000 });
}
