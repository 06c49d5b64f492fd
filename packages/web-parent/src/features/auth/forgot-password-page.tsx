import { useMutation } from '@apollo/client/react';
import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ForgotPasswordForm } from '@navigator/web-shared/account-forms';
import { PageTitle } from '../../components/page-title';
import { graphql } from '../../gql';

const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`);

export function ForgotPasswordPage() {
  const [request] = useMutation(RequestPasswordResetMutation);
  return (
    <Stack maw={440} mx="auto" gap="md">
      <PageTitle>Восстановление пароля</PageTitle>
      <ForgotPasswordForm onRequest={(email) => request({ variables: { input: { email } } })} />
      <Text size="sm">
        <Anchor component={Link} to="/login">
          Вернуться ко входу
        </Anchor>
      </Text>
    </Stack>
  );
}
