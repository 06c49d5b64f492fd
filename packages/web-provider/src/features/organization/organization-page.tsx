import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { withFeedback } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import type { MyOrganizationQuery, OrganizationType } from '../../gql/graphql';
import { formatDate } from '@navigator/web-shared/format';
import { options, organizationTypeLabels } from '@navigator/web-shared/labels';

const MyOrganizationDocument = graphql(`
  query MyOrganization {
    myOrganization {
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
      pfConnectedAt
      municipality {
        id
        name
      }
    }
  }
`);

const UpdateOrganizationDocument = graphql(`
  mutation UpdateOrganization($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) {
      id
    }
  }
`);

type Organization = MyOrganizationQuery['myOrganization'];

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
  const { data, loading, error } = useQuery(MyOrganizationDocument);
  const [editing, setEditing] = useState(false);
  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  const org = data!.myOrganization;
  return (
    <Stack>
      <PageHeader
        title={org.shortName}
        description={org.name}
        actions={
          <>
            <Badge color={org.pfConnected ? 'green' : 'gray'} size="lg" variant="light" style={{ textTransform: 'none' }}>
              {org.pfConnected ? (org.pfConnectedAt ? `Подключена к ПФ ДОД с ${formatDate(org.pfConnectedAt)}` : 'Подключена к ПФ ДОД') : 'Не подключена к ПФ ДОД'}
            </Badge>
            <Button variant="default" onClick={() => setEditing(true)}>
              Редактировать
            </Button>
          </>
        }
      />
      {!org.pfConnected && (
        <Text size="sm" c="dimmed">
          Чтобы вести программы с оплатой сертификатом, заполните номер и дату лицензии и попросите МОЦ подключить организацию к персонифицированному финансированию.
        </Text>
      )}
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
          <Text size="sm" mt="md">
            {org.description}
          </Text>
        )}
      </Card>
      <Modal opened={editing} onClose={() => setEditing(false)} title="Профиль организации" size="xl">
        <OrganizationForm organization={org} onDone={() => setEditing(false)} />
      </Modal>
    </Stack>
  );
}

function OrganizationForm({ organization: org, onDone }: { organization: Organization; onDone: () => void }) {
  const [update, { loading }] = useMutation(UpdateOrganizationDocument, { refetchQueries: ['MyOrganization'] });
  const form = useForm({
    initialValues: {
      name: org.name,
      shortName: org.shortName,
      type: org.type as OrganizationType,
      inn: org.inn ?? '',
      licenseNumber: org.licenseNumber ?? '',
      licenseDate: org.licenseDate ?? null,
      address: org.address,
      phone: org.phone ?? '',
      email: org.email ?? '',
      website: org.website ?? '',
      description: org.description ?? '',
    },
  });
  const blankToNull = (v: string) => v.trim() || null;
  const submit = form.onSubmit(async (v) => {
    const input = {
      name: v.name.trim(),
      shortName: v.shortName.trim(),
      type: v.type,
      inn: blankToNull(v.inn),
      licenseNumber: blankToNull(v.licenseNumber),
      licenseDate: v.licenseDate || null,
      address: v.address.trim(),
      phone: blankToNull(v.phone),
      email: blankToNull(v.email),
      website: blankToNull(v.website),
      description: blankToNull(v.description),
    };
    if (await withFeedback(update({ variables: { input } }), 'Профиль сохранён', 'Профиль не сохранён')) onDone();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="Полное наименование" {...form.getInputProps('name')} />
        <SimpleGrid cols={3}>
          <TextInput label="Краткое наименование" {...form.getInputProps('shortName')} />
          <Select label="Тип" data={options(organizationTypeLabels)} allowDeselect={false} {...form.getInputProps('type')} />
          <TextInput label="ИНН" {...form.getInputProps('inn')} />
          <TextInput label="Номер лицензии" {...form.getInputProps('licenseNumber')} />
          <DateInput label="Дата лицензии" valueFormat="DD.MM.YYYY" clearable {...form.getInputProps('licenseDate')} />
          <TextInput label="Телефон" {...form.getInputProps('phone')} />
          <TextInput label="Эл. почта" {...form.getInputProps('email')} />
          <TextInput label="Сайт" placeholder="https://" {...form.getInputProps('website')} />
        </SimpleGrid>
        <TextInput label="Адрес" {...form.getInputProps('address')} />
        <Textarea label="Об организации" autosize minRows={3} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Отмена
          </Button>
          <Button type="submit" loading={loading}>
            Сохранить
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
