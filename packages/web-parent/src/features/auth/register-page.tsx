import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { describeError } from '@navigator/web-shared/errors';
import { safeNextPath } from './next-path';
import { emailProblem } from '@navigator/web-shared/validation';

const MunicipalityChoicesQuery = graphql(`
  query MunicipalityChoices {
    municipalities {
      id
      name
    }
  }
`);

const RegisterMutation = graphql(`
  mutation RegisterParent($input: RegisterParentInput!) {
    registerParent(input: $input) {
      user {
        id
      }
    }
  }
`);

export function RegisterPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const client = useApolloClient();
  const municipalities = useQuery(MunicipalityChoicesQuery);
  const [register, { loading }] = useMutation(RegisterMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { fullName: '', email: '', phone: '', municipalityId: '', password: '' },
    validate: {
      fullName: (v) => (v.trim().length >= 3 ? null : 'Укажите фамилию, имя и отчество'),
      email: emailProblem,
      municipalityId: (v) => (v ? null : 'Выберите муниципалитет, где вы живёте'),
      password: (v) => (v.length >= 8 ? null : 'Пароль должен быть не короче 8 символов'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await register({
        variables: {
          input: { fullName: values.fullName.trim(), email: values.email.trim(), phone: values.phone.trim() || null, municipalityId: values.municipalityId, password: values.password },
        },
      });
      await client.resetStore();
      navigate(next === '/' ? '/children' : next, { replace: true });
    } catch (error) {
      const p = describeError(error);
      form.setErrors(p.fields);
      if (!Object.keys(p.fields).length) setProblem(p.message);
    }
  });

  return (
    <Stack maw={480} mx="auto" gap={0}>
      <PageTitle>Регистрация родителя</PageTitle>
      <Text mb="md">Учётная запись нужна, чтобы добавить детей, получить сертификат и записаться в кружок.</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Фамилия, имя, отчество" autoComplete="name" required {...form.getInputProps('fullName')} />
          <TextInput label="Электронная почта" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <TextInput label="Телефон" type="tel" autoComplete="tel" placeholder="+7 914 123-45-67" {...form.getInputProps('phone')} />
          {municipalities.error ? (
            <ErrorNotice error={municipalities.error} onRetry={() => municipalities.refetch()} title="Не загрузился список муниципалитетов" />
          ) : (
            <Select
              label="Муниципалитет, где вы живёте"
              description="Здесь выдаётся сертификат и работает ваш МОЦ"
              placeholder={municipalities.loading ? 'Загружаем список…' : 'Выберите из списка'}
              data={(municipalities.data?.municipalities ?? []).map((m) => ({ value: m.id, label: m.name }))}
              searchable
              required
              nothingFoundMessage="Нет такого муниципалитета"
              {...form.getInputProps('municipalityId')}
            />
          )}
          <PasswordInput label="Пароль" description="Не короче 8 символов" autoComplete="new-password" required {...form.getInputProps('password')} />
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Button type="submit" loading={loading} size="md">
            Зарегистрироваться
          </Button>
          <Text size="sm">
            Уже есть учётная запись?{' '}
            <Anchor component={Link} to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>
              Войти
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Stack>
  );
}
