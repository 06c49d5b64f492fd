import { Table, Text } from '@mantine/core';
import { formatRub } from '@navigator/web-shared/format';
import { monthName } from './contract-status';

interface ChargeRow {
  id: string;
  month: string;
  amount: number;
  copayment: number;
  lessonsAttended?: number | null;
  lessonsPlanned?: number | null;
  comment?: string | null;
}

/** The organization's monthly charges of one contract, as the parent checks them. */
export function ContractCharges({ charges }: { charges: readonly ChargeRow[] }) {
  if (charges.length === 0) {
    return <Text size="sm">Списаний пока не было. Организация записывает оплату за каждый месяц занятий после его начала.</Text>;
  }
  const total = charges.reduce((s, c) => s + c.amount, 0);
  return (
      <Table striped horizontalSpacing="xs" aria-label="Списания по месяцам">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Месяц</Table.Th>
            <Table.Th ta="right">Сертификат</Table.Th>
            <Table.Th ta="right">Доплата</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {charges.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                {monthName(c.month)}
                {c.lessonsPlanned != null && (
                  <Text size="xs" c="dimmed">
                    занятий: {c.lessonsAttended ?? '—'} из {c.lessonsPlanned}
                  </Text>
                )}
                {c.comment && (
                  <Text size="xs" c="dimmed">
                    {c.comment}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatRub(c.amount)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatRub(c.copayment)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>Всего</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatRub(total)}
            </Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
  );
}
