import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AccountSummary } from '../../components/account-summary';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { NotFound } from '../../components/not-found';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { RequireParent } from '../../components/require-parent';
import { graphql } from '../../gql';
import type { ContractPageQuery } from '../../gql/graphql';
import { describeError } from '@navigator/web-shared/errors';
import { formatDate, formatDateTime, formatRub, plural } from '@navigator/web-shared/format';
import { newIdempotencyKey } from '@navigator/web-shared/idempotency';
import { contractStatusText } from './contract-status';
import { ContractCharges } from './contract-charges';
import { FundingPlanTable } from './funding-plan-table';
import { blockedNow, fundedSoFar } from './funding-plan';

const ContractPageQuery = graphql(`
  query ContractPage($id: ID!) {
    contract(id: $id) {
      id
      number
      status
      text
      fundingType
      startsOn
      endsOn
      months
      monthlyPrice
      certificateMonthlyShare
      parentMonthlyCopayment
      certificateTotal
      fundingDeadline
      fundingPlan {
        year
        startsOn
        endsOn
        months
        certificateAmount
        parentAmount
        state
      }
      offeredAt
      offerExpiresAt
      signedAt
      closedAt
      closeReason
      child {
        id
        fullName
      }
      program {
        id
        title
      }
      group {
        id
        name
      }
      organization {
        id
        shortName
      }
      certificate {
        id
        number
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
      }
      charges {
        id
        month
        amount
        copayment
        lessonsAttended
        lessonsPlanned
        comment
      }
    }
  }
`);

const SignContractMutation = graphql(`
  mutation SignContract($input: SignContractInput!) {
    signContract(input: $input) {
      id
      status
      signedAt
    }
  }
`);

const PayContractMyselfMutation = graphql(`
  mutation PayContractMyself($input: PayContractMyselfInput!) {
    payContractMyself(input: $input) {
      id
      status
      fundingDeadline
    }
  }
`);

const TerminateContractMutation = graphql(`
  mutation TerminateContract($input: TerminateContractInput!) {
    terminateContract(input: $input) {
      id
      status
      closedAt
      closeReason
    }
  }
`);

type Contract = NonNullable<ContractPageQuery['contract']>;

function MoneyTerms({ contract }: { contract: Contract }) {
  const byCertificate = !!contract.certificate;
  const running = contract.status === 'OFFERED' || contract.status === 'ACTIVE' || contract.status === 'AWAITING_FUNDING';
  return (
    <List spacing={4} listStyleType="none" pl={0}>
      <List.Item>
        Срок: с {formatDate(contract.startsOn)} по {formatDate(contract.endsOn)}
        {/* The month count is fixed at the offer; after an early end only the dates tell the truth. */}
        {running && ` (${contract.months} ${plural(contract.months, 'месяц', 'месяца', 'месяцев')}, до конца занятий группы)`}
      </List.Item>
      <List.Item>Стоимость: {formatRub(contract.monthlyPrice)} в месяц</List.Item>
      {byCertificate && <List.Item>Сертификат оплачивает: {formatRub(contract.certificateMonthlyShare)} в месяц</List.Item>}
      <List.Item>Ваша доплата: {formatRub(contract.parentMonthlyCopayment)} в месяц</List.Item>
      {byCertificate && (
        <List.Item fw={700} data-testid="certificate-total">
          {contract.status === 'OFFERED'
            ? `Заблокировано на сертификате под этот договор: ${formatRub(blockedNow(contract.fundingPlan))}`
            : contract.status === 'ACTIVE' || contract.status === 'AWAITING_FUNDING'
              ? `Закреплено за договором (обязательства): ${formatRub(fundedSoFar(contract.fundingPlan))}`
              : `Сумма договора по сертификату: ${formatRub(contract.certificateTotal)}`}
        </List.Item>
      )}
    </List>
  );
}

