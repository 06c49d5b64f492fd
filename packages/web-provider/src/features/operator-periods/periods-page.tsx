import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, Modal, NumberInput, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { MoneyInput } from '../../components/money-input';
import { MunicipalityPicker, useMunicipalityScope } from '../../components/municipality-picker';
import { withFeedback } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import type { MunicipalityPeriodsQuery } from '../../gql/graphql';
import { formatDate, formatRub } from '@navigator/web-shared/format';

const MunicipalityPeriodsDocument = graphql(`
  query MunicipalityPeriods {
    municipalities {
      id
      name
      autoFinancing
      currentPeriod {
        id
        year
        nominal
        financingLimit
        financingIssued
      }
      periods {
        id
        year
        startsOn
        endsOn
        freezeStartsOn
        freezeEndsOn
        nominal
        financingLimit
        financingIssued
      }
    }
  }
`);

const SetCertificatePeriodDocument = graphql(`
  mutation SetCertificatePeriod($input: SetCertificatePeriodInput!) {
    setCertificatePeriod(input: $input) {
      id
      year
      nominal
      financingLimit
      financingIssued
    }
  }
`);

type Municipality = MunicipalityPeriodsQuery['municipalities'][number];
type Period = Municipality['periods'][number];

function Usage({ issued, limit }: { issued: number; limit: number }) {
  const share = limit > 0 ? Math.min(100, (issued / limit) * 100) : 100;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {issued} из {limit}
      </Text>
      <Progress value={share} color={share >= 100 ? 'red' : share >= 90 ? 'orange' : 'indigo'} size="sm" aria-label={`Использовано ${Math.round(share)}% лимита`} />
    </Stack>
  );
}

