import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { graphql } from '../../gql';
import type { SupportCenterCard_CenterFragment } from '../../gql/graphql';
import { PhoneLink } from '@navigator/web-shared/phone-link';

export const SupportCenterCardFragment = graphql(`
  fragment SupportCenterCard_center on SupportCenter {
    id
    name
    hostOrganization
    address
    phone
    email
    links
    isDemo
    municipality {
      id
      name
    }
  }
`);

const href = (link: string) => (/^https?:\/\//.test(link) ? link : `https://${link}`);

export function SupportCenterCard({ center, highlighted = false }: { center: SupportCenterCard_CenterFragment; highlighted?: boolean }) {
  return (
    <Card withBorder padding="md" bd={highlighted ? '2px solid var(--mantine-primary-color-filled)' : undefined}>
      <Stack gap={4}>
        <Group gap="xs">
          <Text fw={700}>{center.municipality.name}</Text>
          {center.isDemo && (
            <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
              демо-контакты
            </Badge>
          )}
        </Group>
        <Text size="sm">{center.name}</Text>
        <Text size="sm">На базе: {center.hostOrganization}</Text>
        <Text size="sm">Адрес: {center.address}</Text>
        <Text size="sm">
          Телефон: <PhoneLink phone={center.phone} />
        </Text>
        {center.email && (
          <Text size="sm">
            Почта: <Anchor href={`mailto:${center.email}`}>{center.email}</Anchor>
          </Text>
        )}
        {center.links.map((link) => (
          <Anchor key={link} href={href(link)} target="_blank" rel="noopener noreferrer" size="sm">
            {link}
          </Anchor>
        ))}
      </Stack>
    </Card>
  );
}
