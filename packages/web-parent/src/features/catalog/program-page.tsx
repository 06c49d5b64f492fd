import { useQuery } from '@apollo/client/react';
import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { NotFound } from '../../components/not-found';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import type { ProgramDetailsQuery } from '../../gql/graphql';
import { formatRub, plural } from '@navigator/web-shared/format';
import { directionLabels, formatLabels, ageRange } from '@navigator/web-shared/labels';
import { PhoneLink } from '@navigator/web-shared/phone-link';
import { addressWithTown } from '@navigator/web-shared/russian';
import { useBackToSearch } from './back-to-search';
import { FundingBadge } from './funding-badge';
import { GroupCard } from './group-card';

const ProgramDetailsQuery = graphql(`
  query ProgramDetails($id: ID!) {
    program(id: $id) {
      id
      title
      description
      direction
      format
      ageFrom
      ageTo
      durationMonths
      academicHours
      address
      teacher
      fundingType
      certificatePaymentAvailable
      monthlyPrice
      certificateMonthlyShare
      parentMonthlyCopayment
      municipality {
        id
        name
      }
      organization {
        id
        name
        shortName
        address
        phone
        email
        website
      }
      groups {
        id
        ...GroupCard_group
      }
    }
  }
`);

type ProgramDetails = NonNullable<ProgramDetailsQuery['program']>;

function PriceBlock({ program }: { program: ProgramDetails }) {
  if (program.fundingType === 'BUDGET') {
    return (
      <Text>
        Бесплатно: занятия оплачивает муниципалитет. Для записи нужен сертификат ребёнка — учёта или финансирования. Деньги с сертификата не списываются.
      </Text>
    );
  }
  if (program.certificateMonthlyShare === null || program.certificateMonthlyShare === undefined) {
    return (
      <Text>
        Стоимость: <b>{formatRub(program.monthlyPrice)}</b> в месяц. Оплачивает родитель, сертификат для этой программы не используется.
      </Text>
    );
  }
  return (
    <List spacing={4} listStyleType="none" pl={0}>
      <List.Item>
        Стоимость: <b>{formatRub(program.monthlyPrice)}</b> в месяц
      </List.Item>
      <List.Item>
        Сертификат оплачивает: <b>{formatRub(program.certificateMonthlyShare)}</b> в месяц
      </List.Item>
      <List.Item>
        Ваша доплата: <b>{formatRub(program.parentMonthlyCopayment)}</b> в месяц
      </List.Item>
    </List>
  );
}

export function ProgramPage() {
  const { id = '' } = useParams();
  const backToSearch = useBackToSearch();
  const { data, loading, error, refetch } = useQuery(ProgramDetailsQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <Loading label="Открываем программу…" />;
  if (error) return <ErrorNotice error={error} onRetry={() => refetch()} title="Программа не открылась" />;
  const program = data?.program;
  if (!program) return <NotFound what="Программа не найдена" />;
  const org = program.organization;

  return (
    <Stack gap="md">
      <Anchor component={Link} {...backToSearch} size="sm">
        ← К поиску
      </Anchor>
      <div>
        <PageTitle mb={6}>{program.title}</PageTitle>
        <Group gap={6}>
          <FundingBadge fundingType={program.fundingType} certificatePaymentAvailable={program.certificatePaymentAvailable} />
        </Group>
      </div>
      <Text style={{ whiteSpace: 'pre-line' }}>{program.description}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            О программе
          </Title>
          <List spacing={4} listStyleType="none" pl={0} size="sm">
            <List.Item>Направленность: {directionLabels[program.direction]}</List.Item>
            <List.Item>Возраст: {ageRange(program.ageFrom, program.ageTo)}</List.Item>
            <List.Item>
              Длительность: {program.durationMonths} {plural(program.durationMonths, 'месяц', 'месяца', 'месяцев')}, {program.academicHours}{' '}
              {plural(program.academicHours, 'академический час', 'академических часа', 'академических часов')}
            </List.Item>
            <List.Item>Формат: {formatLabels[program.format]}</List.Item>
            <List.Item>Где: {addressWithTown(program.address, program.municipality.name)}</List.Item>
            {program.teacher && <List.Item>Педагог: {program.teacher}</List.Item>}
          </List>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Сколько стоит
          </Title>
          <PriceBlock program={program} />
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Организация
        </Title>
        <Text fw={600}>{org.name}</Text>
        <Text size="sm">{org.address}</Text>
        {org.phone && (
          <Text size="sm">
            Телефон: <PhoneLink phone={org.phone} />
          </Text>
        )}
        {org.email && (
          <Text size="sm">
            Почта: <Anchor href={`mailto:${org.email}`}>{org.email}</Anchor>
          </Text>
        )}
        {org.website && (
          <Text size="sm">
            Сайт:{' '}
            <Anchor href={org.website.startsWith('http') ? org.website : `https://${org.website}`} target="_blank" rel="noopener noreferrer">
              {org.website}
            </Anchor>
          </Text>
        )}
      </Card>
      <Title order={2} size="h3">
        Группы
      </Title>
      {program.groups.length === 0 ? (
        <Text>Групп пока нет: организация ещё не открыла набор.</Text>
      ) : (
        <Stack gap="sm">
          {program.groups.map((g) => (
            <GroupCard key={g.id} group={g} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
