import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Button, Stack } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { PageTitle } from '../../components/page-title';
import { graphql } from '../../gql';
import { useCurrentUser } from '../../lib/current-user';

const ConfirmEmailMutation = graphql(`
  mutation ConfirmEmail($token: String!) {
    confirmEmail(token: $token)
  }
`);

/** Opened from the confirmation letter; confirms once and says what is now possible. */
export function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const client = useApolloClient();
  const { user } = useCurrentUser();
  const [confirm, { data, error }] = useMutation(ConfirmEmailMutation);
  const started = useRef(false);
  useEffect(() => {
    // Strict mode runs effects twice; the link works once.
    if (started.current) return;
    started.current = true;
    void confirm({ variables: { token } }).then(() => client.refetchQueries({ include: 'active' }), () => undefined);
  }, [confirm, client, token]);

  return (
    <Stack maw={520} mx="auto" gap="md">
      <PageTitle>Подтверждение почты</PageTitle>
      {error ? (
        <ErrorNotice error={error} />
      ) : data ? (
        <>
          <Alert color="teal" role="status" title="Почта подтверждена">
            Теперь можно добавить детей, получить сертификат и записаться в кружок.
          </Alert>
          <Button component={Link} to={user ? '/children' : '/login?next=/children'} w="fit-content">
            {user ? 'Перейти к детям' : 'Войти'}
          </Button>
        </>
      ) : (
        <Loading label="Подтверждаем адрес…" />
      )}
    </Stack>
  );
}
