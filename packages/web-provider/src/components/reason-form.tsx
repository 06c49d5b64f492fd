import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';

/**
 * A refusal or return always carries a reason the other side will read; one
 * form for all of them keeps the wording rules (trimmed, long enough) alike.
 */
export function ReasonForm(props: {
  label: string;
  description: string;
  submitLabel: string;
  minLength: number;
  loading: boolean;
  onClose: () => void;
  /** Resolves to something truthy when the action succeeded and the dialog may close. */
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  return (
    <Stack>
      <Textarea label={props.label} description={props.description} autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          Отмена
        </Button>
        <Button
          color="red"
          loading={props.loading}
          disabled={reason.trim().length < props.minLength}
          onClick={async () => {
            if (await props.onSubmit(reason.trim())) props.onClose();
          }}
        >
          {props.submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
