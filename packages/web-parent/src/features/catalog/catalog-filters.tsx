import { Checkbox, Select, SimpleGrid } from '@mantine/core';
import { plural } from '@navigator/web-shared/format';
import { directionLabels, formatLabels, fundingLabelsForParents, programOrderLabels } from '@navigator/web-shared/labels';
import type { CatalogSearchQuery } from '../../gql/graphql';
import type { CatalogSearch } from './search-params';

const AGES = Array.from({ length: 14 }, (_, i) => i + 5);

type Facets = CatalogSearchQuery['programs']['facets'];

function countOf(facets: { value: string; count: number }[] | undefined, value: string): number {
  return facets?.find((f) => f.value === value)?.count ?? 0;
}

/** The catalog's filters, each option with the number of programs it would find. */
export function CatalogFilters({
  search,
  update,
  facets,
  municipalities,
}: {
  search: CatalogSearch;
  update: (patch: Partial<CatalogSearch>) => void;
  facets: Facets | undefined;
  municipalities: { id: string; name: string }[];
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
      <Select
        label="Муниципалитет"
        placeholder="Все муниципалитеты"
        searchable
        clearable
        value={search.municipalityId}
        onChange={(v) => update({ municipalityId: v })}
        data={municipalities.map((m) => ({ value: m.id, label: `${m.name} (${countOf(facets?.municipalities, m.id)})` }))}
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
  );
}
