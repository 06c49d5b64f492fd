import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Checkbox, Fieldset, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { describeError } from '@navigator/web-shared/errors';
import { ConsentText, CurrentConsentQuery } from '../../components/consent-text';
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
    registerParent(input: $input)
  }
`);

export function RegisterPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const municipalities = useQuery(MunicipalityChoicesQuery);
  const consent = useQuery(CurrentConsentQuery);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [register, { loading }] = useMutation(RegisterMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { fullName: '', email: '', phone: '', municipalityId: '', password: '', consent: false },
    validate: {
      fullName: (v) => (v.trim().length >= 3 ? null : 'Укажите фамилию, имя и отчество'),
      email: emailProblem,
      municipalityId: (v) => (v ? null : 'Выберите муниципалитет, где вы живёте'),
      password: (v) => (v.length >= 8 ? null : 'Пароль должен быть не короче 8 символов'),
      consent: (v) => (v ? null : 'Без согласия на обработку персональных данных регистрация невозможна'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await register({
        variables: {
          input: {
            fullName: values.fullName.trim(),
            email: values.email.trim(),
            phone: values.phone.trim() || null,
            municipalityId: values.municipalityId,
            password: values.password,
            consentVersion: consent.data!.currentConsent.version,
          },
        },
      });
      setSentTo(values.email.trim());
    } catch (error) {
      const p = describeError(error);
      form.setErrors(p.fields);
      if (!Object.keys(p.fields).length) setProblem(p.message);
    }
  });

  if (sentTo) {
    return (
      <Stack maw={480} mx="auto">
        <PageTitle>Проверьте почту</PageTitle>
        <Alert color="teal" role="status" title="Письмо отправлено">
          Мы отправили письмо на {sentTo}. Перейдите по ссылке из письма, чтобы подтвердить адрес: после этого можно добавлять детей и подавать заявки. Письма нет —
          загляните в папку «Спам»; из личного кабинета его можно отправить ещё раз.
        </Alert>
        <Button component={Link} to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} w="fit-content">
          Войти
        </Button>
      </Stack>
    );
  }

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
          <PasswordInput
            label="Пароль"
            description="Не короче 8 символов. Простые пароли вроде 12345678 не подойдут: возьмите три-четыре слова или фразу с цифрами."
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Fieldset legend="Согласие на обработку персональных данных">
            {consent.error ? (
              <ErrorNotice error={consent.error} onRetry={() => consent.refetch()} title="Не загрузился текст согласия" />
            ) : consent.data ? (
              <ConsentText text={consent.data.currentConsent.text} version={consent.data.currentConsent.version} />
            ) : (
              <Text size="sm">Загружаем текст согласия…</Text>
            )}
            <Checkbox mt="sm" label="Я прочитал(а) текст и даю согласие на обработку моих персональных данных и данных моих детей" {...form.getInputProps('consent', { type: 'checkbox' })} />
          </Fieldset>
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Button type="submit" loading={loading} disabled={!consent.data} size="md">
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
