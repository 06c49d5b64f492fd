import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { GroupCard_GroupFragment } from '../../gql/graphql';
import { formatDate } from '@navigator/web-shared/format';
import { scheduleLine } from '@navigator/web-shared/labels';

export const GroupCardFragment = graphql(`
  fragment GroupCard_group on Group {
    id
    programId
    name
    address
    teacher
    startsOn
    endsOn
    capacity
    freeSeats
    waitlistLength
    enrollmentOpen
    schedule {
      weekday
      startTime
      endTime
    }
  }
`);

export function GroupCard({ group }: { group: GroupCard_GroupFragment }) {
  const full = group.freeSeats <= 0;
  return (
    <Card withBorder padding="md" component="section" aria-label={`Группа ${group.name}`}>
      <Stack gap={6}>
        <Text fw={700}>{group.name}</Text>
        <Text size="sm">
          {group.schedule.length
            ? scheduleLine(group.schedule)
            : 'Расписание уточняйте в организации'}
        </Text>
        <Text size="sm">Адрес: {group.address}</Text>
        {group.teacher && <Text size="sm">Педагог: {group.teacher}</Text>}
        <Text size="sm">
          Занятия с {formatDate(group.startsOn)} по {formatDate(group.endsOn)}
        </Text>
        <Group justify="space-between" align="center" mt={4}>
          <Text size="sm" fw={600} c={full ? 'orange.9' : 'teal.9'}>
            {full
              ? `Свободных мест нет${group.waitlistLength ? ` · в очереди: ${group.waitlistLength}` : ''}`
              : `Свободно мест: ${group.freeSeats} из ${group.capacity}`}
          </Text>
          {group.enrollmentOpen ? (
            <Button component={Link} to={`/programs/${group.programId}/apply/${group.id}`} variant={full ? 'light' : 'filled'}>
              {full ? 'Встать в очередь' : 'Записаться'}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              Набор закрыт
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
