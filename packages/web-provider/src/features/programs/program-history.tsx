import { useQuery } from '@apollo/client/react';
import { Table, Text } from '@mantine/core';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { formatDateTime } from '@navigator/web-shared/format';

const ProgramHistoryDocument = graphql(`
  query ProgramHistory($programId: ID!) {
    auditTrail(entityType: PROGRAM, entityId: $programId) {
      id
      action
      actorName
      at
    }
  }
`);

const actionLabels: Record<string, string> = {
  'program.created': 'Создана',
  'program.updated': 'Изменена',
  'program.published': 'Опубликована',
  'program.archived': 'Убрана в архив',
  'program.certification_submitted': 'Подана на сертификацию',
  'program.certified': 'Сертифицирована',
  'program.certification_rejected': 'Отказ в сертификации',
};

/** Who changed the program and when: staff see what colleagues and the МОЦ did. */
export function ProgramHistory({ programId }: { programId: string }) {
  const { data, loading, error } = useQuery(ProgramHistoryDocument, { variables: { programId } });
  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  const events = data?.auditTrail ?? [];
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Изменений пока нет.
      </Text>
    );
  return (
    <Table>
      <Table.Tbody>
        {events.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td w={160}>{formatDateTime(e.at)}</Table.Td>
            <Table.Td>{actionLabels[e.action] ?? e.action}</Table.Td>
            <Table.Td>{e.actorName ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
