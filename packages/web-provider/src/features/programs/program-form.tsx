import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { MoneyInput } from '../../components/money-input';
import type { Direction, FundingType, ProgramFormat } from '../../gql/graphql';
import { directionLabels, formatLabels, fundingTypeLabels, options } from '@navigator/web-shared/labels';

export interface ProgramFormValues {
  title: string;
  description: string;
  direction: Direction;
  ageFrom: number;
  ageTo: number;
  durationMonths: number;
  academicHours: number;
  format: ProgramFormat;
  fundingType: FundingType;
  monthlyPrice: number | null;
  address: string;
  teacher: string;
}

export const emptyProgram: ProgramFormValues = {
  title: '',
  description: '',
  direction: 'TECHNICAL',
  ageFrom: 7,
  ageTo: 14,
  durationMonths: 9,
  academicHours: 72,
  format: 'IN_PERSON',
  fundingType: 'CERTIFICATE',
  monthlyPrice: null,
  address: '',
  teacher: '',
};

interface Props {
  initialValues: ProgramFormValues;
  submitLabel: string;
  loading: boolean;
  /** Certified terms (funding type) are locked while the program is submitted or certified. */
  fundingLocked?: boolean;
  onSubmit: (values: ProgramFormValues) => void;
  onCancel?: () => void;
}

export function ProgramForm({ initialValues, submitLabel, loading, fundingLocked, onSubmit, onCancel }: Props) {
  const form = useForm<ProgramFormValues>({
    initialValues,
    validate: {
      title: (v) => (v.trim().length >= 3 ? null : 'Название программы — от 3 символов'),
      description: (v) => (v.trim().length >= 10 ? null : 'Описание программы — от 10 символов'),
      ageTo: (v, values) => (v >= values.ageFrom ? null : 'Возраст «до» не меньше возраста «от»'),
      monthlyPrice: (v, values) => (values.fundingType === 'BUDGET' || (v !== null && v > 0) ? null : 'Укажите стоимость месяца обучения'),
      address: (v) => (v.trim().length >= 3 ? null : 'Укажите адрес проведения занятий'),
    },
  });
  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate>
      <Stack gap="sm">
        <TextInput label="Название" withAsterisk {...form.getInputProps('title')} />
        <Textarea label="Описание" withAsterisk autosize minRows={3} maxRows={10} {...form.getInputProps('description')} />
        <SimpleGrid cols={3}>
          <Select label="Направленность" data={options(directionLabels)} allowDeselect={false} {...form.getInputProps('direction')} />
          <Select label="Форма обучения" data={options(formatLabels)} allowDeselect={false} {...form.getInputProps('format')} />
          <Select
            label="Оплата"
            data={options(fundingTypeLabels)}
            allowDeselect={false}
            disabled={fundingLocked}
            description={fundingLocked ? 'Не меняется, пока программа на сертификации или сертифицирована' : undefined}
            {...form.getInputProps('fundingType')}
          />
        </SimpleGrid>
        <SimpleGrid cols={4}>
          <NumberInput label="Возраст от, лет" min={5} max={18} {...form.getInputProps('ageFrom')} />
          <NumberInput label="Возраст до, лет" min={5} max={18} {...form.getInputProps('ageTo')} />
          <NumberInput label="Продолжительность, мес." min={1} max={120} {...form.getInputProps('durationMonths')} />
          <NumberInput label="Объём, ак. часов" min={1} max={5000} {...form.getInputProps('academicHours')} />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <MoneyInput
            label="Стоимость в месяц"
            disabled={form.values.fundingType === 'BUDGET'}
            value={form.values.fundingType === 'BUDGET' ? 0 : form.values.monthlyPrice}
            onChange={(v) => form.setFieldValue('monthlyPrice', v)}
            error={form.errors.monthlyPrice}
          />
          <TextInput label="Адрес занятий" withAsterisk {...form.getInputProps('address')} />
          <TextInput label="Педагог" {...form.getInputProps('teacher')} />
        </SimpleGrid>
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Отмена
            </Button>
          )}
          <Button type="submit" loading={loading}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Form values → the API's program fields (money in kopecks, empty teacher cleared). */
export function toProgramInput(values: ProgramFormValues) {
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    direction: values.direction,
    ageFrom: values.ageFrom,
    ageTo: values.ageTo,
    durationMonths: values.durationMonths,
    academicHours: values.academicHours,
    format: values.format,
    fundingType: values.fundingType,
    monthlyPrice: values.fundingType === 'BUDGET' ? 0 : (values.monthlyPrice ?? 0),
    address: values.address.trim(),
    teacher: values.teacher.trim() || null,
  };
}
