import { Group, RingProgress, Stack, Table, Text } from '@mantine/core';
import { formatRub } from '@navigator/web-shared/format';

export interface AccountMoney {
  nominal: number;
  blocked: number;
  committed: number;
  spent: number;
  available: number;
  expired: number;
}

const PARTS = [
  { key: 'spent', label: 'Оплачено организациям', color: 'gray.7', hint: 'уже списано за прошедшие месяцы' },
  { key: 'committed', label: 'По подписанным договорам', color: 'blue.7', hint: 'будет списываться помесячно' },
  { key: 'blocked', label: 'Заблокировано', color: 'orange.6', hint: 'зарезервировано под подтверждённые заявки до подписания договора' },
  { key: 'available', label: 'Доступно', color: 'teal.7', hint: 'можно использовать для новых заявок' },
] as const;

/** Where the certificate's money is, as a ring and in words: the question parents ask at every step. */
export function AccountSummary({ account, periodLabel }: { account: AccountMoney; periodLabel: string }) {
  const total = Math.max(account.nominal, 1);
  const sections = PARTS.filter((p) => account[p.key] > 0).map((p) => ({ value: (account[p.key] / total) * 100, color: p.color, tooltip: `${p.label}: ${formatRub(account[p.key])}` }));
  return (
    <Stack gap="sm">
      <Group align="center" gap="md" wrap="wrap">
        <RingProgress
          size={170}
          thickness={18}
          roundCaps={false}
          sections={sections}
          label={
            <Stack gap={0} align="center">
              <Text size="xs">доступно</Text>
              <Text fw={700} size="sm" ta="center">
                {formatRub(account.available)}
              </Text>
            </Stack>
          }
          aria-hidden
        />
        <Table withRowBorders={false} verticalSpacing={4} w="auto" style={{ flex: 1, minWidth: 220 }} aria-label={`Деньги сертификата, ${periodLabel}`}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>Номинал, {periodLabel}</Table.Td>
              <Table.Td ta="right" fw={700} style={{ whiteSpace: 'nowrap' }}>
                {formatRub(account.nominal)}
              </Table.Td>
            </Table.Tr>
            {PARTS.map((p) => (
              <Table.Tr key={p.key} data-part={p.key}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <span aria-hidden style={{ width: 10, height: 10, borderRadius: 5, flex: 'none', background: `var(--mantine-color-${p.color.replace('.', '-')})` }} />
                    <span>
                      {p.label}
                      <Text span size="xs" c="dimmed" display="block">
                        {p.hint}
                      </Text>
                    </span>
                  </Group>
                </Table.Td>
                <Table.Td ta="right" fw={p.key === 'available' ? 700 : 500} style={{ whiteSpace: 'nowrap' }}>
                  {formatRub(account[p.key])}
                </Table.Td>
              </Table.Tr>
            ))}
            {account.expired > 0 && (
              <Table.Tr>
                <Table.Td>Сгорело в конце периода</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRub(account.expired)}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Group>
    </Stack>
  );
}
