import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Collapse, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconSearch } from '@tabler/icons-react';
import { Suspense, lazy, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { plural } from '@navigator/web-shared/format';
import { ProgramCard } from './program-card';
import { type CatalogSearch, activeFilterCount, readSearch, writeSearch } from './search-params';
import { CatalogSearchQuery, catalogVariables } from './catalog-query';
import { useFirstScreen } from './first-screen';
import { FreezeNotice } from '../certificates/freeze-notice';
import { useCurrentUser } from '../../lib/current-user';

const CatalogMunicipalitiesQuery = graphql(`
  query CatalogMunicipalities {
    municipalities {
      id
      name
    }
  }
`);

// Six selects are most of the page's code and of its first render, and most visits never open them: they are
// loaded and rendered when the filters are first opened (the closed panel keeps its id for aria-controls).
const CatalogFilters = lazy(() => import('./catalog-filters').then((m) => ({ default: m.CatalogFilters })));

export function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const search = readSearch(params);
  const [text, setText] = useState(search.text);
  // The box follows the address when it changes (back, «Сбросить»), during render: an effect would also run once
  // after the first paint and wipe what a quick typist on a slow phone had already typed.
  const [addressText, setAddressText] = useState(search.text);
  if (addressText !== search.text) {
    setAddressText(search.text);
    setText(search.text);
  }
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const [filtersUsed, setFiltersUsed] = useState(false);
  const { user } = useCurrentUser();

  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(CatalogSearchQuery, {
    variables: catalogVariables(search),
    notifyOnNetworkStatusChange: true,
  });
  // Names are needed for the filters and to name a chosen municipality; a first visit has neither, so it does not ask.
  const municipalities = useQuery(CatalogMunicipalitiesQuery, { skip: !filtersUsed && !search.municipalityId });
  const shown = data ?? previousData;
  const facets = shown?.programs.facets;
  const municipalityName = new Map((municipalities.data?.municipalities ?? []).map((m) => [m.id, m.name]));

  const update = (patch: Partial<CatalogSearch>) => setParams(writeSearch({ ...search, ...patch }));

  const loadMore = () =>
    fetchMore({
      variables: { after: shown?.programs.pageInfo.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({
        programs: { ...fetchMoreResult.programs, edges: [...prev.programs.edges, ...fetchMoreResult.programs.edges] },
      }),
    });

  const filterCount = activeFilterCount(search);
  const cards = useFirstScreen(shown?.programs.edges ?? []);

  return (
    <Stack gap="md">
      <PageTitle>Найти кружок или секцию</PageTitle>
      <FreezeNotice municipalityId={search.municipalityId ?? user?.municipalityId} />
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update({ text });
        }}
      >
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            flex={1}
            label="Что ищем"
            placeholder="Например, робототехника или плавание"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            type="search"
            leftSection={<IconSearch size={18} aria-hidden />}
          />
          <Button type="submit">Найти</Button>
        </Group>
      </form>

      <Group justify="space-between">
        <Button variant="default" leftSection={<IconAdjustments size={18} aria-hidden />} onClick={() => {
            setFiltersUsed(true);
            toggleFilters();
          }} aria-expanded={filtersOpen} aria-controls="catalog-filters">
          Фильтры{filterCount ? ` (${filterCount})` : ''}
        </Button>
        {filterCount > 0 && (
          <Button variant="subtle" onClick={() => setParams(writeSearch({ ...readSearch(new URLSearchParams()), text: search.text }))}>
            Сбросить фильтры
          </Button>
        )}
      </Group>

      <Collapse in={filtersOpen} id="catalog-filters">
        {filtersUsed && (
          <Suspense fallback={<Loading />}>
            <CatalogFilters search={search} update={update} facets={facets} municipalities={municipalities.data?.municipalities ?? []} />
          </Suspense>
        )}
      </Collapse>

      {error && <ErrorNotice error={error} onRetry={() => refetch()} title="Поиск не удался" />}
      {!shown && loading && <Loading label="Ищем программы…" />}
      {shown && (
        <Stack gap="sm" aria-busy={loading}>
          <Text aria-live="polite" fw={600}>
            {loading && networkStatus !== NetworkStatus.fetchMore
              ? 'Ищем…'
              : `Найдено: ${shown.programs.totalCount} ${plural(shown.programs.totalCount, 'программа', 'программы', 'программ')}`}
            {search.municipalityId && municipalityName.get(search.municipalityId) ? ` · ${municipalityName.get(search.municipalityId)}` : ''}
          </Text>
          {shown.programs.fuzzy && shown.programs.totalCount > 0 && (
            <Alert color="yellow">Точных совпадений не нашлось — показываем похожие по написанию. Проверьте, нет ли опечатки.</Alert>
          )}
          {shown.programs.totalCount === 0 && <Text>Ничего не нашлось. Попробуйте другие слова или уберите часть фильтров.</Text>}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {cards.map(({ node }) => (
              <ProgramCard key={node.id} program={node} />
            ))}
          </SimpleGrid>
          {shown.programs.pageInfo.hasNextPage && (
            <Button variant="light" onClick={loadMore} loading={networkStatus === NetworkStatus.fetchMore} mx="auto">
              Показать ещё
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
