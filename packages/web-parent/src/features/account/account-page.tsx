import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ChangePasswordForm, SessionList } from '@navigator/web-shared/account-forms';
import { describeError } from '@navigator/web-shared/errors';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { PageTitle } from '../../components/page-title';
import { RequireParent } from '../../components/require-parent';
import { graphql } from '../../gql';
import type { CurrentUserQuery } from '../../gql/graphql';

const MyDataExportQuery = graphql(`
  query MyDataExport {
    myDataExport
  }
`);

const UpdateMyProfileMutation = graphql(`
  mutation UpdateMyProfile($input: UpdateProfileInput!) {
    updateMyProfile(input: $input) {
      id
      fullName
      phone
    }
  }
`);

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      current
      userAgent
      ip
      createdAt
      lastSeenAt
    }
  }
`);

const EndSessionMutation = graphql(`
  mutation EndSession($id: ID!) {
    endSession(sessionId: $id)
  }
`);

const EndOtherSessionsMutation = graphql(`
  mutation EndOtherSessions {
    endOtherSessions
  }
`);

const WithdrawConsentMutation = graphql(`
  mutation WithdrawConsent($password: String!) {
    withdrawConsent(password: $password)
  }
`);

type Parent = NonNullable<CurrentUserQuery['me']>;

function Section({ id, title, children }: { id?: string; title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="lg" id={id} component="section" aria-labelledby={`${id ?? title}-title`}>
      <Title order={2} size="h3" mb="sm" id={`${id ?? title}-title`}>
        {title}
      </Title>
      {children}
    </Card>
  );
}

function ProfileForm({ user }: { user: Parent }) {
  const [update, { loading }] = useMutation(UpdateMyProfileMutation);
  const [saved, setSaved] = useState(false);
  const form = useForm({ initialValues: { fullName: user.fullName, phone: user.phone ?? '' } });
  const submit = form.onSubmit(async (values) => {
    setSaved(false);
    try {
      const { data } = await update({ variables: { input: { fullName: values.fullName, phone: values.phone.trim() || null } } });
      // Show what was stored: the phone as +7…, the name trimmed.
      form.setValues({ fullName: data!.updateMyProfile.fullName, phone: data!.updateMyProfile.phone ?? '' });
      setSaved(true);
    } catch (error) {
      const p = describeError(error);
      form.setErrors(Object.keys(p.fields).length ? p.fields : { fullName: p.message });
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Электронная почта" value={user.email} readOnly description="Адрес почты — ваш логин; изменить его можно через МОЦ" />
        <TextInput label="Фамилия, имя, отчество" autoComplete="name" required {...form.getInputProps('fullName')} />
        <TextInput label="Телефон" type="tel" autoComplete="tel" placeholder="+7 914 123-45-67" {...form.getInputProps('phone')} />
        {saved && (
          <Alert color="teal" role="status">
            Данные сохранены.
          </Alert>
        )}
        <Button type="submit" loading={loading} w="fit-content">
          Сохранить
        </Button>
      </Stack>
    </form>
  );
}

function DownloadData() {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await client.query({ query: MyDataExportQuery, fetchPolicy: 'network-only' });
      const url = URL.createObjectURL(new Blob([data!.myDataExport], { type: 'application/json' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: 'navigator-moi-dannye.json' });
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack align="flex-start">
      <Text>Всё, что Навигатор хранит о вас и ваших детях: учётная запись, согласия, сеансы, дети и СНИЛС, сертификаты и операции по ним, заявки, договоры, списания, уведомления.</Text>
      <ErrorNotice error={problem} />
      <Button variant="light" onClick={download} loading={busy}>
        Скачать мои данные (JSON)
      </Button>
    </Stack>
  );
}

function Sessions() {
  const sessions = useQuery(MySessionsQuery, { fetchPolicy: 'cache-and-network' });
  const [end] = useMutation(EndSessionMutation);
  const [endOthers] = useMutation(EndOtherSessionsMutation);
  if (sessions.error) return <ErrorNotice error={sessions.error} onRetry={() => sessions.refetch()} />;
  if (!sessions.data) return <Loading />;
  return (
    <SessionList
      sessions={sessions.data.mySessions}
      onEnd={async (id) => {
        await end({ variables: { id } });
        await sessions.refetch();
      }}
      onEndOthers={async () => {
        await endOthers();
        await sessions.refetch();
      }}
    />
  );
}

function WithdrawConsent() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [withdraw, { loading }] = useMutation(WithdrawConsentMutation);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await withdraw({ variables: { password } });
      await client.clearStore();
      notifications.show({ color: 'teal', title: 'Согласие отозвано', message: 'Учётная запись закрыта, данные удалены.' });
      navigate('/', { replace: true });
      await client.refetchQueries({ include: 'active' });
    } catch (error) {
      setProblem(describeError(error));
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>
          Отзыв согласия закрывает учётную запись: ваши данные и данные детей будут удалены или обезличены. Договоры, списания и операции по сертификату остаются на
          сроки, которые закон устанавливает для бухгалтерского учёта. Сначала отмените заявки и расторгните действующие договоры.
        </Text>
        <PasswordInput label="Пароль для подтверждения" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={problem?.fields.password} />
        {problem && !problem.fields.password && (
          <Alert color="red" role="alert">
            {problem.message}
          </Alert>
        )}
        <Button type="submit" color="red" variant="outline" loading={loading} w="fit-content">
          Отозвать согласие
        </Button>
      </Stack>
    </form>
  );
}

/** «Мои данные»: the parent's own data, password, sessions and consent. */
export function AccountPage() {
  const [change] = useMutation(ChangePasswordMutation);
  return (
    <RequireParent>
      {(user) => (
        <Stack gap="lg">
          <PageTitle>Мои данные</PageTitle>
          <Section title="Личные данные">
            <ProfileForm user={user} />
          </Section>
          <Section title="Скачать данные">
            <DownloadData />
          </Section>
          <Section title="Сменить пароль">
            <ChangePasswordForm onChange={(currentPassword, newPassword) => change({ variables: { input: { currentPassword, newPassword } } })} />
          </Section>
          <Section title="Сеансы">
            <Sessions />
          </Section>
          <Section id="consent" title="Согласие на обработку персональных данных">
            <WithdrawConsent />
          </Section>
        </Stack>
      )}
    </RequireParent>
  );
}
