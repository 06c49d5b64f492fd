import { Group, Stack, Text } from '@mantine/core';
import { graphql } from '../../gql';
import type { LedgerHistory_CertificateFragment } from '../../gql/graphql';
import { formatDateTime, formatRub } from '@navigator/web-shared/format';

// A certificate sees a few dozen operations a year (credit, a block and activation per contract, monthly charges).
export const LedgerHistoryFragment = graphql(`
  fragment LedgerHistory_certificate on Certificate {
    id
    ledger(first: 100) {
      totalCount
      edges {
        node {
          id
          createdAt
          label
          reason
          amount
          availableChange
        }
      }
    }
  }
`);

type Entry = LedgerHistory_CertificateFragment['ledger']['edges'][number]['node'];

function signed(change: number): string {
  return change > 0 ? `+${formatRub(change)}` : `−${formatRub(-change)}`;
}

function LedgerLine({ entry }: { entry: Entry }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} data-testid="ledger-line">
      <div>
        <Text size="sm" fw={600}>
          {entry.label}
        </Text>
        <Text size="sm">{entry.reason}</Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(entry.createdAt)}
        </Text>
      </div>
      <div style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={600}>
          {formatRub(entry.amount)}
        </Text>
        {entry.availableChange !== 0 && (
          <Text size="xs" c={entry.availableChange > 0 ? 'teal.9' : 'orange.9'}>
            доступно {signed(entry.availableChange)}
          </Text>
        )}
      </div>
    </Group>
  );
}

/** The certificate's operations in plain lines, newest first. */
export function LedgerHistory({ certificate }: { certificate: LedgerHistory_CertificateFragment }) {
  const entries = certificate.ledger.edges.map((e) => e.node);
  if (entries.length === 0) return <Text>Операций пока не было. Деньги зачисляются, когда сертификат получает статус финансирования.</Text>;
  return (
    <Stack gap={0}>
      {entries.map((e) => (
        <LedgerLine key={e.id} entry={e} />
      ))}
      {certificate.ledger.totalCount > entries.length && (
        <Text size="sm" mt="xs">
          Показаны последние {entries.length} из {certificate.ledger.totalCount} операций. Полную выписку выдаст МОЦ.
        </Text>
      )}
    </Stack>
  );
}
