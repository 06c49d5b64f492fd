import { useQuery } from '@apollo/client/react';
import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, LoadingState } from '../../components/query-state';
import { graphql } from '../../gql';
import { useCurrentUser } from '../../lib/current-user';
import { formatDate } from '../../lib/format';
import { organizationTypeLabels } from '../../lib/labels';

const OrganizationProfileDocument = graphql(`
  query OrganizationProfile($id: ID!) {
    organization(id: $id) {
      id
      name
      shortName
      type
      inn
      licenseNumber
      licenseDate
      address
      phone
      email
      website
      description
      pfConnected
      municipality {
        id
        name
      }
    }
  }
`);

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </div>
  );
}

export function OrganizationPage() {
  const user = useCurrentUser();
  const { data, loading, error } = useQuery(OrganizationProfileDocument, { variables: { id: user.organizationId ?? '' }, skip: !user.organizationId });
  if (loading && !data) return <LoadingState />;
  if (error) return <ErrorAlert error={error} />;
  const org = data?.organization;
  if (!org) return <ErrorAlert error={new Error('Ваша учётная запись не привязана к организации. Обратитесь в МОЦ.')} title="Нет организации" />;
  return (
    <Stack>
      <PageHeader
        title={org.shortName}
        description={org.name}
        actions={
          <Badge color={org.pfConnected ? 'green' : 'gray'} size="lg" variant="light">
            {org.pfConnected ? 'Подключена к ПФ ДОД' : 'Не подключена к ПФ ДОД'}
          </Badge>
        }
      />
      <Card withBorder>
        <SimpleGrid cols={3} spacing="md">
          <Field label="Тип" value={organizationTypeLabels[org.type]} />
          <Field label="Муниципалитет" value={org.municipality.name} />
          <Field label="ИНН" value={org.inn} />
          <Field label="Лицензия" value={org.licenseNumber ? `№ ${org.licenseNumber} от ${formatDate(org.licenseDate)}` : null} />
          <Field label="Адрес" value={org.address} />
          <Field label="Телефон" value={org.phone} />
          <Field label="Эл. почта" value={org.email} />
          <Field label="Сайт" value={org.website} />
        </SimpleGrid>
        {org.description && (
          <Group mt="md">
            <Text size="sm">{org.description}</Text>
          </Group>
        )}
      </Card>
    </Stack>
  );
}
