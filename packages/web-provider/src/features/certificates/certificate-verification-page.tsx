import { useLazyQuery, useMutation } from '@apollo/client/react';
import { Alert, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { withFeedback } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { StatusBadge } from '../../components/status-badge';
import { graphql } from '../../gql';
import { formatDate, formatDateTime } from '@navigator/web-shared/format';
import { certificateStatusLabels } from '@navigator/web-shared/labels';
import { fullName } from '../../lib/people';

const CertificateByNumberDocument = graphql(`
  query CertificateByNumber($number: String!) {
    certificateByNumber(number: $number) {
      id
      number
      status
      statusReason
      validUntil
      verifiedAt
      child {
        id
        lastName
        firstName
        middleName
        birthDate
      }
      municipality {
        id
        name
      }
    }
  }
`);

const VerifyCertificateDocument = graphql(`
  mutation VerifyCertificate($certificateId: ID!) {
    verifyCertificate(certificateId: $certificateId) {
      id
      status
      verifiedAt
    }
  }
`);

const documents = ['Свидетельство о рождении (паспорт) ребёнка', 'СНИЛС ребёнка', 'Паспорт родителя (законного представителя)'];

export function CertificateVerificationPage() {
  const [number, setNumber] = useState('');
  const [checked, setChecked] = useState<string[]>([]);
  const [find, { data, loading, error, called }] = useLazyQuery(CertificateByNumberDocument, { fetchPolicy: 'network-only' });
  const [verify, verifyState] = useMutation(VerifyCertificateDocument);
  const digits = number.replace(/\D/g, '');
  const valid = /^28\d{8}$/.test(digits);
  const certificate = data?.certificateByNumber;

  return (
    <Stack maw={900}>
      <PageHeader
        title="Проверка сертификата"
        description="Родитель приходит с документами и называет номер сертификата. Найдите сертификат, сверьте документы и подтвердите проверку — сертификат станет сертификатом учёта."
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          setChecked([]);
          void find({ variables: { number: digits } });
        }}
      >
        <Group align="flex-end">
          <TextInput
            label="Номер сертификата"
            placeholder="28XXXXXXXX"
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={number && !valid ? 'Номер — 10 цифр, начинается с 28' : undefined}
            w={260}
          />
          <Button type="submit" leftSection={<IconSearch size={16} />} disabled={!valid} loading={loading}>
            Найти
          </Button>
        </Group>
      </form>
      <ErrorNotice error={error} />
      {loading && <Loading label="Ищем сертификат…" />}
      {called && !loading && !error && !certificate && (
        <Alert color="yellow" title="Сертификат не найден">
          Проверьте номер с родителем. Если сертификата нет, родитель получает его в личном кабинете на портале.
        </Alert>
      )}
      {certificate && (
        <Card withBorder>
          <Group justify="space-between" mb="sm">
            <Text fw={600}>Сертификат № {certificate.number}</Text>
            <StatusBadge status={certificate.status} labels={certificateStatusLabels} />
          </Group>
          <SimpleGrid cols={3} spacing="sm" mb="md">
            <div>
              <Text size="xs" c="dimmed">
                Ребёнок
              </Text>
              <Text size="sm">{fullName(certificate.child)}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Дата рождения
              </Text>
              <Text size="sm">{formatDate(certificate.child.birthDate)}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Муниципалитет
              </Text>
              <Text size="sm">{certificate.municipality.name}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Действует до
              </Text>
              <Text size="sm">{formatDate(certificate.validUntil)}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Документы проверены
              </Text>
              <Text size="sm">{formatDateTime(certificate.verifiedAt)}</Text>
            </div>
          </SimpleGrid>
          {certificate.statusReason && <Alert color="orange" mb="sm">{certificate.statusReason}</Alert>}
          {certificate.status === 'PENDING_VERIFICATION' ? (
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                Сверьте документы с данными сертификата:
              </Text>
              <Checkbox.Group value={checked} onChange={setChecked}>
                <Stack gap={4}>
                  {documents.map((d) => (
                    <Checkbox key={d} value={d} label={d} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Button
                w="fit-content"
                mt="xs"
                disabled={checked.length < documents.length}
                loading={verifyState.loading}
                onClick={() => withFeedback(verify({ variables: { certificateId: certificate.id } }), 'Документы проверены: сертификат учёта действует', 'Проверка не сохранена')}
              >
                Подтвердить проверку документов
              </Button>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {certificate.status === 'SUSPENDED' || certificate.status === 'CLOSED'
                ? 'Сертификат не действует. Родителю нужно обратиться в МОЦ своего муниципалитета.'
                : 'Документы по этому сертификату уже проверены; ничего делать не нужно.'}
            </Text>
          )}
        </Card>
      )}
    </Stack>
  );
}
