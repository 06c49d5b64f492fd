import { ActionIcon, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { weekdayShort } from '@navigator/web-shared/labels';

export interface GroupFormValues {
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  capacity: number;
  address: string;
  teacher: string;
  schedule: { weekday: string; startTime: string; endTime: string }[];
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const weekdays = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ value: String(day), label: weekdayShort(day) }));

interface Props {
  initialValues: GroupFormValues;
  submitLabel: string;
  loading: boolean;
  onSubmit: (values: GroupFormValues) => void;
  onCancel: () => void;
}

export function GroupForm({ initialValues, submitLabel, loading, onSubmit, onCancel }: Props) {
  const form = useForm<GroupFormValues>({
    initialValues,
    validate: {
      name: (v) => (v.trim() ? null : 'Назовите группу, например «Группа 1»'),
      startsOn: (v) => (v ? null : 'Укажите дату начала занятий'),
      endsOn: (v, values) => (!v ? 'Укажите дату окончания занятий' : values.startsOn && v < values.startsOn ? 'Окончание не раньше начала' : null),
      capacity: (v) => (v >= 1 && v <= 500 ? null : 'Число мест — от 1 до 500'),
      schedule: (v) => (v.length ? null : 'Добавьте хотя бы одно занятие'),
    },
    validateInputOnBlur: true,
  });
  const slotErrors = (i: number) => {
    const slot = form.values.schedule[i];
    return { start: TIME.test(slot.startTime) ? null : 'ЧЧ:ММ', end: TIME.test(slot.endTime) && slot.endTime > slot.startTime ? null : 'позже начала' };
  };
  const submit = form.onSubmit((values) => {
    if (values.schedule.some((_, i) => slotErrors(i).start || slotErrors(i).end)) return;
    onSubmit(values);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="Название группы" withAsterisk {...form.getInputProps('name')} />
          <NumberInput label="Мест в группе" min={1} max={500} withAsterisk {...form.getInputProps('capacity')} />
          <DateInput label="Начало занятий" valueFormat="DD.MM.YYYY" withAsterisk {...form.getInputProps('startsOn')} />
          <DateInput label="Окончание занятий" valueFormat="DD.MM.YYYY" withAsterisk {...form.getInputProps('endsOn')} />
          <TextInput label="Адрес" placeholder="как у программы" {...form.getInputProps('address')} />
          <TextInput label="Педагог" placeholder="как у программы" {...form.getInputProps('teacher')} />
        </SimpleGrid>
        <Text size="sm" fw={500}>
          Расписание на неделю
        </Text>
        {form.values.schedule.map((_, i) => {
          const errors = slotErrors(i);
          return (
            <Group key={i} gap="xs" align="flex-start">
              <Select aria-label="День недели" data={weekdays} w={90} allowDeselect={false} {...form.getInputProps(`schedule.${i}.weekday`)} />
              <TextInput aria-label="Начало" placeholder="15:00" w={90} {...form.getInputProps(`schedule.${i}.startTime`)} error={errors.start} />
              <TextInput aria-label="Окончание" placeholder="16:30" w={90} {...form.getInputProps(`schedule.${i}.endTime`)} error={errors.end} />
              <ActionIcon variant="subtle" color="red" mt={4} aria-label="Удалить занятие" onClick={() => form.removeListItem('schedule', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          );
        })}
        {form.errors.schedule && (
          <Text size="xs" c="red">
            {form.errors.schedule}
          </Text>
        )}
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('schedule', { weekday: '1', startTime: '15:00', endTime: '16:30' })}
        >
          Добавить занятие
        </Button>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Отмена
          </Button>
          <Button type="submit" loading={loading}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function toGroupFields(values: GroupFormValues) {
  return {
    name: values.name.trim(),
    startsOn: values.startsOn!,
    endsOn: values.endsOn!,
    capacity: values.capacity,
    address: values.address.trim() || undefined,
    teacher: values.teacher.trim() || null,
    schedule: values.schedule.map((s) => ({ weekday: Number(s.weekday), startTime: s.startTime, endTime: s.endTime })),
  };
}
