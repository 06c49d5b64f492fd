import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import type { ProgramStatus } from '../../gql/graphql';
import { formatRub } from '@navigator/web-shared/format';
import { certificationStatusLabels, directionLabels, fundingTypeLabels, programStatusLabels } from '@navigator/web-shared/labels';

const MyProgramsDocument = graphql(`
  query MyPrograms($filter: MyProgramsFilter) {
    myOrganizationPrograms(filter: $filter) {
      id
      title
      direction
      fundingType
      monthlyPrice
      status
      certificationStatus
      ageFrom
      ageTo
      groups {
        id
        capacity
        freeSeats
        enrollmentOpen
      }
    }
  }
`);

export function ProgramsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'ALL';
  const { data, loading, error } = useQuery(MyProgramsDocument, { variables: { filter: status === 'ALL' ? {} : { status: status as ProgramStatus } } });
  const programs = data?.myOrganizationPrograms ?? [];
  return (
    <Stack>
      <PageHeader
        title="Программы и группы"
        description="Черновики видны только вашей организации; опубликованные — в каталоге для родителей."
        actions={
          <Button component={Link} to="/programs/new" leftSection={<IconPlus size={16} />}>
            Новая программа
          </Button>
        }
      />
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(v) => setParams(v === 'ALL' ? {} : { status: v })}
        data={[{ value: 'ALL', label: 'Все' }, ...Object.entries(programStatusLabels).map(([value, label]) => ({ value, label }))]}
      />
      <ErrorNotice error={error} />
      {loading && !data ? (
        <Loading />
      ) : programs.length === 0 ? (
        <EmptyState title="Программ нет">Создайте программу кнопкой «Новая программа», добавьте группы и опубликуйте её.</EmptyState>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Программа</Table.Th>
              <Table.Th>Направленность</Table.Th>
              <Table.Th>Возраст</Table.Th>
              <Table.Th>Оплата</Table.Th>
              <Table.Th ta="right">Цена в месяц</Table.Th>
              <Table.Th>Статус</Table.Th>
              <Table.Th>Сертификация</Table.Th>
              <Table.Th ta="right">Группы</Table.Th>
              <Table.Th ta="right">Свободно мест</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {programs.map((p) => {
              const capacity = p.groups.reduce((sum, g) => sum + g.capacity, 0);
              const free = p.groups.reduce((sum, g) => sum + g.freeSeats, 0);
              return (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/programs/${p.id}`} size="sm">
                      {p.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{directionLabels[p.direction]}</Table.Td>
                  <Table.Td>
                    {p.ageFrom}–{p.ageTo}
                  </Table.Td>
                  <Table.Td>{fundingTypeLabels[p.fundingType]}</Table.Td>
                  <Table.Td ta="right">{formatRub(p.monthlyPrice)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={p.status} labels={programStatusLabels} />
                  </Table.Td>
                  <Table.Td>{p.fundingType === 'CERTIFICATE' ? <StatusBadge status={p.certificationStatus} labels={certificationStatusLabels} /> : <Text size="sm" c="dimmed">не нужна</Text>}</Table.Td>
                  <Table.Td ta="right">{p.groups.length}</Table.Td>
                  <Table.Td ta="right">
                    <Group gap={4} justify="flex-end">
                      {free} / {capacity}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
