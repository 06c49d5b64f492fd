import { useApolloClient, useMutation } from '@apollo/client/react';
import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { emailProblem } from '@navigator/web-shared/validation';

const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      expiresAt
    }
  }
`);

/** Where a path from `?next=` may lead: only inside this app, so a link cannot send staff elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const client = useApolloClient();
  const [login, { loading, error }] = useMutation(LoginDocument);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: emailProblem,
      password: (v) => (v ? null : 'Введите пароль'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    const result = await login({ variables: { input: { email: values.email.trim(), password: values.password } } }).catch(() => null);
    if (!result?.data) return;
    await client.resetStore();
    navigate(safeNext(params.get('next')), { replace: true });
  });

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={420}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h3">
                Навигатор — кабинет организации
              </Title>
              <Text size="sm" c="dimmed">
                Вход для сотрудников организаций, МОЦ и РМЦ
              </Text>
            </div>
            <ErrorNotice error={error} title="Не удалось войти" />
            <TextInput label="Электронная почта" type="email" autoComplete="username" {...form.getInputProps('email')} />
            <PasswordInput label="Пароль" autoComplete="current-password" {...form.getInputProps('password')} />
            <Anchor component={Link} to="/forgot-password" size="sm" w="fit-content">
              Забыли пароль?
            </Anchor>
            <Button type="submit" loading={loading}>
              Войти
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
