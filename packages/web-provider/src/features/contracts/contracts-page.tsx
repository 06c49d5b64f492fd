import { useQuery } from '@apollo/client/react';
import { Anchor, Stack, Table, Tabs, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import type { ApplicationStatus } from '../../gql/graphql';
import { formatDate, formatDateTime, formatRub } from '@navigator/web-shared/format';
import { contractStatusLabels } from '@navigator/web-shared/labels';
import { fullName } from '../../lib/people';

// Contracts are reached through their applications: the API lists an organization's applications, each with its contract.
const OrganizationContractsDocument = graphql(`
  query OrganizationContracts($filter: ApplicationFilter) {
    applications(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          id
          contract {
            id
            number
            status
            startsOn
            endsOn
            months
            monthlyPrice
            certificateMonthlyShare
            parentMonthlyCopayment
            offerExpiresAt
            signedAt
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
        }
      }
    }
  }
`);

const tabs: { value: ApplicationStatus; label: string; empty: string }[] = [
  { value: 'ENROLLED', label: 'Действующие', empty: 'Действующих договоров нет. Договор начинает действовать, когда родитель подпишет оферту.' },
  { value: 'CONFIRMED', label: 'Оферты', empty: 'Неподписанных оферт нет. Оферта создаётся, когда вы подтверждаете заявку.' },
  { value: 'ENDED', label: 'Завершённые', empty: 'Завершённых договоров нет.' },
];

export function ContractsPage() {
  const [params, setParams] = useSearchParams();
  const tab = tabs.find((t) => t.value === params.get('tab')) ?? tabs[0];
  const { data, loading, error } = useQuery(OrganizationContractsDocument, { variables: { filter: { status: tab.value } } });
  const contracts = (data?.applications.edges ?? []).flatMap((e) => (e.node.contract ? [e.node.contract] : []));
  return (
    <Stack>
      <PageHeader title="Договоры" description="Договоры об образовании, заключённые из подтверждённых заявок." />
      <Tabs value={tab.value} onChange={(v) => setParams(v && v !== 'ENROLLED' ? { tab: v } : {})}>
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <ErrorNotice error={error} />
      {loading && !data ? (
        <Loading />
      ) : contracts.length === 0 ? (
        <EmptyState title="Договоров нет">{tab.empty}</EmptyState>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Номер</Table.Th>
              <Table.Th>Ребёнок</Table.Th>
              <Table.Th>Программа, группа</Table.Th>
              <Table.Th>Срок</Table.Th>
              <Table.Th ta="right">Сертификат / мес.</Table.Th>
              <Table.Th ta="right">Родитель / мес.</Table.Th>
              <Table.Th>Статус</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contracts.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/contracts/${c.id}`} size="sm">
                    {c.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{fullName(c.child)}</Table.Td>
                <Table.Td>
                  {c.program.title}
                  <Text size="xs" c="dimmed">
                    {c.group.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
                  <Text size="xs" c="dimmed">
                    {c.months} мес.
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatRub(c.certificateMonthlyShare)}</Table.Td>
                <Table.Td ta="right">{formatRub(c.parentMonthlyCopayment)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={c.status} labels={contractStatusLabels} />
                  {c.status === 'OFFERED' && (
                    <Text size="xs" c="dimmed">
                      до {formatDateTime(c.offerExpiresAt)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.applications.totalCount > contracts.length && (
        <Text size="sm" c="dimmed">
          Показаны первые {contracts.length} из {data.applications.totalCount}. Уточните выбор на странице заявок по программе и группе.
        </Text>
      )}
    </Stack>
  );
}
