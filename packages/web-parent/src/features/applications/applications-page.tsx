import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { RequireParent } from '../../components/require-parent';
import { graphql } from '../../gql';
import type { MyApplicationsQuery } from '../../gql/graphql';
import { describeError } from '@navigator/web-shared/errors';
import { formatDate } from '@navigator/web-shared/format';
import { newIdempotencyKey } from '@navigator/web-shared/idempotency';
import { APPLICATION_STATUS_COLORS, CANCELLABLE, applicationBadge, nextStep } from './application-status';

const MyApplicationsQuery = graphql(`
  query MyApplications {
    myApplications {
      id
      status
      submittedAt
      waitlistPosition
      rejectReason
      child {
        id
        fullName
      }
      program {
        id
        title
        organization {
          id
          shortName
        }
      }
      group {
        id
        name
        startsOn
      }
      contract {
        id
        number
        status
        offerExpiresAt
        certificateId
        endsOn
        fundingPlan {
          year
          state
          certificateAmount
        }
      }
    }
  }
`);

const CancelApplicationMutation = graphql(`
  mutation CancelApplication($input: ApplicationActionInput!) {
    cancelApplication(input: $input) {
      id
      status
    }
  }
`);

type Application = MyApplicationsQuery['myApplications'][number];

function ApplicationCard({ application, onCancel }: { application: Application; onCancel: (a: Application) => void }) {
  const a = application;
  return (
    <Card withBorder component="article" aria-label={`Заявка: ${a.program.title}, ${a.child.fullName}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor component={Link} to={`/programs/${a.program.id}`} fw={700}>
            {a.program.title}
          </Anchor>
          <Badge color={APPLICATION_STATUS_COLORS[a.status]} variant="light" style={{ textTransform: 'none' }} data-testid="application-status">
            {applicationBadge(a)}
          </Badge>
        </Group>
        <Text size="sm">
          {a.child.fullName} · {a.program.organization.shortName} · {a.group.name}, с {formatDate(a.group.startsOn)}
        </Text>
        <Text size="sm" data-testid="next-step">
          {nextStep(a)}
        </Text>
        <Text size="xs" c="dimmed">
          Подана {formatDate(a.submittedAt)}
        </Text>
        <Group gap="xs" mt={4}>
          {a.contract && (
            <Button component={Link} to={`/contracts/${a.contract.id}`} size="sm" variant={a.status === 'CONFIRMED' ? 'filled' : 'default'}>
              {a.status === 'CONFIRMED' ? 'Открыть договор и подписать' : `Договор № ${a.contract.number}`}
            </Button>
          )}
          {CANCELLABLE.includes(a.status) && (
            <Button size="sm" variant="subtle" color="red" onClick={() => onCancel(a)}>
              Отозвать заявку
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function ApplicationsList() {
  // Staff and the МОЦ change these lists from their side, so every visit asks the server again.
  const { data, loading, error, refetch } = useQuery(MyApplicationsQuery, { fetchPolicy: 'cache-and-network' });
  const [cancel, cancelling] = useMutation(CancelApplicationMutation);
  const [target, setTarget] = useState<Application | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);

  if (loading && !data) return <Loading label="Загружаем заявки…" />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => refetch()} />;
  const applications = data?.myApplications ?? [];

  const confirmCancel = async () => {
    if (!target) return;
    setProblem(null);
    try {
      await cancel({ variables: { input: { applicationId: target.id, idempotencyKey: key } } });
      notifications.show({ color: 'teal', message: 'Заявка отозвана' });
      setTarget(null);
      setKey(newIdempotencyKey());
      await refetch();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Stack>
      {applications.length === 0 ? (
        <Text>
          Заявок пока нет.{' '}
          <Anchor component={Link} to="/">
            Найдите кружок
          </Anchor>{' '}
          и нажмите «Записаться» у подходящей группы.
        </Text>
      ) : (
        applications.map((a) => <ApplicationCard key={a.id} application={a} onCancel={(x) => (setProblem(null), setTarget(x))} />)
      )}
      <ConfirmDialog
        opened={!!target}
        title="Отозвать заявку?"
        confirmLabel="Отозвать"
        confirmColor="red"
        loading={cancelling.loading}
        problem={problem}
        onConfirm={confirmCancel}
        onClose={() => setTarget(null)}
      >
        <Text>
          {target?.child.fullName}: «{target?.program.title}». Место в группе освободится{target?.contract ? ', а заблокированная на сертификате сумма вернётся' : ''}.
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}

export function ApplicationsPage() {
  return (
    <RequireParent>
      {() => (
        <>
          <PageTitle>Заявки и договоры</PageTitle>
          <ApplicationsList />
        </>
      )}
    </RequireParent>
  );
}
