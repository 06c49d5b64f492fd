import { useQuery } from '@apollo/client/react';
import { Anchor, Stack, Table, Tabs, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import type { ContractFilter, ContractPeriodState } from '../../gql/graphql';
import { formatDate, formatDateTime, formatRub } from '@navigator/web-shared/format';
import { contractStatusLabels, periodStateLabels } from '@navigator/web-shared/labels';
import { fullName } from '../../lib/people';

const OrganizationContractsDocument = graphql(`
  query OrganizationContracts($filter: ContractFilter) {
    organizationContracts(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
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
          fundingDeadline
          signedAt
          fundingPlan {
            year
            state
          }
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
`);

interface ContractsTab {
  value: string;
  label: string;
  filter: ContractFilter;
  empty: string;
}

const tabs: ContractsTab[] = [
  { value: 'active', label: 'Действующие', filter: { statuses: ['ACTIVE'] }, empty: 'Действующих договоров нет. Договор начинает действовать, когда родитель подпишет оферту.' },
  {
    value: 'continuing',
    label: 'Продолжаются в новом году',
    filter: { statuses: ['ACTIVE', 'AWAITING_FUNDING'], continuing: true },
    empty: 'Договоров, которые идут и в следующем году финансирования, нет.',
  },
  {
    value: 'awaiting',
    label: 'Ждут финансирования',
    filter: { statuses: ['AWAITING_FUNDING'] },
    empty: 'Все договоры оплачены. Здесь появляются договоры, которые новый номинал сертификата не покрыл: место за ребёнком сохраняется, пока родитель решает, платить ли самому.',
  },
  { value: 'offers', label: 'Оферты', filter: { statuses: ['OFFERED'] }, empty: 'Неподписанных оферт нет. Оферта создаётся, когда вы подтверждаете заявку.' },
  { value: 'closed', label: 'Завершённые', filter: { statuses: ['TERMINATED', 'COMPLETED'] }, empty: 'Завершённых договоров нет.' },
];

/** Who pays the next financing period: what staff need to plan January's groups. */
function nextYearText(plan: readonly { year: number; state: ContractPeriodState }[]): string | null {
  const later = plan.slice(1);
  if (later.length === 0) return null;
  return later.map((p) => `${p.year}: ${periodStateLabels[p.state]}`).join('; ');
}

export function ContractsPage() {
  const [params, setParams] = useSearchParams();
  const tab = tabs.find((t) => t.value === params.get('tab')) ?? tabs[0];
  const { data, loading, error } = useQuery(OrganizationContractsDocument, { variables: { filter: tab.filter }, fetchPolicy: 'cache-and-network' });
  const contracts = (data?.organizationContracts.edges ?? []).map((e) => e.node);
  return (
    <Stack>
      <PageHeader title="Договоры" description="Договоры об образовании на сезон группы; каждый год финансирования оплачивает свои месяцы." />
      <Tabs value={tab.value} onChange={(v) => setParams(v && v !== tabs[0].value ? { tab: v } : {})}>
        {/* The tabs filter the one list below rather than switch panels, so they name no panel they would control. */}
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} aria-controls="">
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
                    {c.months} мес.{nextYearText(c.fundingPlan) && ` · ${nextYearText(c.fundingPlan)}`}
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
                  {c.status === 'AWAITING_FUNDING' && c.fundingDeadline && (
                    <Text size="xs" c="dimmed">
                      решение родителя до {formatDate(c.fundingDeadline)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.organizationContracts.totalCount > contracts.length && (
        <Text size="sm" c="dimmed">
          Показаны первые {contracts.length} из {data.organizationContracts.totalCount}. Уточните выбор на странице заявок по программе и группе.
        </Text>
      )}
    </Stack>
  );
}
