import { useQuery } from '@apollo/client/react';
import { Anchor, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { useCurrentUser } from '../../lib/current-user';
import { formatDateTime, formatMonth, formatRub } from '@navigator/web-shared/format';
import { currentMonth } from '../../lib/month';
import { fullName } from '../../lib/people';

const StaffDashboardDocument = graphql(`
  query StaffDashboard($month: String!) {
    monthSheet(month: $month) {
      uncharged
      chargedTotal
    }
    newApplications: applications(filter: { status: SUBMITTED }, first: 1) {
      totalCount
    }
    waitlisted: applications(filter: { status: WAITLISTED }, first: 1) {
      totalCount
    }
    offers: applications(filter: { status: CONFIRMED }, first: 10) {
      totalCount
      edges {
        node {
          id
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
          contract {
            id
            offerExpiresAt
          }
        }
      }
    }
    myOrganizationPrograms(filter: { status: PUBLISHED }) {
      id
      title
      groups {
        id
        name
        capacity
        seatsTaken
        freeSeats
        enrollmentOpen
      }
    }
  }
`);

function Counter({ label, value, to, hint }: { label: string; value: number; to: string; hint: string }) {
  return (
    <Card withBorder component={Link} to={to} style={{ textDecoration: 'none', color: 'inherit' }}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Title order={3}>{value}</Title>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Card>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Text fw={600}>{title}</Text>
      {children}
    </Stack>
  );
}

export function DashboardPage() {
  const user = useCurrentUser();
  const month = currentMonth();
  const { data, loading, error } = useQuery(StaffDashboardDocument, { variables: { month } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} />;
  const d = data!;
  const groups = d.myOrganizationPrograms.flatMap((p) => p.groups.map((g) => ({ ...g, programId: p.id, programTitle: p.title })));
  return (
    <Stack>
      <PageHeader title="Главная" description={`Здравствуйте, ${user.fullName}. Что требует внимания сегодня:`} />
      <SimpleGrid cols={5}>
        <Counter label="Новые заявки" value={d.newApplications.totalCount} to="/applications" hint="подтвердите или отклоните" />
        <Counter label="Оферты ждут подписи" value={d.offers.totalCount} to="/applications?status=CONFIRMED" hint="подписывает родитель" />
        <Counter label="В листах ожидания" value={d.waitlisted.totalCount} to="/applications?status=WAITLISTED" hint="ждут свободного места" />
 <Counter
          label="Не списано за месяц"
          value={d.monthSheet.uncharged}
          to="/charges"
          hint={`договоров за ${formatMonth(month)}; списано ${formatRub(d.monthSheet.chargedTotal)}`}
        />
        <Counter label="Свободных мест" value={groups.filter((g) => g.enrollmentOpen).reduce((s, g) => s + g.freeSeats, 0)} to="/programs" hint="в группах с открытым приёмом" />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="lg">
        <Section title="Оферты, ждущие подписи родителя">
          {d.offers.edges.length === 0 ? (
            <Text size="sm" c="dimmed">
              Неподписанных оферт нет.
            </Text>
          ) : (
            <Table>
              <Table.Tbody>
                {d.offers.edges.map(({ node }) => (
                  <Table.Tr key={node.id}>
                    <Table.Td>{fullName(node.child)}</Table.Td>
                    <Table.Td>{node.program.title}</Table.Td>
                    <Table.Td>до {formatDateTime(node.contract?.offerExpiresAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
        <Section title="Места в группах опубликованных программ">
          {groups.length === 0 ? (
            <EmptyState title="Групп нет">
              <Anchor component={Link} to="/programs">
                Создайте программу
              </Anchor>{' '}
              с группами и опубликуйте её, чтобы принимать заявки.
            </EmptyState>
          ) : (
            <Table>
              <Table.Tbody>
                {groups.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/programs/${g.programId}`} size="sm">
                        {g.programTitle}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {g.name}
                        {!g.enrollmentOpen && ' · приём закрыт'}
                      </Text>
                    </Table.Td>
                    <Table.Td w={240}>
                      <Group gap={6} wrap="nowrap">
                        <Progress value={(g.seatsTaken / g.capacity) * 100} w={100} size="sm" color={g.freeSeats === 0 ? 'red' : 'indigo'} aria-label={`Занято мест в группе «${g.name}»`} />
                        <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                          свободно {g.freeSeats} из {g.capacity}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
