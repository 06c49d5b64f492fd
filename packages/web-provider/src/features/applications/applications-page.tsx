import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Box, Button, Checkbox, Group, List, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useActionKeys } from '@navigator/web-shared/idempotency';
import { useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { withFeedback } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import type { ApplicationStatus } from '../../gql/graphql';
import { describeError } from '@navigator/web-shared/errors';
import { formatDate, formatDateTime } from '@navigator/web-shared/format';
import { applicationStatusLabels } from '@navigator/web-shared/labels';
import { ageOn, fullName } from '../../lib/people';
import { afterDecision, ConfirmApplicationDocument } from './application-operations';
import { RejectApplicationModal } from './reject-application-modal';

const OrganizationApplicationsDocument = graphql(`
  query OrganizationApplications($filter: ApplicationFilter, $first: Int, $after: String) {
    applications(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          submittedAt
          waitlistPosition
          rejectReason
          child {
            id
            lastName
            firstName
            middleName
            birthDate
          }
          program {
            id
            title
          }
          group {
            id
            name
            freeSeats
          }
          contract {
            id
            number
            offerExpiresAt
          }
        }
      }
    }
  }
`);

const ProgramGroupOptionsDocument = graphql(`
  query ProgramGroupOptions {
    myOrganizationPrograms {
      id
      title
      groups {
        id
        name
      }
    }
  }
`);

const tabs: { value: string; label: string; hint: string }[] = [
  { value: 'SUBMITTED', label: 'Новые', hint: 'Подтвердите заявку — ребёнку будет зарезервировано место и отправлена оферта договора — или отклоните с причиной.' },
  { value: 'WAITLISTED', label: 'Лист ожидания', hint: 'Очередь на места в полных группах: когда место освободится, первая заявка станет новой.' },
  { value: 'CONFIRMED', label: 'Ждут подписи', hint: 'Оферта отправлена; родитель подписывает договор в своём кабинете до указанного срока.' },
  { value: 'ENROLLED', label: 'Зачислены', hint: 'Договор подписан.' },
  { value: 'ALL', label: 'Все', hint: 'Все заявки в вашу организацию.' },
];

interface BulkResult {
  id: string;
  childName: string;
  ok: boolean;
  message: string;
}

export function ApplicationsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'SUBMITTED';
  const programId = params.get('program');
  const groupId = params.get('group');
  const filter = { status: status === 'ALL' ? null : (status as ApplicationStatus), programId, groupId };
  const { data, loading, error, fetchMore } = useQuery(OrganizationApplicationsDocument, { variables: { filter, first: 100 } });
  const options = useQuery(ProgramGroupOptionsDocument, { fetchPolicy: 'cache-first' });
  const [confirm] = useMutation(ConfirmApplicationDocument);
  const client = useApolloClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [rejecting, setRejecting] = useState<{ id: string; childName: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const actionKeys = useActionKeys();
  const [bulk, setBulk] = useState<{ running: boolean; results: BulkResult[] } | null>(null);

  const rows = useMemo(() => {
    const nodes = data?.applications.edges.map((e) => e.node) ?? [];
    // A waitlist is read in its order; everything else in order of submission, as the parents were told.
    return status === 'WAITLISTED'
      ? [...nodes].sort((a, b) => a.program.title.localeCompare(b.program.title) || a.group.name.localeCompare(b.group.name) || (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0))
      : [...nodes].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  }, [data, status]);
  const confirmable = rows.filter((r) => r.status === 'SUBMITTED');
  const programs = options.data?.myOrganizationPrograms ?? [];
  const groups = programs.find((p) => p.id === programId)?.groups ?? [];

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'program') next.delete('group');
    setParams(next);
    setSelected([]);
  };

  const list = useRef<HTMLDivElement>(null);
  const confirmOne = async (id: string, childName: string) => {
    setBusy(id);
    const action = `confirm:${id}`;
    const done = await withFeedback(confirm({ variables: { input: { applicationId: id, idempotencyKey: actionKeys.keyFor(action) } }, ...afterDecision }), `Заявка подтверждена: ${childName}. Родителю отправлена оферта.`, 'Заявка не подтверждена');
    if (done) {
      actionKeys.done(action);
      list.current?.focus();
    }
    setBusy(null);
  };

  // One by one in order of submission, so earlier applicants get the seats and the money check first.
  const confirmSelected = async () => {
    const queue = confirmable.filter((r) => selected.includes(r.id));
    const results: BulkResult[] = [];
    setBulk({ running: true, results });
    for (const row of queue) {
      const childName = fullName(row.child);
      try {
        const action = `confirm:${row.id}`;
        await confirm({ variables: { input: { applicationId: row.id, idempotencyKey: actionKeys.keyFor(action) } } });
        actionKeys.done(action);
        results.push({ id: row.id, childName, ok: true, message: 'подтверждена, оферта отправлена' });
      } catch (e) {
        results.push({ id: row.id, childName, ok: false, message: describeError(e).message });
      }
      setBulk({ running: true, results: [...results] });
    }
    setBulk({ running: false, results });
    setSelected([]);
    await client.refetchQueries({ include: afterDecision.refetchQueries });
  };

  const tab = tabs.find((t) => t.value === status) ?? tabs[0];
  return (
    <Stack>
      <PageHeader title="Заявки" description={tab.hint} />
      <Tabs value={status} onChange={(v) => setFilter('status', v === 'SUBMITTED' ? null : v)}>
        {/* The tabs filter the one list below rather than switch panels, so they name no panel they would control. */}
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} aria-controls="">
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group gap="sm">
        <Select
          aria-label="Программа"
          placeholder="Все программы"
          data={programs.map((p) => ({ value: p.id, label: p.title }))}
          value={programId}
          onChange={(v) => setFilter('program', v)}
          clearable
          searchable
          w={360}
        />
        <Select
          aria-label="Группа"
          placeholder="Все группы"
          data={groups.map((g) => ({ value: g.id, label: g.name }))}
          value={groupId}
          onChange={(v) => setFilter('group', v)}
          clearable
          disabled={!programId}
          w={220}
        />
        {confirmable.length > 0 && (
          <Button ml="auto" disabled={selected.length === 0 || bulk?.running} loading={bulk?.running} onClick={confirmSelected}>
            Подтвердить выбранные ({selected.length})
          </Button>
        )}
      </Group>
      {bulk && (
        <Alert color={bulk.results.every((r) => r.ok) ? 'green' : 'yellow'} title={bulk.running ? 'Подтверждаем по порядку подачи…' : 'Результат подтверждения'} withCloseButton={!bulk.running} onClose={() => setBulk(null)}>
          <List size="sm" spacing={2} data-testid="bulk-results">
            {bulk.results.map((r) => (
              <List.Item key={r.id} icon={r.ok ? <IconCheck size={14} color="green" /> : <IconX size={14} color="red" />}>
                {r.childName}: {r.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <ErrorNotice error={error} />
      {/* Where focus goes when a decided application leaves the list, so the keyboard goes on from the next one. */}
      <Box ref={list} tabIndex={-1} role="region" aria-label="Список заявок">
        {loading && !data ? (
          <Loading />
        ) : rows.length === 0 ? (
          <EmptyState title="Заявок нет">
            {status === 'SUBMITTED'
              ? 'Новых заявок нет. Заявки появятся, когда родители выберут ваши опубликованные программы с открытым приёмом.'
              : 'В этом разделе пусто. Попробуйте другую вкладку или снимите фильтры.'}
          </EmptyState>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                {confirmable.length > 0 && (
                  <Table.Th w={32}>
                    <Checkbox
                      aria-label="Выбрать все новые"
                      checked={selected.length > 0 && selected.length === confirmable.length}
                      indeterminate={selected.length > 0 && selected.length < confirmable.length}
                      onChange={(e) => setSelected(e.currentTarget.checked ? confirmable.map((r) => r.id) : [])}
                    />
                  </Table.Th>
                )}
                <Table.Th>Подана</Table.Th>
                <Table.Th>Ребёнок</Table.Th>
                <Table.Th>Программа</Table.Th>
                <Table.Th>Группа</Table.Th>
                <Table.Th>Статус</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const childName = fullName(r.child);
                return (
                  <Table.Tr key={r.id}>
                    {confirmable.length > 0 && (
                      <Table.Td>
                        {r.status === 'SUBMITTED' && (
                          <Checkbox
                            aria-label={`Выбрать ${childName}`}
                            checked={selected.includes(r.id)}
                            onChange={(e) => setSelected((s) => (e.currentTarget.checked ? [...s, r.id] : s.filter((id) => id !== r.id)))}
                          />
                        )}
                      </Table.Td>
                    )}
                    <Table.Td>{formatDateTime(r.submittedAt)}</Table.Td>
                    <Table.Td>
                      {r.contract ? (
                        <Anchor component={Link} to={`/contracts/${r.contract.id}`} size="sm">
                          {childName}
                        </Anchor>
                      ) : (
                        <Text size="sm">{childName}</Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {formatDate(r.child.birthDate)}, {ageOn(r.child.birthDate)} лет
                      </Text>
                    </Table.Td>
                    <Table.Td>{r.program.title}</Table.Td>
                    <Table.Td>
                      {r.group.name}
                      <Text size="xs" c="dimmed">
                        свободно мест: {r.group.freeSeats}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={r.status} labels={applicationStatusLabels} />
                      {r.waitlistPosition !== null && r.waitlistPosition !== undefined && (
                        <Text size="xs" c="dimmed">
                          № {r.waitlistPosition} в очереди
                        </Text>
                      )}
                      {r.status === 'CONFIRMED' && r.contract && (
                        <Text size="xs" c="dimmed">
                          подписать до {formatDateTime(r.contract.offerExpiresAt)}
                        </Text>
                      )}
                      {r.rejectReason && (
                        <Text size="xs" c="dimmed">
                          {r.rejectReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {r.status === 'SUBMITTED' && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="compact-sm" loading={busy === r.id} onClick={() => confirmOne(r.id, childName)}>
                            Подтвердить
                          </Button>
                          <Button size="compact-sm" variant="light" color="red" onClick={() => setRejecting({ id: r.id, childName })}>
                            Отклонить
                          </Button>
                        </Group>
                      )}
                      {r.status === 'WAITLISTED' && (
                        <Group gap={4} justify="flex-end">
                          <Button size="compact-sm" variant="light" color="red" onClick={() => setRejecting({ id: r.id, childName })}>
                            Отклонить
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Box>
      {data?.applications.pageInfo.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          onClick={() =>
            fetchMore({
              variables: { after: data.applications.pageInfo.endCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                applications: { ...fetchMoreResult.applications, edges: [...prev.applications.edges, ...fetchMoreResult.applications.edges] },
              }),
            })
          }
        >
          Показать ещё (всего {data.applications.totalCount})
        </Button>
      )}
      <RejectApplicationModal application={rejecting} onClose={() => setRejecting(null)} />
    </Stack>
  );
}