export function PeriodsPage() {
  const { municipalityId } = useMunicipalityScope();
  const [, setParams] = useSearchParams();
  const { data, loading, error } = useQuery(MunicipalityPeriodsDocument);
  const [editing, setEditing] = useState<{ period?: Period } | null>(null);
  const municipality = data?.municipalities.find((m) => m.id === municipalityId);

  return (
    <Stack>
      <PageHeader
        title="Периоды и лимиты"
        description="Номинал сертификата финансирования и лимит числа таких сертификатов на каждый год. Новый номинал действует для сертификатов, получивших финансирование после изменения."
        actions={
          <>
            <MunicipalityPicker allowAll />
            {municipality && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
                Новый период
              </Button>
            )}
          </>
        }
      />
      <ErrorNotice error={error} />
      {loading && !data ? (
        <Loading />
      ) : municipality ? (
        municipality.periods.length === 0 ? (
          <EmptyState title="Периодов нет">Создайте период кнопкой «Новый период»: год, номинал и лимит сертификатов финансирования.</EmptyState>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Год</Table.Th>
                <Table.Th>Даты</Table.Th>
                <Table.Th ta="right">Номинал</Table.Th>
                <Table.Th w={240}>Сертификаты финансирования / лимит</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {municipality.periods.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td fw={municipality.currentPeriod?.id === p.id ? 600 : undefined}>
                    {p.year}
                    {municipality.currentPeriod?.id === p.id && ' (текущий)'}
                  </Table.Td>
                  <Table.Td>
                    {formatDate(p.startsOn)} – {formatDate(p.endsOn)}
                    {p.freezeStartsOn && p.freezeEndsOn && (
                      <Text size="xs" c="dimmed">
                        пауза финансирования {formatDate(p.freezeStartsOn)} – {formatDate(p.freezeEndsOn)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatRub(p.nominal)}</Table.Td>
                  <Table.Td>
                    <Usage issued={p.financingIssued} limit={p.financingLimit} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button size="compact-sm" variant="subtle" onClick={() => setEditing({ period: p })}>
                      Изменить
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Муниципалитет</Table.Th>
              <Table.Th>Текущий период</Table.Th>
              <Table.Th ta="right">Номинал</Table.Th>
              <Table.Th w={240}>Сертификаты финансирования / лимит</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.municipalities ?? []).map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Anchor component="button" size="sm" onClick={() => setParams({ m: m.id })}>
                    {m.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{m.currentPeriod?.year ?? 'нет'}</Table.Td>
                <Table.Td ta="right">{formatRub(m.currentPeriod?.nominal)}</Table.Td>
                <Table.Td>{m.currentPeriod && <Usage issued={m.currentPeriod.financingIssued} limit={m.currentPeriod.financingLimit} />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.period ? `Период ${editing.period.year}` : 'Новый период'}>
        {editing && municipality && <PeriodForm municipalityId={municipality.id} period={editing.period} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function PeriodForm({ municipalityId, period, onDone }: { municipalityId: string; period?: Period; onDone: () => void }) {
  const year = period?.year ?? new Date().getFullYear() + 1;
  const [save, { loading }] = useMutation(SetCertificatePeriodDocument, { refetchQueries: ['MunicipalityPeriods'] });
  const form = useForm({
    initialValues: {
      year,
      startsOn: period?.startsOn ?? `${year}-01-01`,
      endsOn: period?.endsOn ?? `${year}-12-31`,
      nominal: (period?.nominal ?? null) as number | null,
      financingLimit: period?.financingLimit ?? 0,
      freezeStartsOn: period?.freezeStartsOn ?? null,
      freezeEndsOn: period?.freezeEndsOn ?? null,
    },
    validate: {
      nominal: (v) => (v !== null && v >= 0 ? null : 'Укажите номинал'),
      financingLimit: (v) => (v >= (period?.financingIssued ?? 0) ? null : `Не меньше уже выданных: ${period?.financingIssued}`),
      endsOn: (v, values) => (v && values.startsOn && v > values.startsOn ? null : 'Окончание позже начала'),
      freezeEndsOn: (v, values) =>
        !v && !values.freezeStartsOn ? null : !v || !values.freezeStartsOn ? 'Укажите оба дня паузы или ни одного' : v >= values.freezeStartsOn ? null : 'Пауза заканчивается не раньше, чем начинается',
    },
  });
  return (
    <form
      onSubmit={form.onSubmit(async (v) => {
        const input = {
          municipalityId,
          year: v.year,
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          nominal: v.nominal!,
          financingLimit: v.financingLimit,
          freezeStartsOn: v.freezeStartsOn,
          freezeEndsOn: v.freezeEndsOn,
        };
        if (await withFeedback(save({ variables: { input } }), `Период ${v.year} сохранён`, 'Период не сохранён')) onDone();
      })}
      noValidate
    >
      <Stack gap="sm">
        <NumberInput label="Год" min={2000} max={2100} disabled={!!period} {...form.getInputProps('year')} />
        <SimpleGrid cols={2}>
          <DateInput label="Начало" valueFormat="DD.MM.YYYY" {...form.getInputProps('startsOn')} />
          <DateInput label="Окончание" valueFormat="DD.MM.YYYY" {...form.getInputProps('endsOn')} />
        </SimpleGrid>
        <MoneyInput label="Номинал сертификата" value={form.values.nominal} onChange={(v) => form.setFieldValue('nominal', v)} error={form.errors.nominal} />
        <NumberInput
          label="Лимит сертификатов финансирования"
          description={period ? `Уже выдано: ${period.financingIssued}` : undefined}
          min={0}
          {...form.getInputProps('financingLimit')}
        />
        <Text size="sm" fw={500}>
          Пауза финансирования в конце года
        </Text>
        <Text size="xs" c="dimmed">
          В эти дни выдача финансирования и подтверждение сертификатов ждут; заявки на обучение принимаются. Родители увидят объявление за 30 дней.
        </Text>
        <SimpleGrid cols={2}>
          <DateInput label="С" valueFormat="DD.MM.YYYY" clearable {...form.getInputProps('freezeStartsOn')} />
          <DateInput label="По" valueFormat="DD.MM.YYYY" clearable {...form.getInputProps('freezeEndsOn')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Отмена
          </Button>
          <Button type="submit" loading={loading}>
            Сохранить
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
