import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { MonthSwitcher, useMonthParam } from '../../components/month-switcher';
import { MunicipalityPicker, useMunicipalityScope } from '../../components/municipality-picker';
import { withFeedback } from '../../components/notify';
import { ReasonForm } from '../../components/reason-form';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import type { InvoiceRegistryQuery } from '../../gql/graphql';
import { formatDate, formatDateTime, formatMonth, formatRub } from '@navigator/web-shared/format';
import { invoiceStatusLabels } from '@navigator/web-shared/labels';
import { fullName } from '../../lib/people';

const InvoiceRegistryDocument = graphql(`
  query InvoiceRegistry($month: String!, $municipalityId: ID) {
    invoiceRegistry(month: $month, municipalityId: $municipalityId) {
      month
      total
      approvedTotal
      paidTotal
      invoices {
        id
        status
        total
        chargeCount
        formedAt
        approvedAt
        returnReason
        paidOn
        paymentReference
        organization {
          id
          shortName
          inn
        }
        municipality {
          id
          name
        }
      }
    }
  }
`);

const InvoiceChargesDocument = graphql(`
  query InvoiceCharges($id: ID!) {
    invoice(id: $id) {
      id
      charges {
        id
        amount
        copayment
        lessonsPlanned
        lessonsAttended
        comment
        revision
        contract {
          id
          number
          certificateMonthlyShare
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
        }
      }
    }
  }
`);

const ApproveInvoiceDocument = graphql(`
  mutation ApproveInvoice($invoiceId: ID!) {
    approveInvoice(invoiceId: $invoiceId) {
      id
      status
    }
  }
`);
const ReturnInvoiceDocument = graphql(`
  mutation ReturnInvoice($input: ReturnInvoiceInput!) {
    returnInvoice(input: $input) {
      id
      status
    }
  }
`);
const RecordInvoicePaymentDocument = graphql(`
  mutation RecordInvoicePayment($input: RecordInvoicePaymentInput!) {
    recordInvoicePayment(input: $input) {
      id
      status
    }
  }
`);

type Invoice = InvoiceRegistryQuery['invoiceRegistry']['invoices'][number];
const refetch = { refetchQueries: ['InvoiceRegistry', 'MunicipalitySummary'] };

function Total({ label, value }: { label: string; value: number }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Title order={4}>{formatRub(value)}</Title>
    </Card>
  );
}