function ContractView({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(ContractPageQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [sign, signing] = useMutation(SignContractMutation);
  const [terminate, terminating] = useMutation(TerminateContractMutation);
  const [payMyself, paying] = useMutation(PayContractMyselfMutation);
  const [dialog, setDialog] = useState<'sign' | 'terminate' | 'pay' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [signKey] = useState(newIdempotencyKey);
  const [payKey] = useState(newIdempotencyKey);

  if (loading && !data) return <Loading label="Открываем договор…" />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => refetch()} />;
  const contract = data?.contract;
  if (!contract) return <NotFound what="Договор не найден" />;
  const account = contract.certificate?.currentAccount;

  const open = (which: 'sign' | 'terminate' | 'pay') => {
    setProblem(null);
    setReasonError(null);
    setDialog(which);
  };

  const confirmSign = async () => {
    setProblem(null);
    try {
      await sign({ variables: { input: { contractId: contract.id, idempotencyKey: signKey } } });
      await refetch();
      setDialog(null);
      notifications.show({
        color: 'teal',
        title: 'Договор подписан',
        message: contract.certificate ? `${formatRub(blockedNow(contract.fundingPlan))} закреплены за договором и будут списываться помесячно.` : 'Ребёнок зачислен в группу.',
      });
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  const confirmPayMyself = async () => {
    setProblem(null);
    try {
      await payMyself({ variables: { input: { contractId: contract.id, idempotencyKey: payKey } } });
      await refetch();
      setDialog(null);
      notifications.show({ color: 'teal', message: 'Договор продолжается: месяцы, которые не оплатил сертификат, оплачиваете вы.' });
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  const confirmTerminate = async () => {
    if (reason.trim().length < 3) {
      setReasonError('Напишите причину, хотя бы несколько слов');
      return;
    }
    setProblem(null);
    try {
      await terminate({ variables: { input: { contractId: contract.id, reason: reason.trim() } } });
      await refetch();
      setDialog(null);
      notifications.show({ color: 'teal', message: 'Договор расторгнут с конца текущего месяца. Деньги за следующие месяцы вернулись на сертификат.' });
    } catch (e) {
      const p = describeError(e);
      if (p.fields.reason) setReasonError(p.fields.reason);
      else setProblem(p.message);
    }
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/applications" size="sm">
        ← Заявки и договоры
      </Anchor>
      <PageTitle>{`Договор № ${contract.number}`}</PageTitle>
      <Group gap="xs">
        <Badge size="lg" variant="light" color={contract.status === 'OFFERED' || contract.status === 'AWAITING_FUNDING' ? 'orange' : contract.status === 'ACTIVE' ? 'teal' : 'gray'} style={{ textTransform: 'none' }} data-testid="contract-status">
          {contractStatusText(contract)}
        </Badge>
      </Group>
      <Card withBorder>
        <Text fw={700}>{contract.program.title}</Text>
        <Text size="sm">
          {contract.child.fullName} · {contract.organization.shortName} · {contract.group.name}
        </Text>
        <Title order={2} size="h4" mt="sm" mb="xs">
          Условия
        </Title>
        <MoneyTerms contract={contract} />
        {contract.fundingPlan.length > 0 && <FundingPlanTable plan={contract.fundingPlan} byCertificate={!!contract.certificate} />}
        {contract.status === 'OFFERED' && (
          <Alert color="orange" mt="sm">
            Подпишите договор до {formatDateTime(contract.offerExpiresAt)}. Если не подписать, предложение истечёт: место в группе и заблокированная сумма освободятся.
          </Alert>
        )}
        {contract.status === 'AWAITING_FUNDING' && (
          <Alert color="orange" mt="sm" title="Нужно ваше решение" data-testid="funding-decision">
            Номинала сертификата на новый год не хватило, чтобы оплатить этот договор. Место в группе за ребёнком сохранено. До {formatDate(contract.fundingDeadline!)} выберите: оплачивать эти месяцы
            самим (по {formatRub(contract.monthlyPrice)} в месяц) или расторгнуть договор. Если не выбрать, договор прекратится в конце того месяца. Если сертификат до этого срока получит
            финансирование, договор продолжится сам.
            <Group mt="sm" gap="xs">
              <Button onClick={() => open('pay')}>Оплачивать самим</Button>
              <Button variant="default" color="red" onClick={() => open('terminate')}>
                Расторгнуть договор
              </Button>
            </Group>
          </Alert>
        )}
        {contract.signedAt && <Text size="sm" mt="sm">Подписан {formatDateTime(contract.signedAt)}</Text>}
        {contract.closedAt && (
          <Text size="sm" mt="sm">
            Закрыт {formatDateTime(contract.closedAt)}
            {contract.closeReason ? `: ${contract.closeReason}` : ''}
          </Text>
        )}
      </Card>
      {account && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Сертификат № {contract.certificate!.number}
          </Title>
          <AccountSummary account={account} periodLabel={`${account.period.year} год`} />
        </Card>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Текст договора
        </Title>
        {/* A focusable region of its own, so keyboard users can scroll the long text. */}
        <Text component="div" size="sm" style={{ whiteSpace: 'pre-wrap', maxHeight: 360, overflowY: 'auto' }} tabIndex={0} role="region" aria-label="Текст договора">
          {contract.text}
        </Text>
      </Card>
      {contract.status === 'OFFERED' && (
        <Button size="md" onClick={() => open('sign')}>
          Подписать
        </Button>
      )}
      {(contract.status === 'ACTIVE' || contract.charges.length > 0) && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Оплата по месяцам
          </Title>
          <ContractCharges charges={contract.charges} />
        </Card>
      )}
      {contract.status === 'ACTIVE' && (
        <Button variant="default" color="red" onClick={() => open('terminate')} w="fit-content">
          Расторгнуть договор
        </Button>
      )}

      <ConfirmDialog
        opened={dialog === 'sign'}
        title="Подписать договор?"
        confirmLabel="Подписать"
        loading={signing.loading}
        problem={problem}
        onConfirm={confirmSign}
        onClose={() => setDialog(null)}
      >
        <Text>
          Вы подписываете договор № {contract.number} об обучении ребёнка «{contract.child.fullName}» по программе «{contract.program.title}».
        </Text>
        {contract.certificate && (
          <Text>
            {formatRub(blockedNow(contract.fundingPlan))} на сертификате перестанут быть заблокированными и закрепятся за этим договором: каждый месяц организация будет списывать не больше{' '}
            {formatRub(contract.certificateMonthlyShare)}.
          </Text>
        )}
        {contract.parentMonthlyCopayment > 0 && <Text>Ваша доплата организации: {formatRub(contract.parentMonthlyCopayment)} в месяц.</Text>}
      </ConfirmDialog>

      <ConfirmDialog
        opened={dialog === 'pay'}
        title="Оплачивать самим?"
        confirmLabel="Да, оплачиваем сами"
        loading={paying.loading}
        problem={problem}
        onConfirm={confirmPayMyself}
        onClose={() => setDialog(null)}
      >
        <Text>
          Договор № {contract.number} продолжится. За месяцы, которые не оплатил сертификат, организация выставит вам полную стоимость: {formatRub(contract.monthlyPrice)} в месяц.
        </Text>
      </ConfirmDialog>

      <ConfirmDialog
        opened={dialog === 'terminate'}
        title="Расторгнуть договор?"
        confirmLabel="Расторгнуть"
        confirmColor="red"
        loading={terminating.loading}
        problem={problem}
        onConfirm={confirmTerminate}
        onClose={() => setDialog(null)}
      >
        <Text>Договор прекратится в конце текущего месяца; этот месяц ещё может быть оплачен. Деньги за следующие месяцы вернутся на сертификат, место в группе освободится.</Text>
        <Textarea label="Причина" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} data-autofocus />
      </ConfirmDialog>
    </Stack>
  );
}

export function ContractPage() {
  const { id = '' } = useParams();
  return <RequireParent>{() => <ContractView id={id} />}</RequireParent>;
}
