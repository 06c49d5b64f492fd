import { ActionIcon, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { formatMonth } from '@navigator/web-shared/format';
import { currentMonth, isMonth, shiftMonth } from '../lib/month';

/** The month a page shows, kept in `?month=YYYY-MM`; this month by default. */
export function useMonthParam(): [string, (month: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('month');
  const month = isMonth(value) ? value : currentMonth();
  const set = (next: string) => {
    const copy = new URLSearchParams(params);
    copy.set('month', next);
    setParams(copy);
  };
  return [month, set];
}

export function MonthSwitcher({ month, onChange }: { month: string; onChange: (month: string) => void }) {
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon variant="default" aria-label="Предыдущий месяц" onClick={() => onChange(shiftMonth(month, -1))}>
        <IconChevronLeft size={16} />
      </ActionIcon>
      <Text fw={600} w={150} ta="center" data-testid="month">
        {formatMonth(month)}
      </Text>
      <ActionIcon variant="default" aria-label="Следующий месяц" onClick={() => onChange(shiftMonth(month, 1))} disabled={month >= currentMonth()}>
        <IconChevronRight size={16} />
      </ActionIcon>
    </Group>
  );
}
