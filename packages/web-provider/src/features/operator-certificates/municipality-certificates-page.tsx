import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Checkbox, Group, Modal, Stack, Table, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { MunicipalityPicker, useMunicipalityScope } from '../../components/municipality-picker';
import { withFeedback } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import type { CertificateStatus } from '../../gql/graphql';
import { formatDate, formatDateTime, formatRub } from '@navigator/web-shared/format';
import { certificateStatusLabels } from '@navigator/web-shared/labels';
import { fullName } from '../../lib/people';

const MunicipalityCertificatesDocument = graphql(`
  query MunicipalityCertificates($filter: CertificateFilter, $first: Int, $after: String) {
    certificates(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          status
          statusReason
          validUntil
          financingRequestedAt
          createdAt
          child {
            id
            lastName
            firstName
            middleName
            birthDate
          }
          currentAccount {
            id
            nominal
            available
          }
        }
      }
    }
  }
`);

const GrantFinancingDocument = graphql(`
  mutation GrantFinancing($certificateId: ID!) {
    grantFinancing(certificateId: $certificateId) {
      id
      status
    }
  }
`);
const OperatorVerifyCertificateDocument = graphql(`
  mutation OperatorVerifyCertificate($certificateId: ID!) {
    verifyCertificate(certificateId: $certificateId) {
      id
      status
    }
  }
`);
const SuspendCertificateDocument = graphql(`
  mutation SuspendCertificate($input: CertificateStatusChangeInput!) {
    suspendCertificate(input: $input) {
      id
      status
      statusReason
    }
  }
`);
const ResumeCertificateDocument = graphql(`
  mutation ResumeCertificate($certificateId: ID!) {
    resumeCertificate(certificateId: $certificateId) {
      id
      status
    }
  }
`);

const refetch = { refetchQueries: ['MunicipalityCertificates', 'MunicipalityPeriods'] };
const statusTabs = ['ALL', 'PENDING_VERIFICATION', 'ACCOUNTING', 'FINANCING', 'SUSPENDED', 'CLOSED'] as const;

