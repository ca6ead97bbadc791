import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/errors';

export function showApiError(err: unknown, title = 'Something went wrong'): void {
  notifications.show({ color: 'red', title, message: errorMessage(err) });
}

export function showSuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message });
}