export function InvoiceRegistryPage() {
  const [month, setMonth] = useMonthParam();
  const { municipalityId } = useMunicipalityScope();
  const { data, loading, error } = useQuery(InvoiceRegistryDocument, { variables: { month, municipalityId } });
  const [approve] = useMutation(ApproveInvoiceDocument, refetch);
  const [dialog, setDialog] = useState<{ invoice: Invoice; kind: 'return' | 'pay' | 'charges' } | null>(null);
  const registry = data?.invoiceRegistry;
  const csv = `/reports/registry.csv?month=${month}${municipalityId ? `&municipalityId=${municipalityId}` : ''}`;

  return (
    <Stack>
      <PageHeader
        title="Реестр счетов"
        description="Счета организаций за месяц: проверьте состав, примите или верните с причиной, отметьте оплату."
        actions={
          <>
            <MunicipalityPicker allowAll />
            <MonthSwitcher month={month} onChange={setMonth} />
          </>
        }
      />
      <ErrorNotice error={error} />
      {loading && !registry ? (
        <Loading />
      ) : !registry ? null : (
        <>
          <Group justify="space-between" align="flex-end">
            <SimpleGrid cols={3} w={640}>
              <Total label="Всего по счетам" value={registry.total} />
              <Total label="Принято" value={registry.approvedTotal} />
              <Total label="Оплачено" value={registry.paidTotal} />
            </SimpleGrid>
            <Button component="a" href={csv} download variant="default" leftSection={<IconDownload size={16} />}>
              Реестр в CSV
            </Button>
          </Group>
          {registry.invoices.length === 0 ? (
            <EmptyState title={`Счетов за ${formatMonth(month)} нет`}>Организации формируют счёт после того, как запишут списания за месяц. Выберите другой месяц или дождитесь счетов.</EmptyState>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Организация</Table.Th>
                  {!municipalityId && <Table.Th>Муниципалитет</Table.Th>}
                  <Table.Th ta="right">Списаний</Table.Th>
                  <Table.Th ta="right">Сумма</Table.Th>
                  <Table.Th>Статус</Table.Th>
                  <Table.Th>Сформирован</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {registry.invoices.map((inv) => (
                  <Table.Tr key={inv.id}>
                    <Table.Td>
                      {inv.organization.shortName}
                      {inv.organization.inn && (
                        <Text size="xs" c="dimmed">
                          ИНН {inv.organization.inn}
                        </Text>
                      )}
                    </Table.Td>
                    {!municipalityId && <Table.Td>{inv.municipality.name}</Table.Td>}
                    <Table.Td ta="right">
                      <Anchor component="button" size="sm" onClick={() => setDialog({ invoice: inv, kind: 'charges' })}>
                        {inv.chargeCount}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{formatRub(inv.total)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={inv.status} labels={invoiceStatusLabels} />
                      {inv.status === 'RETURNED' && inv.returnReason && (
                        <Text size="xs" c="dimmed">
                          {inv.returnReason}
                        </Text>
                      )}
                      {inv.status === 'PAID' && (
                        <Text size="xs" c="dimmed">
                          {formatDate(inv.paidOn)}
                          {inv.paymentReference && `, п/п ${inv.paymentReference}`}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDateTime(inv.formedAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {inv.status === 'FORMED' && (
                          <>
                            <Button size="compact-sm" onClick={() => withFeedback(approve({ variables: { invoiceId: inv.id } }), `Счёт «${inv.organization.shortName}» принят`, 'Счёт не принят')}>
                              Принять
                            </Button>
                            <Button size="compact-sm" variant="light" color="red" onClick={() => setDialog({ invoice: inv, kind: 'return' })}>
                              Вернуть
                            </Button>
                          </>
                        )}
                        {inv.status === 'APPROVED' && (
                          <Button size="compact-sm" variant="light" onClick={() => setDialog({ invoice: inv, kind: 'pay' })}>
                            Отметить оплату
                          </Button>
                        )}
                        <Anchor href={`/reports/invoices/${inv.id}.csv`} download size="sm" aria-label={`Счёт ${inv.organization.shortName} в CSV`}>
                          <IconDownload size={16} />
                        </Anchor>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        size={dialog?.kind === 'charges' ? 'xl' : 'md'}
        title={dialog ? `${dialog.invoice.organization.shortName}, ${formatMonth(month)}` : ''}
      >
        {dialog?.kind === 'return' && <ReturnForm invoice={dialog.invoice} onDone={() => setDialog(null)} />}
        {dialog?.kind === 'pay' && <PaymentForm invoice={dialog.invoice} onDone={() => setDialog(null)} />}
        {dialog?.kind === 'charges' && <InvoiceCharges invoiceId={dialog.invoice.id} />}
      </Modal>
    </Stack>
  );
}

function InvoiceCharges({ invoiceId }: { invoiceId: string }) {
  const { data, loading, error } = useQuery(InvoiceChargesDocument, { variables: { id: invoiceId } });
  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Договор</Table.Th>
          <Table.Th>Ребёнок</Table.Th>
          <Table.Th>Программа</Table.Th>
          <Table.Th ta="right">Занятий</Table.Th>
          <Table.Th ta="right">Доля в месяц</Table.Th>
          <Table.Th ta="right">Списано</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data!.invoice.charges.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>{c.contract.number}</Table.Td>
            <Table.Td>{fullName(c.contract.child)}</Table.Td>
            <Table.Td>{c.contract.program.title}</Table.Td>
            <Table.Td ta="right">{c.lessonsPlanned !== null && c.lessonsPlanned !== undefined ? `${c.lessonsAttended ?? '—'} из ${c.lessonsPlanned}` : '—'}</Table.Td>
            <Table.Td ta="right">{formatRub(c.contract.certificateMonthlyShare)}</Table.Td>
            <Table.Td ta="right">
              {formatRub(c.amount)}
              {c.comment && (
                <Text size="xs" c="dimmed">
                  {c.comment}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ReturnForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const [send, { loading }] = useMutation(ReturnInvoiceDocument, refetch);
  return (
    <ReasonForm
      label="Что исправить"
      description="Организация увидит причину, исправит списания и сформирует счёт снова"
      submitLabel="Вернуть счёт"
      minLength={3}
      loading={loading}
      onClose={onDone}
      onSubmit={(reason) => withFeedback(send({ variables: { input: { invoiceId: invoice.id, reason } } }), 'Счёт возвращён организации', 'Счёт не возвращён')}
    />
  );
}

function PaymentForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const [paidOn, setPaidOn] = useState<string | null>(new Date().toISOString().slice(0, 10));
  const [reference, setReference] = useState('');
  const [pay, { loading }] = useMutation(RecordInvoicePaymentDocument, refetch);
  return (
    <Stack>
      <Text size="sm">Сумма: {formatRub(invoice.total)}</Text>
      <DateInput label="Дата оплаты" valueFormat="DD.MM.YYYY" value={paidOn} onChange={setPaidOn} />
      <TextInput label="Номер платёжного поручения" value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Отмена
        </Button>
        <Button
          loading={loading}
          disabled={!paidOn}
          onClick={async () => {
            if (await withFeedback(pay({ variables: { input: { invoiceId: invoice.id, paidOn: paidOn!, paymentReference: reference.trim() || null } } }), 'Оплата счёта отмечена', 'Оплата не отмечена')) onDone();
          }}
        >
          Отметить оплату
        </Button>
      </Group>
    </Stack>
  );
}
