import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { withFeedback } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import { formatDate, formatDateTime, formatMonth, formatRub } from '@navigator/web-shared/format';
import { certificateStatusLabels, contractStatusLabels, fundingTypeLabels, periodStateLabels } from '@navigator/web-shared/labels';
import { fullName } from '../../lib/people';

const TerminateContractDocument = graphql(`
  mutation TerminateContract($input: TerminateContractInput!) {
    terminateContract(input: $input) {
      id
      status
      endsOn
      closeReason
    }
  }
`);

const ContractDetailsDocument = graphql(`
  query ContractDetails($id: ID!) {
    contract(id: $id) {
      id
      number
      status
      fundingType
      startsOn
      endsOn
      months
      monthlyPrice
      certificateMonthlyShare
      parentMonthlyCopayment
      certificateTotal
      fundingDeadline
      fundingPlan {
        year
        months
        certificateAmount
        parentAmount
        state
      }
      text
      offeredAt
      offerExpiresAt
      signedAt
      closedAt
      closeReason
      charges {
        id
        month
        amount
        copayment
        lessonsPlanned
        lessonsAttended
        comment
        revision
      }
      child {
        id
        lastName
        firstName
        middleName
        birthDate
      }
      certificate {
        id
        number
        status
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
  }
`);

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

export function ContractPage() {
  const { contractId = '' } = useParams();
  const { data, loading, error } = useQuery(ContractDetailsDocument, { variables: { id: contractId } });
  const [terminating, setTerminating] = useState(false);
  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  const contract = data?.contract;
  if (!contract)
    return (
      <EmptyState title="Договор не найден или нет доступа">
        Такого договора нет среди договоров вашей организации. Откройте <Link to="/contracts">список договоров</Link>.
      </EmptyState>
    );
  return (
    <Stack>
      <PageHeader
        title={`Договор № ${contract.number}`}
        description={<StatusBadge status={contract.status} labels={contractStatusLabels} />}
        actions={
          (contract.status === 'ACTIVE' || contract.status === 'AWAITING_FUNDING') && (
            <Button variant="light" color="red" onClick={() => setTerminating(true)}>
              Расторгнуть
            </Button>
          )
        }
      />
      <Card withBorder>
        <SimpleGrid cols={4} spacing="sm">
          <Fact label="Ребёнок">
            {fullName(contract.child)}, {formatDate(contract.child.birthDate)}
          </Fact>
          <Fact label="Программа">{contract.program.title}</Fact>
          <Fact label="Группа">{contract.group.name}</Fact>
          <Fact label="Срок">
            {formatDate(contract.startsOn)} – {formatDate(contract.endsOn)} ({contract.months} мес.)
          </Fact>
          <Fact label="Оплата">{fundingTypeLabels[contract.fundingType]}</Fact>
          <Fact label="Стоимость в месяц">{formatRub(contract.monthlyPrice)}</Fact>
          <Fact label="Сертификат / родитель в месяц">
            {formatRub(contract.certificateMonthlyShare)} / {formatRub(contract.parentMonthlyCopayment)}
          </Fact>
          <Fact label="Всего за счёт сертификата">{formatRub(contract.certificateTotal)}</Fact>
          <Fact label="По годам финансирования">
            {contract.fundingPlan.map((p) => (
              <Text key={p.year} size="sm" data-year={p.year}>
                {p.year}: {p.months} мес., {formatRub(p.certificateAmount)} — {periodStateLabels[p.state]}
              </Text>
            ))}
            {contract.status === 'AWAITING_FUNDING' && contract.fundingDeadline && (
              <Text size="xs" c="dimmed">
                решение родителя до {formatDate(contract.fundingDeadline)}
              </Text>
            )}
          </Fact>
          <Fact label="Сертификат">
            {contract.certificate ? (
              <Group gap={6}>
                {contract.certificate.number}
                <StatusBadge status={contract.certificate.status} labels={certificateStatusLabels} />
              </Group>
            ) : (
              '—'
            )}
          </Fact>
          <Fact label="Оферта">
            {formatDateTime(contract.offeredAt)}, подписать до {formatDateTime(contract.offerExpiresAt)}
          </Fact>
          <Fact label="Подписан">{formatDateTime(contract.signedAt)}</Fact>
          {contract.closedAt && (
            <Fact label="Закрыт">
              {formatDateTime(contract.closedAt)}
              {contract.closeReason && `: ${contract.closeReason}`}
            </Fact>
          )}
        </SimpleGrid>
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Списания
        </Text>
        {contract.charges.length === 0 ? (
          <Text size="sm" c="dimmed">
            Списаний пока нет. Их записывают помесячно в разделе «Списания и счета».
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Месяц</Table.Th>
                <Table.Th ta="right">Занятий</Table.Th>
                <Table.Th ta="right">С сертификата</Table.Th>
                <Table.Th ta="right">Доплата родителя</Table.Th>
                <Table.Th>Комментарий</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contract.charges.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatMonth(c.month)}</Table.Td>
                  <Table.Td ta="right">{c.lessonsPlanned != null ? `${c.lessonsAttended ?? '—'} из ${c.lessonsPlanned}` : '—'}</Table.Td>
                  <Table.Td ta="right">{formatRub(c.amount)}</Table.Td>
                  <Table.Td ta="right">{formatRub(c.copayment)}</Table.Td>
                  <Table.Td>
                    {c.comment}
                    {c.revision > 0 && ` (исправлено ${c.revision} раз)`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Текст договора
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {contract.text}
        </Text>
      </Card>
      <TerminateModal contractId={contract.id} opened={terminating} onClose={() => setTerminating(false)} />
    </Stack>
  );
}

function TerminateModal({ contractId, opened, onClose }: { contractId: string; opened: boolean; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [terminate, { loading }] = useMutation(TerminateContractDocument, { refetchQueries: ['ContractDetails', 'OrganizationContracts', 'MonthSheet'] });
  return (
    <Modal opened={opened} onClose={onClose} title="Расторгнуть договор">
      <Stack>
        <Text size="sm">
          Договор прекратится в конце текущего месяца: этот месяц ещё можно списать, зарезервированные деньги за следующие месяцы вернутся на сертификат, место в группе освободится.
        </Text>
        <Textarea label="Причина" description="Её увидит родитель" autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button
            color="red"
            loading={loading}
            disabled={reason.trim().length < 3}
            onClick={async () => {
              if (await withFeedback(terminate({ variables: { input: { contractId, reason: reason.trim() } } }), 'Договор расторгнут с конца месяца', 'Договор не расторгнут')) onClose();
            }}
          >
            Расторгнуть
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
