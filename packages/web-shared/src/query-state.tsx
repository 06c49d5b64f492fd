import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { describeError } from './errors';

/** Shown on every wait, so nobody looks at an empty screen. */
export function Loading({ label = 'Загружаем…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text>{label}</Text>
      </Group>
    </Center>
  );
}

const TITLES: Record<string, string> = {
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

/** A failed request in the server's words, titled after its error code, with a way to try again when there is one. */
export function ErrorNotice({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  if (!error) return null;
  const problem = describeError(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={title ?? TITLES[problem.code] ?? 'Не получилось'} role="alert" data-error-code={problem.code}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{problem.message}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Повторить
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={4} maw={520} ta="center">
        <IconInbox size={32} stroke={1.4} color="var(--mantine-color-gray-6)" aria-hidden />
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
