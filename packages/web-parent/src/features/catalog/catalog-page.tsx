import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Checkbox, Collapse, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { plural } from '@navigator/web-shared/format';
import { directionLabels, formatLabels, fundingLabelsForParents, programOrderLabels } from '@navigator/web-shared/labels';
import { ProgramCard } from './program-card';
import { type CatalogSearch, activeFilterCount, readSearch, writeSearch } from './search-params';
import { CatalogSearchQuery, catalogVariables } from './catalog-query';
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

const AGES = Array.from({ length: 14 }, (_, i) => i + 5);

function countOf(facets: { value: string; count: number }[] | undefined, value: string): number {
  return facets?.find((f) => f.value === value)?.count ?? 0;
}

export function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const search = readSearch(params);
  const [text, setText] = useState(search.text);
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const { user } = useCurrentUser();
  // The box follows the address when it changes (back, «Сбросить»), during render: an effect would also run once
  // after the first paint and wipe what a quick typist on a slow phone had already typed.
  const [addressText, setAddressText] = useState(search.text);
  if (addressText !== search.text) {
    setAddressText(search.text);
    setText(search.text);
  }

  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(CatalogSearchQuery, {
    variables: catalogVariables(search),
    notifyOnNetworkStatusChange: true,
  });
  const municipalities = useQuery(CatalogMunicipalitiesQuery);
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
        <Button variant="default" leftSection={<IconAdjustments size={18} aria-hidden />} onClick={toggleFilters} aria-expanded={filtersOpen} aria-controls="catalog-filters">
          Фильтры{filterCount ? ` (${filterCount})` : ''}
        </Button>
        {filterCount > 0 && (
          <Button variant="subtle" onClick={() => setParams(writeSearch({ ...readSearch(new URLSearchParams()), text: search.text }))}>
            Сбросить фильтры
          </Button>
        )}
      </Group>

      <Collapse in={filtersOpen} id="catalog-filters">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <Select
            label="Муниципалитет"
            placeholder="Все муниципалитеты"
            searchable
            clearable
            value={search.municipalityId}
            onChange={(v) => update({ municipalityId: v })}
            data={(municipalities.data?.municipalities ?? []).map((m) => ({ value: m.id, label: `${m.name} (${countOf(facets?.municipalities, m.id)})` }))}
            nothingFoundMessage="Нет такого муниципалитета"
          />
          <Select
            label="Направленность"
            placeholder="Любая"
            clearable
            value={search.direction}
            onChange={(v) => update({ direction: v as CatalogSearch['direction'] })}
            data={Object.entries(directionLabels).map(([value, label]) => ({ value, label: `${label} (${countOf(facets?.directions, value)})` }))}
          />
          <Select
            label="Возраст ребёнка"
            placeholder="Любой"
            clearable
            value={search.age === null ? null : String(search.age)}
            onChange={(v) => update({ age: v ? Number(v) : null })}
            data={AGES.map((a) => ({ value: String(a), label: `${a} ${plural(a, 'год', 'года', 'лет')}` }))}
          />
          <Select
            label="Оплата"
            placeholder="Любая"
            clearable
            value={search.fundingType}
            onChange={(v) => update({ fundingType: v as CatalogSearch['fundingType'] })}
            data={Object.entries(fundingLabelsForParents).map(([value, label]) => ({ value, label: `${label} (${countOf(facets?.fundingTypes, value)})` }))}
          />
          <Select
            label="Формат занятий"
            placeholder="Любой"
            clearable
            value={search.format}
            onChange={(v) => update({ format: v as CatalogSearch['format'] })}
            data={Object.entries(formatLabels).map(([value, label]) => ({ value, label }))}
          />
          <Select
            label="Порядок"
            value={search.orderBy}
            allowDeselect={false}
            onChange={(v) => update({ orderBy: (v ?? 'RELEVANCE') as CatalogSearch['orderBy'] })}
            data={Object.entries(programOrderLabels).map(([value, label]) => ({ value, label }))}
          />
          <Checkbox label="Только со свободными местами" checked={search.hasFreeSeats} onChange={(e) => update({ hasFreeSeats: e.currentTarget.checked })} mt={{ sm: 'xl' }} />
        </SimpleGrid>
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
            {shown.programs.edges.map(({ node }) => (
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