export function MunicipalityCertificatesPage() {
  const { municipalityId } = useMunicipalityScope();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'ALL';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [requestedOnly, setRequestedOnly] = useState(false);
  const filter = {
    municipalityId,
    status: status === 'ALL' ? null : (status as CertificateStatus),
    financingRequested: requestedOnly || null,
    search: debounced || null,
  };
  const { data, loading, error, fetchMore } = useQuery(MunicipalityCertificatesDocument, { variables: { filter, first: 50 } });
  const [grant] = useMutation(GrantFinancingDocument, refetch);
  const [verify] = useMutation(OperatorVerifyCertificateDocument, refetch);
  const [resume] = useMutation(ResumeCertificateDocument, refetch);
  const [suspending, setSuspending] = useState<{ id: string; number: string } | null>(null);
  const rows = data?.certificates.edges.map((e) => e.node) ?? [];

  return (
    <Stack>
      <PageHeader
        title="Сертификаты муниципалитета"
        description="Проверка документов, выдача сертификатов финансирования в пределах лимита периода, приостановка."
        actions={<MunicipalityPicker allowAll />}
      />
      <Tabs
        value={status}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          if (v && v !== 'ALL') next.set('status', v);
          else next.delete('status');
          setParams(next);
        }}
      >
        {/* The tabs filter the one list below rather than switch panels, so they name no panel they would control. */}
        <Tabs.List>
          {statusTabs.map((s) => (
            <Tabs.Tab key={s} value={s} aria-controls="">
              {s === 'ALL' ? 'Все' : certificateStatusLabels[s]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group>
        <TextInput placeholder="Номер сертификата или фамилия ребёнка" aria-label="Поиск" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={360} />
        <Checkbox label="Только запросившие финансирование" checked={requestedOnly} onChange={(e) => setRequestedOnly(e.currentTarget.checked)} />
        {data && (
          <Text size="sm" c="dimmed" ml="auto">
            Найдено: {data.certificates.totalCount}
          </Text>
        )}
      </Group>
      <ErrorNotice error={error} />
      {loading && !data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title="Сертификатов не найдено">Измените фильтр или поиск. Новые сертификаты появляются, когда родители запрашивают их в личном кабинете.</EmptyState>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Номер</Table.Th>
              <Table.Th>Ребёнок</Table.Th>
              <Table.Th>Статус</Table.Th>
              <Table.Th>Действует до</Table.Th>
              <Table.Th ta="right">Номинал / доступно</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td ff="monospace">{c.number}</Table.Td>
                <Table.Td>
                  {fullName(c.child)}
                  <Text size="xs" c="dimmed">
                    {formatDate(c.child.birthDate)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={c.status} labels={certificateStatusLabels} />
                  {c.status === 'ACCOUNTING' && c.financingRequestedAt && (
                    <Text size="xs" c="red.9">
                      запросил финансирование {formatDateTime(c.financingRequestedAt)}
                    </Text>
                  )}
                  {c.statusReason && (
                    <Text size="xs" c="dimmed">
                      {c.statusReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDate(c.validUntil)}</Table.Td>
                <Table.Td ta="right">{c.currentAccount ? `${formatRub(c.currentAccount.nominal)} / ${formatRub(c.currentAccount.available)}` : '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {c.status === 'PENDING_VERIFICATION' && (
                      <Button size="compact-sm" variant="light" onClick={() => withFeedback(verify({ variables: { certificateId: c.id } }), `Документы по ${c.number} проверены`)}>
                        Документы проверены
                      </Button>
                    )}
                    {c.status === 'ACCOUNTING' && (
                      <Button size="compact-sm" onClick={() => withFeedback(grant({ variables: { certificateId: c.id } }), `Сертификат ${c.number} получил статус финансирования`, 'Финансирование не выдано')}>
                        Выдать финансирование
                      </Button>
                    )}
                    {(c.status === 'ACCOUNTING' || c.status === 'FINANCING' || c.status === 'PENDING_VERIFICATION') && (
                      <Button size="compact-sm" variant="subtle" color="orange" onClick={() => setSuspending({ id: c.id, number: c.number })}>
                        Приостановить
                      </Button>
                    )}
                    {c.status === 'SUSPENDED' && (
                      <Button size="compact-sm" variant="light" onClick={() => withFeedback(resume({ variables: { certificateId: c.id } }), `Сертификат ${c.number} возобновлён`)}>
                        Возобновить
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data?.certificates.pageInfo.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          onClick={() =>
            fetchMore({
              variables: { after: data.certificates.pageInfo.endCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                certificates: { ...fetchMoreResult.certificates, edges: [...prev.certificates.edges, ...fetchMoreResult.certificates.edges] },
              }),
            })
          }
        >
          Показать ещё
        </Button>
      )}
      <SuspendModal certificate={suspending} onClose={() => setSuspending(null)} />
    </Stack>
  );
}

function SuspendModal({ certificate, onClose }: { certificate: { id: string; number: string } | null; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [suspend, { loading }] = useMutation(SuspendCertificateDocument, refetch);
  const close = () => {
    setReason('');
    onClose();
  };
  return (
    <Modal opened={certificate !== null} onClose={close} title={`Приостановить сертификат ${certificate?.number ?? ''}`}>
      <Stack>
        <Textarea label="Причина" description="Её увидит родитель" autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Отмена
          </Button>
          <Button
            color="orange"
            loading={loading}
            disabled={reason.trim().length < 3}
            onClick={async () => {
              if (certificate && (await withFeedback(suspend({ variables: { input: { certificateId: certificate.id, reason: reason.trim() } } }), 'Сертификат приостановлен'))) close();
            }}
          >
            Приостановить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
