import { useQuery } from '@apollo/client/react';
import { BarChart, DonutChart } from '@mantine/charts';
import { Card, Group, RingProgress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { MunicipalityPicker, useMunicipalityScope } from '../../components/municipality-picker';
import { PageHeader } from '../../components/page-header';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { formatDate, formatRub } from '@navigator/web-shared/format';
import { directionLabels } from '@navigator/web-shared/labels';

const MunicipalitySummaryDocument = graphql(`
  query MunicipalitySummary($municipalityId: ID) {
    municipalitySummary(municipalityId: $municipalityId) {
      municipalityId
      municipalitiesCounted
      periodStartsOn
      periodEndsOn
      financingIssued
      financingLimit
      nominalTotal
      blocked
      committed
      spent
      expired
      available
    }
    enrolled: applications(filter: { status: ENROLLED, municipalityId: $municipalityId }, first: 100) {
      totalCount
      edges {
        node {
          id
          program {
            id
            direction
          }
        }
      }
    }
  }
`);

const moneyParts = [
  { key: 'spent', name: 'Оплачено организациям', color: 'teal.6' },
  { key: 'committed', name: 'Зарезервировано по договорам', color: 'indigo.6' },
  { key: 'blocked', name: 'Заблокировано под оферты', color: 'yellow.6' },
  { key: 'available', name: 'Свободно', color: 'gray.4' },
  { key: 'expired', name: 'Аннулировано', color: 'red.4' },
] as const;

function periodLine(summary: { municipalityId?: string | null; municipalitiesCounted: number; periodStartsOn: string; periodEndsOn: string }): string {
  const dates = `${formatDate(summary.periodStartsOn)} – ${formatDate(summary.periodEndsOn)}`;
  if (summary.municipalityId) return `Текущий период: ${dates}`;
  return `Текущие периоды муниципалитетов (${summary.municipalitiesCounted}): ${dates}`;
}

export function SummaryPage() {
  const { municipalityId } = useMunicipalityScope();
  // No municipality is the region admin's region-wide view; an operator always has their own.
  const { data, loading, error } = useQuery(MunicipalitySummaryDocument, { variables: { municipalityId } });
  const summary = data?.municipalitySummary;

  const byDirection = new Map<string, number>();
  for (const { node } of data?.enrolled.edges ?? []) byDirection.set(node.program.direction, (byDirection.get(node.program.direction) ?? 0) + 1);
  const directionData = Object.entries(directionLabels).map(([value, label]) => ({ direction: label, children: byDirection.get(value) ?? 0 }));
  const usage = summary && summary.financingLimit > 0 ? Math.min(100, (summary.financingIssued / summary.financingLimit) * 100) : 0;

  return (
    <Stack>
      <PageHeader
        title={municipalityId ? 'Сводка муниципалитета' : 'Сводка по региону'}
        description={summary ? periodLine(summary) : 'Деньги сертификатов и зачисления в текущем периоде'}
        actions={<MunicipalityPicker allowAll />}
      />
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : summary ? (
        <>
          <SimpleGrid cols={3}>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                Сертификаты финансирования
              </Text>
              <Group gap="md" wrap="nowrap">
                <RingProgress size={90} thickness={10} sections={[{ value: usage, color: usage >= 100 ? 'red' : 'indigo' }]} label={<Text ta="center" size="xs">{Math.round(usage)}%</Text>} />
                <div>
                  <Title order={3}>
                    {summary.financingIssued} из {summary.financingLimit}
                  </Title>
                  <Text size="xs" c="dimmed">
                    выдано / лимит периода
                  </Text>
                </div>
              </Group>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                Номиналы зачислены
              </Text>
              <Title order={3}>{formatRub(summary.nominalTotal)}</Title>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                Оплачено организациям
              </Text>
              <Title order={3}>{formatRub(summary.spent)}</Title>
            </Card>
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="lg">
            <Card withBorder>
              <Text fw={600} mb="sm">
                Деньги сертификатов по состоянию
              </Text>
              <Group align="center" wrap="nowrap">
                {/* The table beside it says the same in words and numbers; the chart is its picture. */}
                <div aria-hidden>
                  <DonutChart
                    size={180}
                    thickness={28}
                    withTooltip
                    // Hidden from screen readers, so not reachable by Tab either: the table is the way in.
                    pieProps={{ rootTabIndex: -1 }}
                    valueFormatter={(v) => formatRub(v)}
                    data={moneyParts.map((p) => ({ name: p.name, value: summary[p.key], color: p.color }))}
                  />
                </div>
                <Table>
                  <Table.Tbody>
                    {moneyParts.map((p) => (
                      <Table.Tr key={p.key}>
                        <Table.Td>{p.name}</Table.Td>
                        <Table.Td ta="right">{formatRub(summary[p.key])}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Group>
            </Card>
            <Card withBorder>
              <Text fw={600} mb="sm">
                Зачислено детей по направленностям
              </Text>
              {data!.enrolled.totalCount === 0 ? (
                <Text size="sm" c="dimmed">
                  Зачислений пока нет: они появятся, когда родители подпишут договоры.
                </Text>
              ) : (
                <>
                  <BarChart h={220} data={directionData} dataKey="direction" orientation="vertical" yAxisProps={{ width: 190 }} xAxisProps={{ allowDecimals: false }} series={[{ name: 'children', label: 'Детей', color: 'indigo.6' }]} />
                  {data!.enrolled.totalCount > data!.enrolled.edges.length && (
                    <Text size="xs" c="dimmed">
                      По первым {data!.enrolled.edges.length} из {data!.enrolled.totalCount} зачислений.
                    </Text>
                  )}
                </>
              )}
            </Card>
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}
