import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { withFeedback } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import type { ProgramDetailsQuery } from '../../gql/graphql';
import { formatDate, formatRub } from '@navigator/web-shared/format';
import { certificationStatusLabels, directionLabels, formatLabels, fundingTypeLabels, programStatusLabels, weekdayShort } from '@navigator/web-shared/labels';
import { GroupForm, type GroupFormValues, toGroupFields } from './group-form';
import { ProgramForm, type ProgramFormValues, toProgramInput } from './program-form';
import { ProgramHistory } from './program-history';

const ProgramDetailsDocument = graphql(`
  query ProgramDetails($id: ID!) {
    program(id: $id) {
      id
      title
      description
      direction
      format
      fundingType
      ageFrom
      ageTo
      durationMonths
      academicHours
      monthlyPrice
      normativeMonthlyCost
      certificateMonthlyShare
      parentMonthlyCopayment
      address
      teacher
      status
      certificationStatus
      certificationRejectReason
      organizationId
      groups {
        id
        name
        startsOn
        endsOn
        capacity
        seatsTaken
        freeSeats
        enrollmentOpen
        address
        teacher
        schedule {
          weekday
          startTime
          endTime
        }
      }
    }
  }
`);

const UpdateProgramDocument = graphql(`
  mutation UpdateProgram($input: UpdateProgramInput!) {
    updateProgram(input: $input) {
      id
    }
  }
`);
const PublishProgramDocument = graphql(`
  mutation PublishProgram($programId: ID!) {
    publishProgram(programId: $programId) {
      id
      status
    }
  }
`);
const ArchiveProgramDocument = graphql(`
  mutation ArchiveProgram($programId: ID!) {
    archiveProgram(programId: $programId) {
      id
      status
    }
  }
`);
const SubmitForCertificationDocument = graphql(`
  mutation SubmitProgramForCertification($programId: ID!) {
    submitProgramForCertification(programId: $programId) {
      id
      certificationStatus
    }
  }
`);
const CreateGroupDocument = graphql(`
  mutation CreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) {
      id
    }
  }
`);
const UpdateGroupDocument = graphql(`
  mutation UpdateGroup($input: UpdateGroupInput!) {
    updateGroup(input: $input) {
      id
    }
  }
`);
const OpenEnrollmentDocument = graphql(`
  mutation OpenGroupEnrollment($groupId: ID!) {
    openGroupEnrollment(groupId: $groupId) {
      id
      enrollmentOpen
    }
  }
`);
const CloseEnrollmentDocument = graphql(`
  mutation CloseGroupEnrollment($groupId: ID!) {
    closeGroupEnrollment(groupId: $groupId) {
      id
      enrollmentOpen
    }
  }
`);

type Program = NonNullable<ProgramDetailsQuery['program']>;
type ProgramGroup = Program['groups'][number];

const refetch = { refetchQueries: ['ProgramDetails', 'MyPrograms', 'ProgramHistory'] };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function toFormValues(p: Program): ProgramFormValues {
  return {
    title: p.title,
    description: p.description,
    direction: p.direction,
    ageFrom: p.ageFrom,
    ageTo: p.ageTo,
    durationMonths: p.durationMonths,
    academicHours: p.academicHours,
    format: p.format,
    fundingType: p.fundingType,
    monthlyPrice: p.monthlyPrice,
    address: p.address,
    teacher: p.teacher ?? '',
  };
}

function groupFormValues(g?: ProgramGroup): GroupFormValues {
  if (!g) return { name: '', startsOn: null, endsOn: null, capacity: 15, address: '', teacher: '', schedule: [{ weekday: '2', startTime: '15:00', endTime: '16:30' }] };
  return {
    name: g.name,
    startsOn: g.startsOn,
    endsOn: g.endsOn,
    capacity: g.capacity,
    address: g.address,
    teacher: g.teacher ?? '',
    schedule: g.schedule.map((s) => ({ weekday: String(s.weekday), startTime: s.startTime, endTime: s.endTime })),
  };
}

