import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Checkbox, Group, List, NumberInput, Stack, Table, Text } from '@mantine/core';
import { IconCheck, IconDownload, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { MoneyInput } from '../../components/money-input';
import { MonthSwitcher, useMonthParam } from '../../components/month-switcher';
import { notifyError, withFeedback } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import type { MonthSheetQuery } from '../../gql/graphql';
import { formatDate, formatDateTime, formatMonth, formatRub } from '@navigator/web-shared/format';
import { invoiceStatusLabels } from '@navigator/web-shared/labels';
import { fullName } from '../../lib/people';
import { CorrectChargeModal, refetch } from './correct-charge-modal';

const MonthSheetDocument = graphql(`
  query MonthSheet($month: String!) {
    monthSheet(month: $month) {
      month
      uncharged
      chargedTotal
      lines {
        days
        proratedShare
        copayment
        chargeable
        contract {
          id
          number
          child {
            id
            lastName
            firstName
            middleName
          }
          program {
            id
            title
          }
          group {
            id
            name
          }
        }
        charge {
          id
          amount
          copayment
          lessonsPlanned
          lessonsAttended
          comment
          invoiceId
          revision
        }
      }
      invoices {
        id
        status
        total
        chargeCount
        formedAt
        approvedAt
        returnedAt
        returnReason
        paidOn
        municipality {
          id
          name
        }
      }
    }
  }
`);

const RecordChargesDocument = graphql(`
  mutation RecordCharges($input: RecordChargesInput!) {
    recordCharges(input: $input) {
      contractId
      contractNumber
      errorCode
      errorMessage
      charge {
        id
        amount
      }
    }
  }
`);

const FormInvoiceDocument = graphql(`
  mutation FormInvoice($month: String!) {
    formInvoice(month: $month) {
      id
      status
      total
    }
  }
`);

type Sheet = MonthSheetQuery['monthSheet'];
type Line = Sheet['lines'][number];
interface Draft {
  include: boolean;
  amount: number | null;
  lessonsPlanned: number | string;
  lessonsAttended: number | string;
}

const optionalInt = (v: number | string) => (v === '' ? null : Number(v));

export function ChargesPage() {
  const [month, setMonth] = useMonthParam();
  const { data, loading, error } = useQuery(MonthSheetDocument, { variables: { month } });
  const [record, recordState] = useMutation(RecordChargesDocument, refetch);
  const [formInvoice, formState] = useMutation(FormInvoiceDocument, refetch);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [results, setResults] = useState<{ number: string; ok: boolean; message: string }[] | null>(null);
  const [correcting, setCorrecting] = useState<Line | null>(null);
  const sheet = data?.monthSheet;

  // Amounts are prefilled to the month's share of each contract; staff lower them when a child missed lessons.
  useEffect(() => {
    if (!sheet) return;
    setDrafts((prev) => {
      const next: Record<string, Draft> = {};
      for (const line of sheet.lines.filter((l) => l.chargeable)) {
        next[line.contract.id] = prev[line.contract.id] ?? { include: true, amount: line.proratedShare, lessonsPlanned: '', lessonsAttended: '' };
      }
      return next;
    });
  }, [sheet]);
  useEffect(() => setResults(null), [month]);

  const update = (contractId: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [contractId]: { ...d[contractId], ...patch } }));
  const chargeable = sheet?.lines.filter((l) => l.chargeable) ?? [];
  const included = chargeable.filter((l) => drafts[l.contract.id]?.include);
  const uninvoiced = sheet?.lines.some((l) => l.charge && !l.charge.invoiceId) ?? false;
  const returned = sheet?.invoices.some((i) => i.status === 'RETURNED') ?? false;

  const submit = async () => {
    if (included.some((l) => drafts[l.contract.id].amount === null)) {
      notifyError(new Error('Укажите сумму у каждого отмеченного договора.'), 'Списания не записаны');
      return;
    }
    const items = included.map((l) => {
      const d = drafts[l.contract.id];
      return { contractId: l.contract.id, amount: d.amount!, lessonsPlanned: optionalInt(d.lessonsPlanned), lessonsAttended: optionalInt(d.lessonsAttended) };
    });
    const result = await record({ variables: { input: { month, items } } }).catch((e) => {
      notifyError(e, 'Списания не записаны');
      return null;
    });
    if (!result?.data) return;
    const numbers = new Map(chargeable.map((l) => [l.contract.id, l.contract.number]));
    setResults(
      result.data.recordCharges.map((r) => ({
        number: r.contractNumber ?? numbers.get(r.contractId) ?? r.contractId,
        ok: !!r.charge,
        message: r.charge ? `списано ${formatRub(r.charge.amount)}` : (r.errorMessage ?? r.errorCode ?? 'не записано'),
      })),
    );
  };

  return (
    <Stack>
      <PageHeader
        title="Списания и счета"
        description="Каждый месяц запишите списание по каждому действующему договору (не больше доли сертификата за месяц; меньше, если ребёнок пропускал занятия), затем сформируйте счёт для МОЦ."
        actions={<MonthSwitcher month={month} onChange={setMonth} />}
      />
      <ErrorNotice error={error} />
      {loading && !sheet ? (
        <Loading />
      ) : !sheet ? null : sheet.lines.length === 0 ? (
        <EmptyState title={`Договоров за ${formatMonth(month)} нет`}>
          Списывать нечего: в этом месяце нет действующих договоров с оплатой сертификатом. Договоры появляются, когда родители подписывают оферты по вашим{' '}
          <Anchor component={Link} to="/applications">
            подтверждённым заявкам
          </Anchor>
          .
        </EmptyState>
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm">
              Договоров: {sheet.lines.length}, ждут списания: <b>{sheet.uncharged}</b>, списано за месяц: <b>{formatRub(sheet.chargedTotal)}</b>
            </Text>
            {chargeable.length > 0 && (
              <Button onClick={submit} loading={recordState.loading} disabled={included.length === 0}>
                Записать списания ({included.length})
              </Button>
            )}
          </Group>
          {results && (
            <Alert color={results.every((r) => r.ok) ? 'green' : 'yellow'} title="Результат" withCloseButton onClose={() => setResults(null)}>
              <List size="sm" spacing={2} data-testid="charge-results">
                {results.map((r) => (
                  <List.Item key={r.number} icon={r.ok ? <IconCheck size={14} color="green" /> : <IconX size={14} color="red" />}>
                    Договор {r.number}: {r.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={32} />
                <Table.Th>Договор</Table.Th>
                <Table.Th>Ребёнок</Table.Th>
                <Table.Th>Программа, группа</Table.Th>
                <Table.Th ta="right">Дней</Table.Th>
                <Table.Th ta="right">Доля сертификата</Table.Th>
                <Table.Th w={90}>Занятий по плану</Table.Th>
                <Table.Th w={90}>Посещено</Table.Th>
                <Table.Th w={150}>Списать с сертификата</Table.Th>
                <Table.Th ta="right">Доплата родителя</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sheet.lines.map((line) => {
                const d = drafts[line.contract.id];
                const childName = fullName(line.contract.child);
                return (
                  <Table.Tr key={line.contract.id}>
                    <Table.Td>
                      {line.chargeable && d && (
                        <Checkbox aria-label={`Списать по ${line.contract.number}`} checked={d.include} onChange={(e) => update(line.contract.id, { include: e.currentTarget.checked })} />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/contracts/${line.contract.id}`} size="sm">
                        {line.contract.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{childName}</Table.Td>
                    <Table.Td>
                      {line.contract.program.title}
                      <Text size="xs" c="dimmed">
                        {line.contract.group.name}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{line.days}</Table.Td>
                    <Table.Td ta="right">{formatRub(line.proratedShare)}</Table.Td>
                    {line.charge ? (
                      <>
                        <Table.Td>{line.charge.lessonsPlanned ?? '—'}</Table.Td>
                        <Table.Td>{line.charge.lessonsAttended ?? '—'}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Text size="sm" fw={500}>
                              {formatRub(line.charge.amount)}
                            </Text>
                            {line.charge.revision > 0 && (
                              <Text size="xs" c="dimmed">
                                (испр.)
                              </Text>
                            )}
                          </Group>
                          <Anchor component="button" size="xs" onClick={() => setCorrecting(line)}>
                            Исправить
                          </Anchor>
                        </Table.Td>
                        <Table.Td ta="right">{formatRub(line.charge.copayment)}</Table.Td>
                      </>
                    ) : line.chargeable && d ? (
                      <>
                        <Table.Td>
                          <NumberInput aria-label={`Занятий по плану, ${childName}`} size="xs" min={0} hideControls value={d.lessonsPlanned} onChange={(v) => update(line.contract.id, { lessonsPlanned: v })} />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput aria-label={`Посещено, ${childName}`} size="xs" min={0} hideControls value={d.lessonsAttended} onChange={(v) => update(line.contract.id, { lessonsAttended: v })} />
                        </Table.Td>
                        <Table.Td>
                          <MoneyInput
                            aria-label={`Сумма списания, ${childName}`}
                            size="xs"
                            value={d.amount}
                            max={line.proratedShare / 100}
                            onChange={(v) => update(line.contract.id, { amount: v })}
                            error={d.amount !== null && d.amount > line.proratedShare ? 'больше доли' : undefined}
                          />
                        </Table.Td>
                        <Table.Td ta="right">{formatRub(line.copayment)}</Table.Td>
                      </>
                    ) : (
                      <Table.Td colSpan={4}>
                        <Text size="xs" c="dimmed">
                          списание сейчас невозможно
                        </Text>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}

      {sheet && (
        <Stack gap="xs" mt="md">
          <Group justify="space-between">
            <Text fw={600}>Счета за {formatMonth(month)}</Text>
            <Button
              variant={uninvoiced || returned ? 'filled' : 'light'}
              disabled={!uninvoiced && !returned}
              loading={formState.loading}
              onClick={() => withFeedback(formInvoice({ variables: { month } }), 'Счёт сформирован и отправлен в МОЦ', 'Счёт не сформирован')}
            >
              Сформировать счёт
            </Button>
          </Group>
          {sheet.invoices.length === 0 ? (
            <Text size="sm" c="dimmed">
              Счёт ещё не сформирован. Запишите списания за месяц и нажмите «Сформировать счёт».
            </Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Муниципалитет</Table.Th>
                  <Table.Th ta="right">Списаний</Table.Th>
                  <Table.Th ta="right">Сумма</Table.Th>
                  <Table.Th>Статус</Table.Th>
                  <Table.Th>Сформирован</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sheet.invoices.map((inv) => (
                  <Table.Tr key={inv.id}>
                    <Table.Td>{inv.municipality.name}</Table.Td>
                    <Table.Td ta="right">{inv.chargeCount}</Table.Td>
                    <Table.Td ta="right">{formatRub(inv.total)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={inv.status} labels={invoiceStatusLabels} />
                      {inv.status === 'RETURNED' && inv.returnReason && (
                        <Text size="xs" c="red">
                          {inv.returnReason}. Исправьте списания и сформируйте счёт снова.
                        </Text>
                      )}
                      {inv.status === 'PAID' && inv.paidOn && (
                        <Text size="xs" c="dimmed">
                          оплачен {formatDate(inv.paidOn)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDateTime(inv.formedAt)}</Table.Td>
                    <Table.Td>
                      <Anchor href={`/reports/invoices/${inv.id}.csv`} size="sm" download>
                        <Group gap={4}>
                          <IconDownload size={14} /> CSV
                        </Group>
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
      <CorrectChargeModal line={correcting} onClose={() => setCorrecting(null)} />
    </Stack>
  );
}
