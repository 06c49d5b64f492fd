import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { readError } from '../lib/errors';

export function LoadingState({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

const codeHints: Record<string, string> = {
  FORBIDDEN: 'Нет доступа',
  UNAUTHENTICATED: 'Нужно войти',
  NOT_FOUND: 'Не найдено',
  BAD_USER_INPUT: 'Проверьте данные',
  INVALID_TRANSITION: 'Действие сейчас недоступно',
  CONFLICT: 'Конфликт',
  INSUFFICIENT_BALANCE: 'Недостаточно средств на сертификате',
  GROUP_FULL: 'В группе нет мест',
  LIMIT_EXHAUSTED: 'Лимит исчерпан',
};

/** The server's message under a short title named after its error code. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const { message, code } = readError(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title ?? (code && codeHints[code]) ?? 'Ошибка'} role="alert" data-error-code={code}>
      {message}
    </Alert>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={4} maw={520} ta="center">
        <IconInbox size={32} stroke={1.4} color="var(--mantine-color-gray-5)" />
        <Text fw={600}>{title}</Text>
        {children && (
          <Text size="sm" c="dimmed">
            {children}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
