import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Anchor, Center, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ForgotPasswordForm, ResetPasswordForm } from '@navigator/web-shared/account-forms';
import { graphql } from '../../gql';

const RequestPasswordResetDocument = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`);

const ResetPasswordDocument = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      expiresAt
    }
  }
`);

function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={440}>
        <Stack>
          <Title order={1} size="h3">
            {title}
          </Title>
          {children}
          <Anchor component={Link} to="/login" size="sm">
            Вернуться ко входу
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}

export function ForgotPasswordPage() {
  const [request] = useMutation(RequestPasswordResetDocument);
  return (
    <Frame title="Восстановление пароля">
      <ForgotPasswordForm onRequest={(email) => request({ variables: { input: { email } } })} />
    </Frame>
  );
}

/** Opened from the reset letter: the new password signs the employee in here and ends every other session. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const client = useApolloClient();
  const [reset] = useMutation(ResetPasswordDocument);
  return (
    <Frame title="Новый пароль">
      {token ? (
        <ResetPasswordForm
          onReset={async (newPassword) => {
            await reset({ variables: { input: { token, newPassword } } });
            await client.resetStore();
            navigate('/', { replace: true });
          }}
        />
      ) : (
        <Alert color="red" role="alert">
          В ссылке нет кода. Откройте ссылку из письма целиком или запросите новую.
        </Alert>
      )}
    </Frame>
  );
}
