import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AccountSummary } from '../../components/account-summary';
import { NotFound } from '../../components/not-found';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { RequireParent } from '../../components/require-parent';
import { graphql } from '../../gql';
import type { ChildCertificateQuery } from '../../gql/graphql';
import { describeError } from '@navigator/web-shared/errors';
import { formatDate, formatDateTime } from '@navigator/web-shared/format';
import { LedgerHistory } from './ledger-history';
import { FreezeNotice } from './freeze-notice';

const ChildCertificateQuery = graphql(`
  query ChildCertificate($childId: ID!) {
    child(id: $childId) {
      id
      fullName
      age
      certificate {
        id
        number
        status
        statusLabel
        statusReason
        validUntil
        verifiedAt
        financedAt
        financingRequestedAt
        municipality {
          id
          name
        }
        currentAccount {
          id
          nominal
          blocked
          committed
          spent
          available
          expired
          period {
            id
            year
          }
        }
        ...LedgerHistory_certificate
      }
    }
  }
`);

const RequestCertificateMutation = graphql(`
  mutation RequestCertificate($childId: ID!) {
    requestCertificate(childId: $childId) {
      id
      number
      status
    }
  }
`);

const RequestFinancingMutation = graphql(`
  mutation RequestFinancing($certificateId: ID!) {
    requestFinancing(certificateId: $certificateId) {
      id
      status
      financingRequestedAt
    }
  }
`);

type Certificate = NonNullable<NonNullable<ChildCertificateQuery['child']>['certificate']>;

/** What the status means for the parent and what to do next. */
function StatusExplanation({ certificate }: { certificate: Certificate }) {
  switch (certificate.status) {
    case 'PENDING_VERIFICATION':
      return (
        <Text>
          Сертификат создан, но ещё не подтверждён. Придите с документами ребёнка (свидетельство о рождении или паспорт, СНИЛС) и своим паспортом в любую организацию дополнительного
          образования или в <Anchor component={Link} to="/help">МОЦ</Anchor>. Назовите номер сертификата — там проверят данные.
        </Text>
      );
    case 'ACCOUNTING':
      return (
        <Text>
          Сертификат учёта: с ним можно записываться на бесплатные (бюджетные) программы. Чтобы оплачивать сертификатом программы с отметкой «Доступна оплата сертификатом», нужен статус
          персонифицированного финансирования.
        </Text>
      );
    case 'FINANCING':
      return <Text>Сертификат персонифицированного финансирования: им можно оплачивать программы с отметкой «Доступна оплата сертификатом» и записываться на бесплатные программы.</Text>;
    case 'SUSPENDED':
      return <Text>Сертификат приостановлен{certificate.statusReason ? `: ${certificate.statusReason}` : ''}. Новые заявки по нему подать нельзя. Обратитесь в МОЦ.</Text>;
    case 'CLOSED':
      return <Text>Сертификат закрыт{certificate.statusReason ? `: ${certificate.statusReason}` : ''}.</Text>;
  }
}

function CertificateCard({ certificate, onChanged }: { certificate: Certificate; onChanged: () => void }) {
  const [requestFinancing, { loading }] = useMutation(RequestFinancingMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const account = certificate.currentAccount;

  const askFinancing = async () => {
    setProblem(null);
    try {
      const { data } = await requestFinancing({ variables: { certificateId: certificate.id } });
      notifications.show({
        color: 'teal',
        message: data?.requestFinancing.status === 'FINANCING' ? 'Сертификат переведён в статус финансирования' : 'Запрос отправлен в МОЦ. Мы сообщим о решении.',
      });
      onChanged();
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };

  return (
    <Stack gap="md">
      <Card withBorder>
        <Stack gap={6}>
          <Group gap="xs" justify="space-between">
            <Text fw={700} size="lg">
              № {certificate.number}
            </Text>
            <Badge size="lg" variant="light" h="auto" py={4} style={{ textTransform: 'none' }} styles={{ label: { whiteSpace: 'normal' } }}>
              {certificate.statusLabel}
            </Badge>
          </Group>
          <Text size="sm">
            Действует до {formatDate(certificate.validUntil)} · {certificate.municipality.name}
          </Text>
          <StatusExplanation certificate={certificate} />
          <FreezeNotice municipalityId={certificate.municipality.id} />
          {certificate.status === 'ACCOUNTING' &&
            (certificate.financingRequestedAt ? (
              <Alert color="blue">Запрос на финансирование отправлен {formatDateTime(certificate.financingRequestedAt)}. Его рассматривает МОЦ; о решении придёт уведомление.</Alert>
            ) : (
              <Button onClick={askFinancing} loading={loading} w="fit-content">
                Запросить финансирование
              </Button>
            ))}
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
        </Stack>
      </Card>
      {account && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Деньги сертификата
          </Title>
          <AccountSummary account={account} periodLabel={`${account.period.year} год`} />
        </Card>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          История операций
        </Title>
        <LedgerHistory certificate={certificate} />
      </Card>
    </Stack>
  );
}

function ChildCertificate({ childId }: { childId: string }) {
  const { data, loading, error, refetch } = useQuery(ChildCertificateQuery, { variables: { childId }, fetchPolicy: 'cache-and-network' });
  const [requestCertificate, request] = useMutation(RequestCertificateMutation);
  const [problem, setProblem] = useState<string | null>(null);
  if (loading && !data) return <Loading label="Загружаем сертификат…" />;
  if (error) return <ErrorNotice error={error} onRetry={() => refetch()} />;
  const child = data?.child;
  if (!child) return <NotFound what="Ребёнок не найден" />;

  const ask = async () => {
    setProblem(null);
    try {
      await requestCertificate({ variables: { childId } });
      await refetch();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/children" size="sm">
        ← Дети и сертификаты
      </Anchor>
      <PageTitle>{`Сертификат: ${child.fullName}`}</PageTitle>
      {child.certificate ? (
        <CertificateCard certificate={child.certificate} onChanged={() => refetch()} />
      ) : (
        <Card withBorder>
          <Stack align="flex-start">
            <Text>
              У ребёнка ещё нет сертификата. После запроса ему присвоят номер; затем подтвердите данные в любой организации дополнительного образования или в МОЦ.
            </Text>
            {problem && (
              <Alert color="red" role="alert">
                {problem}
              </Alert>
            )}
            <Button onClick={ask} loading={request.loading}>
              Получить сертификат
            </Button>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

export function CertificatePage() {
  const { childId = '' } = useParams();
  return <RequireParent>{() => <ChildCertificate childId={childId} />}</RequireParent>;
}
