import { useQuery } from '@apollo/client/react';
import { Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { useCurrentUser } from '../../lib/current-user';
import { Faq } from './faq';
import { SupportCenterCard } from './support-center-card';

const SupportCentersQuery = graphql(`
  query SupportCenters {
    supportCenters {
      id
      municipalityId
      ...SupportCenterCard_center
    }
  }
`);

export function HelpPage() {
  const { user } = useCurrentUser();
  const { data, loading, error, refetch } = useQuery(SupportCentersQuery);
  const [chosen, setChosen] = useState<string | null>(null);
  const centers = [...(data?.supportCenters ?? [])].sort((a, b) => a.municipality.name.localeCompare(b.municipality.name, 'ru'));
  const municipalityId = chosen ?? user?.municipalityId ?? null;
  const mine = centers.find((c) => c.municipalityId === municipalityId);

  return (
    <Stack gap="lg">
      <PageTitle>Помощь</PageTitle>
      <section aria-labelledby="moc-title">
        <Title order={2} size="h3" id="moc-title" mb="xs">
          Ваш муниципальный опорный центр (МОЦ)
        </Title>
        <Text mb="sm">МОЦ отвечает на вопросы о регистрации, сертификатах и заявках в вашем муниципалитете.</Text>
        {loading && !data && <Loading label="Загружаем контакты МОЦ…" />}
        {error && <ErrorNotice error={error} onRetry={() => refetch()} />}
        {data && (
          <Stack gap="sm">
            <Select
              label="Муниципалитет"
              placeholder="Выберите муниципалитет"
              searchable
              value={municipalityId}
              onChange={setChosen}
              data={centers.map((c) => ({ value: c.municipalityId, label: c.municipality.name }))}
              maw={420}
            />
            {mine ? <SupportCenterCard center={mine} highlighted /> : <Text>Выберите муниципалитет, чтобы увидеть контакты его МОЦ.</Text>}
          </Stack>
        )}
      </section>
      <section aria-labelledby="faq-title">
        <Title order={2} size="h3" id="faq-title" mb="xs">
          Частые вопросы
        </Title>
        <Faq />
      </section>
      {data && (
        <section aria-labelledby="all-moc-title">
          <Title order={2} size="h3" id="all-moc-title" mb="xs">
            Все МОЦ Амурской области ({centers.length})
          </Title>
          <Text size="sm" mb="sm">
            Региональный модельный центр публикует список на{' '}
            <a href="https://dopportal.amurobl.ru/blog/31" target="_blank" rel="noopener noreferrer">
              dopportal.amurobl.ru
            </a>
            .
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {centers.map((c) => (
              <SupportCenterCard key={c.id} center={c} />
            ))}
          </SimpleGrid>
        </section>
      )}
    </Stack>
  );
}
