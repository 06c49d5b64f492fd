import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { describeError } from './errors';
import { formatDateTime } from './format';

/**
 * The account forms both SPAs show (forgot, reset and change password,
 * sessions). Each SPA passes its own typed mutation; the form owns its state,
 * shows the server's words and, when the server names a field, puts them there.
 */
function useSubmit<T>(action: () => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      return await action();
    } catch (error) {
      setProblem(describeError(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) => problem?.fields[name];
  const formError = problem && Object.keys(problem.fields).length === 0 ? problem.message : null;
  return { busy, submit, fieldError, formError };
}

function FormAlert({ children }: { children: ReactNode }) {
  return children ? (
    <Alert color="red" role="alert">
      {children}
    </Alert>
  ) : null;
}

const PASSWORD_HINT = 'Не короче 8 символов. Простые пароли вроде 12345678 не подойдут: возьмите три-четыре слова или фразу с цифрами.';

/** «Забыли пароль?»: the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm({ onRequest }: { onRequest: (email: string) => Promise<unknown> }) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const form = useSubmit(async () => {
    await onRequest(email.trim());
    setSent(true);
  });
  if (sent) {
    return (
      <Alert color="teal" role="status" title="Проверьте почту">
        Если адрес {email.trim()} зарегистрирован, на него придёт письмо со ссылкой для смены пароля. Ссылка действует 1 час. Письма нет — загляните в папку «Спам».
      </Alert>
    );
  }
  return (
    <form onSubmit={form.submit} noValidate>
      <Stack>
        <Text>Укажите адрес почты, с которым вы регистрировались: пришлём ссылку для смены пароля.</Text>
        <TextInput label="Электронная почта" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={form.fieldError('email')} />
        <FormAlert>{form.formError}</FormAlert>
        <Button type="submit" loading={form.busy}>
          Отправить ссылку
        </Button>
      </Stack>
    </form>
  );
}

/** The page a reset link opens: a new password, twice. */
export function ResetPasswordForm({ onReset }: { onReset: (newPassword: string) => Promise<unknown> }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const form = useSubmit(() => onReset(password));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setMismatch(password !== repeat);
        if (password === repeat) void form.submit();
      }}
      noValidate
    >
      <Stack>
        <PasswordInput label="Новый пароль" description={PASSWORD_HINT} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={form.fieldError('password') ?? form.fieldError('newPassword')} />
        <PasswordInput label="Новый пароль ещё раз" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={mismatch ? 'Пароли не совпадают' : undefined} />
        <FormAlert>{form.formError}</FormAlert>
        <Button type="submit" loading={form.busy}>
          Сохранить пароль и войти
        </Button>
      </Stack>
    </form>
  );
}

/** «Сменить пароль» in a cabinet: the current password first; other sessions end. */
export function ChangePasswordForm({ onChange }: { onChange: (currentPassword: string, newPassword: string) => Promise<unknown> }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const form = useSubmit(async () => {
    await onChange(current, next);
    setCurrent('');
    setNext('');
    setDone(true);
  });
  return (
    <form onSubmit={form.submit} noValidate>
      <Stack>
        <PasswordInput label="Текущий пароль" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={form.fieldError('currentPassword')} />
        <PasswordInput label="Новый пароль" description={PASSWORD_HINT} autoComplete="new-password" required value={next} onChange={(e) => setNext(e.currentTarget.value)} error={form.fieldError('password') ?? form.fieldError('newPassword')} />
        <FormAlert>{form.formError}</FormAlert>
        {done && (
          <Alert color="teal" role="status">
            Пароль изменён. Все другие входы в учётную запись завершены.
          </Alert>
        )}
        <Button type="submit" loading={form.busy} w="fit-content">
          Сменить пароль
        </Button>
      </Stack>
    </form>
  );
}

export interface SessionRow {
  id: string;
  current: boolean;
  userAgent?: string | null;
  ip?: string | null;
  lastSeenAt: string;
  createdAt: string;
}

/** A browser's own name for itself, shortened to what a person recognizes. */
export function deviceName(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Неизвестное устройство';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /YaBrowser/.test(userAgent) ? 'Яндекс Браузер' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  return browser || system ? [browser, system].filter(Boolean).join(', ') : userAgent.slice(0, 60);
}

/** Active sessions: device, address, last seen; end one or all the others. */
export function SessionList({ sessions, onEnd, onEndOthers }: { sessions: SessionRow[]; onEnd: (id: string) => Promise<unknown>; onEndOthers: () => Promise<unknown> }) {
  const [problem, setProblem] = useState<string | null>(null);
  const act = (action: () => Promise<unknown>) => async () => {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };
  return (
    <Stack>
      {sessions.map((s) => (
        <Card key={s.id} withBorder padding="sm" data-testid="session">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Group gap="xs">
                <Text fw={600}>{deviceName(s.userAgent)}</Text>
                {/* Shade 9 whatever the app's primary shade: white on the provider SPA's teal 8 is 3.94:1. */}
                {s.current && <Badge color="teal.9">Этот сеанс</Badge>}
              </Group>
              <Text size="sm" c="dimmed">
                Адрес {s.ip ?? 'неизвестен'} · вход {formatDateTime(s.createdAt)} · последняя активность {formatDateTime(s.lastSeenAt)}
              </Text>
            </Stack>
            {!s.current && (
              <Button variant="light" color="red" size="xs" style={{ flexShrink: 0 }} onClick={act(() => onEnd(s.id))}>
                Завершить
              </Button>
            )}
          </Group>
        </Card>
      ))}
      <FormAlert>{problem}</FormAlert>
      {sessions.some((s) => !s.current) && (
        <Button variant="light" color="red" w="fit-content" onClick={act(onEndOthers)}>
          Завершить все другие сеансы
        </Button>
      )}
    </Stack>
  );
}