export function ProgramPage() {
  const { programId = '' } = useParams();
  const { data, loading, error } = useQuery(ProgramDetailsDocument, { variables: { id: programId } });
  const [editing, setEditing] = useState(false);
  const [groupEditor, setGroupEditor] = useState<{ group?: ProgramGroup } | null>(null);
  const [update, updateState] = useMutation(UpdateProgramDocument, refetch);
  const [publish, publishState] = useMutation(PublishProgramDocument, refetch);
  const [archive, archiveState] = useMutation(ArchiveProgramDocument, refetch);
  const [submit, submitState] = useMutation(SubmitForCertificationDocument, refetch);
  const [createGroup, createGroupState] = useMutation(CreateGroupDocument, refetch);
  const [updateGroup, updateGroupState] = useMutation(UpdateGroupDocument, refetch);
  const [openEnrollment] = useMutation(OpenEnrollmentDocument, refetch);
  const [closeEnrollment] = useMutation(CloseEnrollmentDocument, refetch);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  const program = data?.program;
  if (!program)
    return (
      <EmptyState title="Программа не найдена">
        Её нет или она другой организации. Вернитесь к <Link to="/programs">списку программ</Link>.
      </EmptyState>
    );

  const canSubmit = program.fundingType === 'CERTIFICATE' && (program.certificationStatus === 'NOT_SUBMITTED' || program.certificationStatus === 'REJECTED');
  const locked = program.certificationStatus === 'SUBMITTED' || program.certificationStatus === 'CERTIFIED';

  return (
    <Stack>
      <PageHeader
        title={program.title}
        description={
          <Group gap="xs" component="span">
            <StatusBadge status={program.status} labels={programStatusLabels} />
            {program.fundingType === 'CERTIFICATE' && <StatusBadge status={program.certificationStatus} labels={certificationStatusLabels} />}
          </Group>
        }
        actions={
          <>
            <Button variant="default" onClick={() => setEditing(true)}>
              Редактировать
            </Button>
            {canSubmit && (
              <Button variant="light" color="yellow" loading={submitState.loading} onClick={() => withFeedback(submit({ variables: { programId } }), 'Программа отправлена в МОЦ на сертификацию')}>
                Подать на сертификацию
              </Button>
            )}
            {program.status === 'PUBLISHED' ? (
              <Button variant="light" color="gray" loading={archiveState.loading} onClick={() => withFeedback(archive({ variables: { programId } }), 'Программа убрана из каталога')}>
                В архив
              </Button>
            ) : (
              <Button loading={publishState.loading} onClick={() => withFeedback(publish({ variables: { programId } }), 'Программа опубликована в каталоге')}>
                Опубликовать
              </Button>
            )}
          </>
        }
      />
      {program.certificationStatus === 'REJECTED' && program.certificationRejectReason && (
        <Alert color="red" title="МОЦ отказал в сертификации">
          {program.certificationRejectReason}. Исправьте программу и подайте её снова.
        </Alert>
      )}
      {program.fundingType === 'CERTIFICATE' && program.certificationStatus === 'NOT_SUBMITTED' && (
        <Alert color="blue">Оплата сертификатом станет доступна после сертификации программы в МОЦ.</Alert>
      )}
      <Card withBorder>
        <SimpleGrid cols={4} spacing="sm">
          <Fact label="Направленность">{directionLabels[program.direction]}</Fact>
          <Fact label="Форма">{formatLabels[program.format]}</Fact>
          <Fact label="Возраст">
            {program.ageFrom}–{program.ageTo} лет
          </Fact>
          <Fact label="Продолжительность">
            {program.durationMonths} мес., {program.academicHours} ак. ч
          </Fact>
          <Fact label="Оплата">{fundingTypeLabels[program.fundingType]}</Fact>
          <Fact label="Стоимость в месяц">{formatRub(program.monthlyPrice)}</Fact>
          <Fact label="Нормативная стоимость">{formatRub(program.normativeMonthlyCost)}</Fact>
          <Fact label="Сертификат платит / родитель доплачивает">
            {formatRub(program.certificateMonthlyShare)} / {formatRub(program.parentMonthlyCopayment)}
          </Fact>
          <Fact label="Адрес">{program.address}</Fact>
          <Fact label="Педагог">{program.teacher ?? '—'}</Fact>
        </SimpleGrid>
        <Text size="sm" mt="sm" c="dimmed">
          {program.description}
        </Text>
      </Card>

      <Group justify="space-between">
        <Text fw={600}>Группы</Text>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setGroupEditor({})}>
          Добавить группу
        </Button>
      </Group>
      {program.groups.length === 0 ? (
        <EmptyState title="Групп нет">Добавьте группу: даты, расписание и число мест. Без группы родители не смогут подать заявку.</EmptyState>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Группа</Table.Th>
              <Table.Th>Даты</Table.Th>
              <Table.Th>Расписание</Table.Th>
              <Table.Th ta="right">Мест</Table.Th>
              <Table.Th ta="right">Занято</Table.Th>
              <Table.Th ta="right">Свободно</Table.Th>
              <Table.Th>Приём</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {program.groups.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>{g.name}</Table.Td>
                <Table.Td>
                  {formatDate(g.startsOn)} – {formatDate(g.endsOn)}
                </Table.Td>
                <Table.Td>{g.schedule.map((s) => `${weekdayShort(s.weekday)} ${s.startTime}–${s.endTime}`).join(', ')}</Table.Td>
                <Table.Td ta="right">{g.capacity}</Table.Td>
                <Table.Td ta="right">{g.seatsTaken}</Table.Td>
                <Table.Td ta="right">{g.freeSeats}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={g.enrollmentOpen ? 'green' : 'gray'} style={{ textTransform: 'none' }}>
                    {g.enrollmentOpen ? 'открыт' : 'закрыт'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setGroupEditor({ group: g })}>
                      Изменить
                    </Button>
                    {g.enrollmentOpen ? (
                      <Button size="compact-xs" variant="subtle" color="gray" onClick={() => withFeedback(closeEnrollment({ variables: { groupId: g.id } }), `Приём в «${g.name}» закрыт`)}>
                        Закрыть приём
                      </Button>
                    ) : (
                      <Button size="compact-xs" variant="subtle" onClick={() => withFeedback(openEnrollment({ variables: { groupId: g.id } }), `Приём в «${g.name}» открыт`)}>
                        Открыть приём
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Text fw={600}>История изменений</Text>
      <ProgramHistory programId={program.id} />

      <Modal opened={editing} onClose={() => setEditing(false)} title="Программа" size="xl">
        <ProgramForm
          initialValues={toFormValues(program)}
          submitLabel="Сохранить"
          loading={updateState.loading}
          fundingLocked={locked}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            const { fundingType, ...rest } = toProgramInput(values);
            const input = { programId, ...rest, ...(locked ? {} : { fundingType }) };
            if (await withFeedback(update({ variables: { input } }), 'Программа сохранена', 'Программа не сохранена')) setEditing(false);
          }}
        />
      </Modal>
      <Modal opened={groupEditor !== null} onClose={() => setGroupEditor(null)} title={groupEditor?.group ? `Группа «${groupEditor.group.name}»` : 'Новая группа'} size="lg">
        {groupEditor && (
          <GroupForm
            initialValues={groupFormValues(groupEditor.group)}
            submitLabel={groupEditor.group ? 'Сохранить' : 'Добавить группу'}
            loading={createGroupState.loading || updateGroupState.loading}
            onCancel={() => setGroupEditor(null)}
            onSubmit={async (values) => {
              const fields = toGroupFields(values);
              const done = groupEditor.group
                ? await withFeedback(updateGroup({ variables: { input: { groupId: groupEditor.group.id, ...fields } } }), 'Группа сохранена', 'Группа не сохранена')
                : await withFeedback(createGroup({ variables: { input: { programId, ...fields } } }), 'Группа добавлена, приём открыт', 'Группа не добавлена');
              if (done) setGroupEditor(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
