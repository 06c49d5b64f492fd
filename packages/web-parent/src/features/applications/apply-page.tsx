import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Card, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFound } from '../../components/not-found';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { RequireParent } from '../../components/require-parent';
import { graphql } from '../../gql';
import type { ApplyPageQuery } from '../../gql/graphql';
import { todayLocal } from '../../lib/dates';
import { describeError } from '@navigator/web-shared/errors';
import { formatDate, formatRub } from '@navigator/web-shared/format';
import { newIdempotencyKey } from '@navigator/web-shared/idempotency';
import { scheduleLine } from '@navigator/web-shared/labels';
import { expectedBlock, ineligibility } from './eligibility';

const ApplyPageQuery = graphql(`
  query ApplyPage($programId: ID!) {
    program(id: $programId) {
      id
      title
      ageFrom
      ageTo
      fundingType
      certificatePaymentAvailable
      monthlyPrice
      certificateMonthlyShare
      parentMonthlyCopayment
      organization {
        id
        shortName
      }
      groups {
        id
        name
        startsOn
        endsOn
        freeSeats
        enrollmentOpen
        schedule {
          weekday
          startTime
          endTime
        }
      }
    }
    myChildren {
      id
      fullName
      birthDate
      certificate {
        id
        status
        statusLabel
        currentAccount {
          id
          available
          period {
            id
            endsOn
          }
        }
      }
    }
    myApplications {
      id
      childId
      programId
      status
    }
  }
`);

const SubmitApplicationMutation = graphql(`
  mutation SubmitApplication($input: SubmitApplicationInput!) {
    submitApplication(input: $input) {
      id
      status
      waitlistPosition
    }
  }
`);

type Data = ApplyPageQuery;
type Program = NonNullable<Data['program']>;
type Group = Program['groups'][number];
type ChildRow = Data['myChildren'][number];

function MoneyHint({ program, group, child }: { program: Program; group: Group; child: ChildRow }) {
  const account = child.certificate?.currentAccount;
  if (!program.certificatePaymentAvailable || !program.certificateMonthlyShare || !account) return null;
  const block = expectedBlock(program.certificateMonthlyShare, group, account.period.endsOn, todayLocal());
  return (
    <Text size="sm" c={block > account.available ? 'red.9' : undefined}>
      На сертификате доступно {formatRub(account.available)}. Если организация подтвердит заявку, на нём заблокируют около {formatRub(block)} — оплату месяцев занятий до конца
      текущего периода.
      {block > account.available && ' Этого не хватает: организация не сможет подтвердить заявку.'}
    </Text>
  );
}

function Apply({ programId, groupId }: { programId: string; groupId: string }) {
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(ApplyPageQuery, { variables: { programId }, fetchPolicy: 'cache-and-network' });
  const [submit, submission] = useMutation(SubmitApplicationMutation);
  const [childId, setChildId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per attempt to apply, so a retry after a lost answer cannot create a second application.
  const [idempotencyKey] = useState(newIdempotencyKey);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => refetch()} />;
  const program = data?.program;
  const group = program?.groups.find((g) => g.id === groupId);
  if (!program || !group) return <NotFound what="Группа не найдена" />;

  const children = data!.myChildren.map((child) => ({ child, reason: ineligibility({ child, program, group, applications: data!.myApplications }) }));
  const chosen = children.find((c) => c.child.id === childId && !c.reason)?.child;
  const full = group.freeSeats <= 0;

  const send = async () => {
    if (!chosen) return;
    setProblem(null);
    try {
      const { data: result } = await submit({ variables: { input: { childId: chosen.id, groupId, idempotencyKey } } });
      const app = result!.submitApplication;
      notifications.show({
        color: 'teal',
        title: 'Заявка подана',
        message: app.status === 'WAITLISTED' ? `Мест нет — заявка в листе ожидания, место ${app.waitlistPosition}.` : 'Организация рассмотрит её и ответит; мы пришлём уведомление.',
      });
      navigate('/applications');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/programs/${program.id}`} size="sm">
        ← К программе
      </Anchor>
      <PageTitle>Запись в группу</PageTitle>
      <Card withBorder>
        <Text fw={700}>{program.title}</Text>
        <Text size="sm">
          {program.organization.shortName} · {group.name}
        </Text>
        <Text size="sm">{scheduleLine(group.schedule)}</Text>
        <Text size="sm">
          Занятия с {formatDate(group.startsOn)} по {formatDate(group.endsOn)}
        </Text>
        {program.certificateMonthlyShare != null ? (
          <Text size="sm">
            Сертификат оплачивает {formatRub(program.certificateMonthlyShare)} в месяц, ваша доплата — {formatRub(program.parentMonthlyCopayment)} в месяц.
          </Text>
        ) : (
          <Text size="sm">{program.fundingType === 'BUDGET' ? 'Бесплатно.' : `Оплачивает родитель: ${formatRub(program.monthlyPrice)} в месяц.`}</Text>
        )}
      </Card>
      {full && <Alert color="yellow">В группе сейчас нет свободных мест. Заявка встанет в лист ожидания; когда место освободится, организация сможет её подтвердить.</Alert>}
      {!group.enrollmentOpen && <Alert color="red">Набор в эту группу закрыт.</Alert>}
      {children.length === 0 ? (
        <Alert color="blue">
          Сначала добавьте ребёнка.{' '}
          <Anchor component={Link} to="/children/new">
            Добавить ребёнка
          </Anchor>
        </Alert>
      ) : (
        <Radio.Group label="Кого записываем" value={childId} onChange={setChildId} required>
          <Stack gap="sm" mt="xs">
            {children.map(({ child, reason }) => (
              <Card key={child.id} withBorder padding="sm">
                <Radio
                  value={child.id}
                  disabled={!!reason}
                  label={child.fullName}
                  description={reason ?? (child.certificate ? `Сертификат: ${child.certificate.statusLabel}` : 'Сертификат не нужен')}
                />
                {!reason && childId === child.id && (
                  <Stack mt="xs">
                    <MoneyHint program={program} group={group} child={child} />
                  </Stack>
                )}
              </Card>
            ))}
          </Stack>
        </Radio.Group>
      )}
      {problem && (
        <Alert color="red" role="alert" title="Заявка не подана">
          {problem}
        </Alert>
      )}
      <Button size="md" onClick={send} disabled={!chosen || !group.enrollmentOpen} loading={submission.loading}>
        {full ? 'Встать в лист ожидания' : 'Подать заявку'}
      </Button>
    </Stack>
  );
}

export function ApplyPage() {
  const { programId = '', groupId = '' } = useParams();
  return <RequireParent>{() => <Apply programId={programId} groupId={groupId} />}</RequireParent>;
}
