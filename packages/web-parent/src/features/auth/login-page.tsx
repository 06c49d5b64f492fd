import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { graphql } from '../../gql';
import { describeError } from '@navigator/web-shared/errors';
import { safeNextPath } from './next-path';
import { emailProblem } from '@navigator/web-shared/validation';

const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      user {
        id
      }
    }
  }
`);

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const client = useApolloClient();
  const [login, { loading }] = useMutation(LoginMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: emailProblem,
      password: (v) => (v ? null : 'Введите пароль'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await login({ variables: { input: { email: values.email.trim(), password: values.password } } });
      // Everything cached so far was fetched as a guest.
      await client.resetStore();
      navigate(next, { replace: true });
    } catch (error) {
      const p = describeError(error);
      form.setErrors(p.fields);
      if (!Object.keys(p.fields).length) setProblem(p.message);
    }
  });

  return (
    <Paper maw={440} mx="auto" p={{ base: 0, sm: 'lg' }} withBorder={false}>
      <PageTitle>Вход</PageTitle>
      {next !== '/' && <Text mb="md">Войдите, чтобы продолжить запись. Нет учётной записи? Зарегистрируйтесь — это займёт минуту.</Text>}
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Электронная почта" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput label="Пароль" autoComplete="current-password" required {...form.getInputProps('password')} />
          <Anchor component={Link} to="/forgot-password" size="sm" w="fit-content">
            Забыли пароль?
          </Anchor>
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Button type="submit" loading={loading} size="md">
            Войти
          </Button>
          <Text size="sm">
            Впервые здесь?{' '}
            <Anchor component={Link} to={`/register${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>
              Зарегистрироваться
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
