import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { formatRub } from '@navigator/web-shared/format';
import { useEffect, useState } from 'react';
import { MoneyInput } from '../../components/money-input';
import { withFeedback } from '../../components/notify';
import { graphql } from '../../gql';
import type { MonthSheetQuery } from '../../gql/graphql';

const CorrectChargeDocument = graphql(`
  mutation CorrectCharge($input: CorrectChargeInput!) {
    correctCharge(input: $input) {
      id
      amount
      revision
    }
  }
`);

type Line = MonthSheetQuery['monthSheet']['lines'][number];

/** What a change of the month's charges makes stale: the sheet and the dashboard's totals. */
export const refetch = { refetchQueries: ['MonthSheet', 'StaffDashboard'] };

/** A recorded charge corrected with a reason, while the МОЦ has not accepted the month's invoice. */
export function CorrectChargeModal({ line, onClose }: { line: Line | null; onClose: () => void }) {
  const [correct, { loading }] = useMutation(CorrectChargeDocument, refetch);
  const [amount, setAmount] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  useEffect(() => {
    setAmount(line?.charge?.amount ?? null);
    setComment('');
  }, [line]);
  const charge = line?.charge;
  return (
    <Modal opened={!!charge} onClose={onClose} title={`Исправить списание по договору ${line?.contract.number ?? ''}`}>
      {charge && line && (
        <Stack>
          <Text size="sm">
            Сейчас: {formatRub(charge.amount)}; не больше {formatRub(line.proratedShare)}. Исправить можно, пока МОЦ не принял счёт за месяц.
          </Text>
          <MoneyInput label="Новая сумма" value={amount} onChange={setAmount} data-autofocus />
          <Textarea label="Причина исправления" autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button
              loading={loading}
              disabled={amount === null || comment.trim().length < 3}
              onClick={async () => {
                if (await withFeedback(correct({ variables: { input: { chargeId: charge.id, amount: amount!, comment: comment.trim() } } }), 'Списание исправлено', 'Списание не исправлено')) onClose();
              }}
            >
              Сохранить
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
