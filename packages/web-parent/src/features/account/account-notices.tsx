import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '@navigator/web-shared/errors';
import { graphql } from '../../gql';
import { useCurrentUser } from '../../lib/current-user';
import { ConsentText, CurrentConsentQuery } from '../../components/consent-text';

const ResendConfirmationMutation = graphql(`
  mutation ResendEmailConfirmation {
    resendEmailConfirmation
  }
`);

const GiveConsentMutation = graphql(`
  mutation GiveConsent($version: Int!) {
    giveConsent(version: $version) {
      version
      accepted
    }
  }
`);

/** Until the e-mail is confirmed, every page says so, with a way to get the letter again. */
function ConfirmEmailNotice({ email }: { email: string }) {
  const [resend, { loading }] = useMutation(ResendConfirmationMutation);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async () => {
    try {
      await resend();
      setAnswer({ ok: true, text: `Письмо отправлено на ${email}.` });
    } catch (error) {
      setAnswer({ ok: false, text: describeError(error).message });
    }
  };
  return (
    <Alert color="yellow" title="Подтвердите адрес электронной почты" mb="md" role="status">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          Мы отправили письмо со ссылкой на {email}. Пока адрес не подтверждён, можно смотреть каталог, но нельзя добавить ребёнка и подать заявку.
        </Text>
        <Button size="xs" variant="light" color="yellow" onClick={send} loading={loading}>
          Отправить письмо ещё раз
        </Button>
        {answer && (
          <Text size="sm" c={answer.ok ? 'teal.9' : 'red.9'}>
            {answer.text}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** When the consent text changed, the parent reads the new one and agrees before going on. */
function ReConsent() {
  const consent = useQuery(CurrentConsentQuery);
  const [give, { loading, error }] = useMutation(GiveConsentMutation);
  const current = consent.data?.currentConsent;
  if (!current || current.accepted) return null;
  return (
    <Modal opened onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} size="lg" title="Текст согласия обновился">
      <Stack>
        <Text size="sm">Чтобы продолжить пользоваться Навигатором, прочитайте новую редакцию согласия на обработку персональных данных.</Text>
        <ConsentText text={current.text} version={current.version} />
        {error && (
          <Alert color="red" role="alert">
            {describeError(error).message}
          </Alert>
        )}
        <Group justify="space-between">
          <Anchor component={Link} to="/account#consent" size="sm">
            Не согласен — отозвать согласие
          </Anchor>
          <Button loading={loading} onClick={() => give({ variables: { version: current.version } })}>
            Даю согласие
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** What a signed-in parent must do before adding children and applying. */
export function AccountNotices() {
  const { user } = useCurrentUser();
  if (user?.role !== 'PARENT') return null;
  return (
    <>
      {!user.emailConfirmedAt && <ConfirmEmailNotice email={user.email} />}
      <ReConsent />
    </>
  );
}
