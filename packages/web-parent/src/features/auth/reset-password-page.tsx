import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Anchor, Stack } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ResetPasswordForm } from '@navigator/web-shared/account-forms';
import { PageTitle } from '../../components/page-title';
import { graphql } from '../../gql';

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      user {
        id
      }
    }
  }
`);

/** Opened from the reset letter: a new password signs the parent in here and ends every other session. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const client = useApolloClient();
  const [reset] = useMutation(ResetPasswordMutation);
  return (
    <Stack maw={440} mx="auto" gap="md">
      <PageTitle>Новый пароль</PageTitle>
      {token ? (
        <ResetPasswordForm
          onReset={async (newPassword) => {
            await reset({ variables: { input: { token, newPassword } } });
            await client.resetStore();
            navigate('/children', { replace: true });
          }}
        />
      ) : (
        <Alert color="red" role="alert">
          В ссылке нет кода. Откройте ссылку из письма целиком или{' '}
          <Anchor component={Link} to="/forgot-password">
            запросите новую
          </Anchor>
          .
        </Alert>
      )}
    </Stack>
  );
}
