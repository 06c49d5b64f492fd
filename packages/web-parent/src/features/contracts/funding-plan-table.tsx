import { Table, Text } from '@mantine/core';
import { formatDate, formatRub, plural } from '@navigator/web-shared/format';
import { type PlanPart, periodStateText } from './funding-plan';

interface Part extends PlanPart {
  startsOn: string;
  endsOn: string;
  months: number;
  parentAmount: number;
}

/**
 * The season split by financing periods: a school-year group spans two
 * calendar years, and each year's nominal pays its own months.
 */
export function FundingPlanTable({ plan, byCertificate }: { plan: readonly Part[]; byCertificate: boolean }) {
  return (
    <>
      <Text fw={700} mt="sm" mb={4} id="funding-plan-caption">
        Оплата по годам финансирования
      </Text>
        <Table striped horizontalSpacing="xs" aria-labelledby="funding-plan-caption" data-testid="funding-plan">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Месяцы</Table.Th>
              {byCertificate && <Table.Th ta="right">Сертификат</Table.Th>}
              <Table.Th ta="right">Вы</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.map((p) => (
              <Table.Tr key={p.year} data-year={p.year}>
                <Table.Td>
                  <span style={{ whiteSpace: 'nowrap' }}>{formatDate(p.startsOn)} –</span> <span style={{ whiteSpace: 'nowrap' }}>{formatDate(p.endsOn)}</span>
                  <Text size="xs" c="dimmed">
                    {p.months} {plural(p.months, 'месяц', 'месяца', 'месяцев')}, {p.year} год
                  </Text>
                  <Text size="sm" fw={500} data-testid="period-state">
                    {periodStateText(p)}
                  </Text>
                </Table.Td>
                {byCertificate && (
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatRub(p.certificateAmount)}
                  </Table.Td>
                )}
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRub(p.parentAmount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
    </>
  );
}
