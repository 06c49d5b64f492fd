import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { graphql } from '../../gql';
import type { ProgramCard_ProgramFragment } from '../../gql/graphql';
import { formatRub, plural } from '@navigator/web-shared/format';
import { directionLabels, formatLabels, ageRange, scheduleLine } from '@navigator/web-shared/labels';
import { addressWithTown } from '@navigator/web-shared/russian';
import { foundIn } from './back-to-search';
import { FundingBadge } from './funding-badge';

export const ProgramCardFragment = graphql(`
  fragment ProgramCard_program on Program {
    id
    title
    direction
    format
    ageFrom
    ageTo
    fundingType
    certificatePaymentAvailable
    monthlyPrice
    certificateMonthlyShare
    parentMonthlyCopayment
    address
    organization {
      id
      shortName
    }
    municipality {
      id
      name
    }
    groups {
      id
      enrollmentOpen
      freeSeats
      schedule {
        weekday
        startTime
        endTime
      }
    }
  }
`);

function priceLine(program: ProgramCard_ProgramFragment): string {
  if (program.fundingType === 'BUDGET') return 'Бесплатно';
  if (program.certificateMonthlyShare === null || program.certificateMonthlyShare === undefined) return `${formatRub(program.monthlyPrice)} в месяц`;
  if (program.parentMonthlyCopayment === 0) return 'Полностью за счёт сертификата';
  return `Доплата ${formatRub(program.parentMonthlyCopayment)} в месяц`;
}

/**
 * When the first group open for enrollment (else the first at all; groups come earliest start first) meets:
 * two programs of one title and organization differ mostly here and in the address.
 */
function scheduleSummary(groups: ProgramCard_ProgramFragment['groups']): string | null {
  const group = groups.find((g) => g.enrollmentOpen) ?? groups[0];
  if (!group?.schedule.length) return null;
  const others = groups.length - 1;
  return `${scheduleLine(group.schedule)}${others > 0 ? ` · ещё ${others} ${plural(others, 'группа', 'группы', 'групп')}` : ''}`;
}

export function ProgramCard({ program }: { program: ProgramCard_ProgramFragment }) {
  const location = useLocation();
  const schedule = scheduleSummary(program.groups);
  const freeSeats = program.groups.filter((g) => g.enrollmentOpen).reduce((sum, g) => sum + g.freeSeats, 0);
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`program-${program.id}`}>
      <Stack gap={6}>
        <Anchor component={Link} to={`/programs/${program.id}`} state={foundIn(location.search)} fw={700} size="lg" id={`program-${program.id}`} underline="hover">
          {program.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {program.organization.shortName}
        </Text>
        <Text size="sm">{addressWithTown(program.address, program.municipality.name)}</Text>
        <Group gap={6}>
          <FundingBadge fundingType={program.fundingType} certificatePaymentAvailable={program.certificatePaymentAvailable} />
        </Group>
        <Text size="sm">
          {directionLabels[program.direction]} · {ageRange(program.ageFrom, program.ageTo)} · {formatLabels[program.format]}
        </Text>
        {schedule && <Text size="sm">Расписание: {schedule}</Text>}
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {priceLine(program)}
          </Text>
          <Text size="sm" c={freeSeats > 0 ? 'teal.9' : 'red.9'}>
            {freeSeats > 0 ? `Свободных мест: ${freeSeats}` : 'Мест нет, можно в очередь'}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
