import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { RequireParent } from '../../components/require-parent';
import { graphql } from '../../gql';
import type { MyChildrenQuery } from '../../gql/graphql';
import { formatDate, formatRub, plural } from '@navigator/web-shared/format';
import { byGender } from '@navigator/web-shared/russian';

const MyChildrenQuery = graphql(`
  query MyChildren {
    myChildren {
      id
      fullName
      gender
      age
      birthDate
      snils
      municipality {
        id
        name
      }
      certificate {
        id
        number
        status
        statusLabel
        currentAccount {
          id
          available
        }
      }
    }
  }
`);

type ChildRow = MyChildrenQuery['myChildren'][number];

const STATUS_COLORS: Record<string, string> = { FINANCING: 'teal', ACCOUNTING: 'blue', PENDING_VERIFICATION: 'yellow', SUSPENDED: 'orange', CLOSED: 'gray' };

function ChildCard({ child }: { child: ChildRow }) {
  const certificate = child.certificate;
  return (
    <Card withBorder component="article" aria-label={child.fullName}>
      <Stack gap={6}>
        <Text fw={700} size="lg">
          {child.fullName}
        </Text>
        <Text size="sm">
          {child.age} {plural(child.age, 'год', 'года', 'лет')}, {byGender(child.gender, { MALE: 'родился', FEMALE: 'родилась' })} {formatDate(child.birthDate)} · {child.municipality.name}
        </Text>
        <Text size="sm">СНИЛС: {child.snils}</Text>
        {certificate ? (
          <>
            <Group gap="xs">
              <Text size="sm">Сертификат № {certificate.number}</Text>
              <Badge color={STATUS_COLORS[certificate.status] ?? 'gray'} variant="light" style={{ textTransform: 'none' }}>
                {certificate.statusLabel}
              </Badge>
            </Group>
            {certificate.currentAccount && (
              <Text size="sm" fw={600}>
                Доступно: {formatRub(certificate.currentAccount.available)}
              </Text>
            )}
            <Group gap="xs" mt={4}>
              <Button component={Link} to={`/children/${child.id}/certificate`} size="sm">
                Сертификат и деньги
              </Button>
              {certificate.status === 'PENDING_VERIFICATION' && (
                <Button component={Link} to={`/children/${child.id}/edit`} size="sm" variant="default">
                  Изменить данные
                </Button>
              )}
            </Group>
          </>
        ) : (
          <Group gap="xs" mt={4}>
            <Button component={Link} to={`/children/${child.id}/certificate`} size="sm">
              Получить сертификат
            </Button>
            <Button component={Link} to={`/children/${child.id}/edit`} size="sm" variant="default">
              Изменить данные
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function ChildrenList() {
  // Staff and the МОЦ change these lists from their side, so every visit asks the server again.
  const { data, loading, error, refetch } = useQuery(MyChildrenQuery, { fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <Loading label="Загружаем детей…" />;
  if (error) return <ErrorNotice error={error} onRetry={() => refetch()} />;
  const children = data?.myChildren ?? [];
  return (
    <Stack>
      {children.length === 0 ? (
        <Text>
          Добавьте ребёнка, чтобы получить сертификат и записаться в кружок. Сертификат оформляется на детей от 5 до 18 лет.{' '}
          <Anchor component={Link} to="/help">
            Что такое сертификат?
          </Anchor>
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {children.map((c) => (
            <ChildCard key={c.id} child={c} />
          ))}
        </SimpleGrid>
      )}
      <Button component={Link} to="/children/new" leftSection={<IconPlus size={18} aria-hidden />} variant={children.length ? 'default' : 'filled'} w="fit-content">
        Добавить ребёнка
      </Button>
    </Stack>
  );
}

export function ChildrenPage() {
  return (
    <RequireParent>
      {() => (
        <>
          <PageTitle>Дети и сертификаты</PageTitle>
          <ChildrenList />
        </>
      )}
    </RequireParent>
  );
}
