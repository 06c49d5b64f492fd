import type { Direction, FundingType, ProgramFilter, ProgramFormat, ProgramOrder } from '../../gql/graphql';
import { directionLabels, formatLabels, fundingLabelsForParents, programOrderLabels } from '@navigator/web-shared/labels';

/** The catalog search as it lives in the address bar, so a search can be bookmarked, shared and reloaded. */
export interface CatalogSearch {
  text: string;
  municipalityId: string | null;
  direction: Direction | null;
  age: number | null;
  fundingType: FundingType | null;
  format: ProgramFormat | null;
  hasFreeSeats: boolean;
  orderBy: ProgramOrder;
}

const oneOf = <T extends string>(labels: Record<T, string>, value: string | null): T | null => (value && value in labels ? (value as T) : null);

export function readSearch(params: URLSearchParams): CatalogSearch {
  const age = Number(params.get('age'));
  return {
    text: params.get('q') ?? '',
    municipalityId: params.get('municipality') || null,
    direction: oneOf(directionLabels, params.get('direction')),
    age: Number.isInteger(age) && age >= 1 && age <= 18 ? age : null,
    fundingType: oneOf(fundingLabelsForParents, params.get('funding')),
    format: oneOf(formatLabels, params.get('format')),
    hasFreeSeats: params.get('free') === '1',
    orderBy: oneOf(programOrderLabels, params.get('order')) ?? 'RELEVANCE',
  };
}

export function writeSearch(search: CatalogSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.text.trim()) params.set('q', search.text.trim());
  if (search.municipalityId) params.set('municipality', search.municipalityId);
  if (search.direction) params.set('direction', search.direction);
  if (search.age !== null) params.set('age', String(search.age));
  if (search.fundingType) params.set('funding', search.fundingType);
  if (search.format) params.set('format', search.format);
  if (search.hasFreeSeats) params.set('free', '1');
  if (search.orderBy !== 'RELEVANCE') params.set('order', search.orderBy);
  return params;
}

export function toFilter(search: CatalogSearch): ProgramFilter {
  return {
    text: search.text.trim() || null,
    municipalityId: search.municipalityId,
    direction: search.direction,
    age: search.age,
    fundingType: search.fundingType,
    format: search.format,
    hasFreeSeats: search.hasFreeSeats || null,
  };
}

/** How many filters narrow the search (the text and the order do not count). */
export function activeFilterCount(search: CatalogSearch): number {
  return [search.municipalityId, search.direction, search.age, search.fundingType, search.format].filter((v) => v !== null).length + (search.hasFreeSeats ? 1 : 0);
}
