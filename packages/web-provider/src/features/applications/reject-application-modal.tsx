import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useActionKeys } from '@navigator/web-shared/idempotency';
import { useState } from 'react';
import { withFeedback } from '../../components/notify';
import { afterDecision, RejectApplicationDocument } from './application-operations';

interface Props {
  application: { id: string; childName: string } | null;
  onClose: () => void;
}

export function RejectApplicationModal({ application, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [reject, { loading }] = useMutation(RejectApplicationDocument, afterDecision);
  const actionKeys = useActionKeys();
  const close = () => {
    setReason('');
    onClose();
  };
  return (
    <Modal opened={application !== null} onClose={close} title="Отклонить заявку">
      {application && (
        <Stack>
          <Text size="sm">Заявка: {application.childName}</Text>
          <Textarea
            label="Причина"
            description="Её увидит родитель: объясните, почему и что можно сделать. Кнопка «Отклонить» станет доступна, когда причина будет не короче 3 знаков"
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Отмена
            </Button>
            <Button
              color="red"
              loading={loading}
              disabled={reason.trim().length < 3}
              onClick={async () => {
                const action = `reject:${application.id}`;
                const input = { applicationId: application.id, reason: reason.trim(), idempotencyKey: actionKeys.keyFor(action) };
                if (await withFeedback(reject({ variables: { input } }), 'Заявка отклонена, родитель увидит причину', 'Заявка не отклонена')) {
                  actionKeys.done(action);
                  close();
                }
              }}
            >
              Отклонить
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
