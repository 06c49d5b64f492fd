import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { Gender } from '../../gql/graphql';
import { todayLocal } from '../../lib/dates';
import { describeError } from '@navigator/web-shared/errors';
import { maskSnils, snilsProblem } from './snils';

const ChildMunicipalitiesQuery = graphql(`
  query ChildMunicipalities {
    municipalities {
      id
      name
    }
  }
`);

export interface ChildFormValues {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: Gender | '';
  birthDate: string;
  snils: string;
  municipalityId: string;
}

/** The child's details, with the SNILS checked as it is typed; server errors land beside the field they concern. */
export function ChildForm({ initial, submitLabel, onSubmit }: { initial: ChildFormValues; submitLabel: string; onSubmit: (values: ChildFormValues) => Promise<unknown> }) {
  const municipalities = useQuery(ChildMunicipalitiesQuery);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<ChildFormValues>({
    initialValues: initial,
    validateInputOnBlur: true,
    validate: {
      lastName: (v) => (v.trim() ? null : 'Укажите фамилию'),
      firstName: (v) => (v.trim() ? null : 'Укажите имя'),
      gender: (v) => (v ? null : 'Укажите пол'),
      birthDate: (v) => (!v ? 'Укажите дату рождения' : v > todayLocal() ? 'Дата рождения не может быть в будущем' : null),
      snils: snilsProblem,
      municipalityId: (v) => (v ? null : 'Выберите муниципалитет'),
    },
  });
  const snilsDigits = form.values.snils.replace(/\D/g, '').length;
  const snilsOk = snilsProblem(form.values.snils) === null;

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setSaving(true);
    try {
      await onSubmit(values);
    } catch (error) {
      const p = describeError(error);
      form.setErrors(p.fields);
      if (!Object.keys(p.fields).length) setProblem(p.message);
    } finally {
      setSaving(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Фамилия" required autoComplete="off" {...form.getInputProps('lastName')} />
          <TextInput label="Имя" required autoComplete="off" {...form.getInputProps('firstName')} />
          <TextInput label="Отчество" description="Если есть" autoComplete="off" {...form.getInputProps('middleName')} />
        </SimpleGrid>
        <Radio.Group label="Пол" required {...form.getInputProps('gender')}>
          <Group mt={6}>
            <Radio value="FEMALE" label="Девочка" />
            <Radio value="MALE" label="Мальчик" />
          </Group>
        </Radio.Group>
        <TextInput label="Дата рождения" type="date" required max={todayLocal()} {...form.getInputProps('birthDate')} />
        <TextInput
          label="СНИЛС ребёнка"
          description="11 цифр, как в документе: 123-456-789 01"
          placeholder="___-___-___ __"
          inputMode="numeric"
          autoComplete="off"
          required
          {...form.getInputProps('snils')}
          // Show the checksum verdict as soon as all digits are in, not only on leaving the field.
          error={form.errors.snils ?? (snilsDigits === 11 && !snilsOk ? snilsProblem(form.values.snils) : undefined)}
          onChange={(e) => form.setFieldValue('snils', maskSnils(e.currentTarget.value))}
          rightSection={snilsOk ? <IconCircleCheck color="var(--mantine-color-teal-9)" aria-label="СНИЛС указан верно" /> : null}
        />
        <Select
          label="Муниципалитет"
          description="Где ребёнок будет получать сертификат"
          placeholder={municipalities.loading ? 'Загружаем список…' : 'Выберите из списка'}
          searchable
          required
          data={(municipalities.data?.municipalities ?? []).map((m) => ({ value: m.id, label: m.name }))}
          error={municipalities.error ? describeError(municipalities.error).message : undefined}
          {...form.getInputProps('municipalityId')}
        />
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Button type="submit" loading={saving} size="md">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
