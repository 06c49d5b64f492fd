import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { MoneyInput } from '../../components/money-input';
import { MunicipalityPicker, useMunicipalityScope } from '../../components/municipality-picker';
import { withFeedback } from '../../components/notify';
import { ReasonForm } from '../../components/reason-form';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import type { ProgramsAwaitingCertificationQuery } from '../../gql/graphql';
import { formatDateTime, formatRub } from '@navigator/web-shared/format';
import { directionLabels } from '@navigator/web-shared/labels';

const ProgramsAwaitingCertificationDocument = graphql(`
  query ProgramsAwaitingCertification($municipalityId: ID) {
    programsAwaitingCertification(municipalityId: $municipalityId) {
      id
      title
      description
      direction
      ageFrom
      ageTo
      durationMonths
      academicHours
      monthlyPrice
      certificationSubmittedAt
      municipality {
        id
        name
      }
      organization {
        id
        shortName
        pfConnected
        licenseNumber
      }
    }
  }
`);

const CertifyProgramDocument = graphql(`
  mutation CertifyProgram($input: CertifyProgramInput!) {
    certifyProgram(input: $input) {
      id
      certificationStatus
      normativeMonthlyCost
    }
  }
`);
const RejectCertificationDocument = graphql(`
  mutation RejectProgramCertification($input: RejectProgramCertificationInput!) {
    rejectProgramCertification(input: $input) {
      id
      certificationStatus
    }
  }
`);
const ConnectToFinancingDocument = graphql(`
  mutation ConnectOrganizationToFinancing($organizationId: ID!) {
    connectOrganizationToFinancing(organizationId: $organizationId) {
      id
      pfConnected
    }
  }
`);

type AwaitingProgram = ProgramsAwaitingCertificationQuery['programsAwaitingCertification'][number];
const refetch = { refetchQueries: ['ProgramsAwaitingCertification'] };

export function CertificationPage() {
  const { municipalityId } = useMunicipalityScope();
  const { data, loading, error } = useQuery(ProgramsAwaitingCertificationDocument, { variables: { municipalityId } });
  const [decision, setDecision] = useState<{ program: AwaitingProgram; kind: 'certify' | 'reject' } | null>(null);
  const [connect] = useMutation(ConnectToFinancingDocument, refetch);
  const programs = data?.programsAwaitingCertification ?? [];
  return (
    <Stack>
      <PageHeader
        title="Сертификация программ"
        description="Программы, поданные организациями на сертификацию, в порядке подачи. Сертифицируйте с нормативной стоимостью или отклоните с причиной."
        actions={<MunicipalityPicker allowAll />}
      />
      <ErrorNotice error={error} />
      {loading && !data ? (
        <Loading />
      ) : programs.length === 0 ? (
        <EmptyState title="Заявок на сертификацию нет">Когда организация подаст программу на сертификацию, она появится здесь.</EmptyState>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Подана</Table.Th>
              <Table.Th>Программа</Table.Th>
              <Table.Th>Организация</Table.Th>
              <Table.Th>Направленность</Table.Th>
              <Table.Th>Возраст</Table.Th>
              <Table.Th>Объём</Table.Th>
              <Table.Th ta="right">Цена в месяц</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {programs.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{formatDateTime(p.certificationSubmittedAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {p.title}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2} maw={420}>
                    {p.description}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm">{p.organization.shortName}</Text>
                    {p.organization.pfConnected ? (
                      <Badge size="xs" color="green" variant="light" style={{ textTransform: 'none' }}>
                        подключена к ПФ
                      </Badge>
                    ) : (
                      <Anchor
                        component="button"
                        size="xs"
                        onClick={() => withFeedback(connect({ variables: { organizationId: p.organization.id } }), `«${p.organization.shortName}» подключена к ПФ ДОД`, 'Не подключена')}
                      >
                        Подключить к ПФ ДОД
                      </Anchor>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>{directionLabels[p.direction]}</Table.Td>
                <Table.Td>
                  {p.ageFrom}–{p.ageTo}
                </Table.Td>
                <Table.Td>
                  {p.durationMonths} мес., {p.academicHours} ч
                </Table.Td>
                <Table.Td ta="right">{formatRub(p.monthlyPrice)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <Button size="compact-sm" onClick={() => setDecision({ program: p, kind: 'certify' })}>
                      Сертифицировать
                    </Button>
                    <Button size="compact-sm" variant="light" color="red" onClick={() => setDecision({ program: p, kind: 'reject' })}>
                      Отклонить
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={decision !== null} onClose={() => setDecision(null)} title={decision?.program.title} size="md">
        {decision?.kind === 'certify' && <CertifyForm program={decision.program} onDone={() => setDecision(null)} />}
        {decision?.kind === 'reject' && <RejectForm program={decision.program} onDone={() => setDecision(null)} />}
      </Modal>
    </Stack>
  );
}

function CertifyForm({ program, onDone }: { program: AwaitingProgram; onDone: () => void }) {
  const [cost, setCost] = useState<number | null>(program.monthlyPrice);
  const [certify, { loading }] = useMutation(CertifyProgramDocument, refetch);
  const share = cost === null ? null : Math.min(cost, program.monthlyPrice);
  return (
    <Stack>
      <MoneyInput label="Нормативная стоимость в месяц" description="Больше этой суммы сертификат в месяц не платит" value={cost} onChange={setCost} data-autofocus />
      <Text size="sm">
        Сертификат будет платить {formatRub(share)} в месяц, родитель доплачивать {formatRub(share === null ? null : program.monthlyPrice - share)}.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Отмена
        </Button>
        <Button
          loading={loading}
          disabled={!cost}
          onClick={async () => {
            if (await withFeedback(certify({ variables: { input: { programId: program.id, normativeMonthlyCost: cost! } } }), 'Программа сертифицирована', 'Не сертифицирована')) onDone();
          }}
        >
          Сертифицировать
        </Button>
      </Group>
    </Stack>
  );
}

function RejectForm({ program, onDone }: { program: AwaitingProgram; onDone: () => void }) {
  const [reject, { loading }] = useMutation(RejectCertificationDocument, refetch);
  return (
    <ReasonForm
      label="Причина отказа"
      description="Её увидит организация: напишите, что исправить перед повторной подачей"
      submitLabel="Отклонить"
      minLength={5}
      loading={loading}
      onClose={onDone}
      onSubmit={(reason) => withFeedback(reject({ variables: { input: { programId: program.id, reason } } }), 'Программа отклонена, организация увидит причину', 'Не отклонена')}
    />
  );
}
