import { useMutation, useQuery } from '@apollo/client/react';
import { Card, Stack, Title } from '@mantine/core';
import { ChangePasswordForm, SessionList } from '@navigator/web-shared/account-forms';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { PageHeader } from '../../components/page-header';
import { graphql } from '../../gql';

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

const MySessionsDocument = graphql(`
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

const EndSessionDocument = graphql(`
  mutation EndSession($id: ID!) {
    endSession(sessionId: $id)
  }
`);

const EndOtherSessionsDocument = graphql(`
  mutation EndOtherSessions {
    endOtherSessions
  }
`);

/** The employee's own account: «Сменить пароль» and the sessions signed in elsewhere. */
export function ProfilePage() {
  const [change] = useMutation(ChangePasswordDocument);
  const sessions = useQuery(MySessionsDocument, { fetchPolicy: 'cache-and-network' });
  const [end] = useMutation(EndSessionDocument);
  const [endOthers] = useMutation(EndOtherSessionsDocument);
  return (
    <Stack>
      <PageHeader title="Профиль" />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Сменить пароль
        </Title>
        <ChangePasswordForm
          onChange={async (currentPassword, newPassword) => {
            await change({ variables: { input: { currentPassword, newPassword } } });
            await sessions.refetch();
          }}
        />
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Сеансы
        </Title>
        {sessions.error ? (
          <ErrorNotice error={sessions.error} onRetry={() => sessions.refetch()} />
        ) : !sessions.data ? (
          <Loading />
        ) : (
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
        )}
      </Card>
    </Stack>
  );
}
