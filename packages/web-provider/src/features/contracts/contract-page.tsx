import { useQuery } from '@apollo/client/react';
import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorAlert, LoadingState } from '../../components/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import { formatDate, formatDateTime, formatRub } from '../../lib/format';
import { certificateStatusLabels, contractStatusLabels, fundingTypeLabels } from '../../lib/labels';
import { fullName } from '../../lib/people';

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
      text
      offeredAt
      offerExpiresAt
      signedAt
      closedAt
      closeReason
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
  if (loading && !data) return <LoadingState />;
  if (error) return <ErrorAlert error={error} />;
  const contract = data?.contract;
  if (!contract)
    return (
      <EmptyState title="Договор не найден или нет доступа">
        Такого договора нет среди договоров вашей организации. Откройте <Link to="/contracts">список договоров</Link>.
      </EmptyState>
    );
  return (
    <Stack>
      <PageHeader title={`Договор № ${contract.number}`} description={<StatusBadge status={contract.status} labels={contractStatusLabels} />} />
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
          Текст договора
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {contract.text}
        </Text>
      </Card>
    </Stack>
  );
}
