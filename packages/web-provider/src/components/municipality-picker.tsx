import { useQuery } from '@apollo/client/react';
import { Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { graphql } from '../gql';
import { useCurrentUser } from '../lib/current-user';

const MunicipalityOptionsDocument = graphql(`
  query MunicipalityOptions {
    municipalities {
      id
      name
    }
  }
`);

/**
 * Which municipality an operator page shows: an operator's own, fixed; the region admin (РМЦ) picks one,
 * kept in `?m=` so the choice survives reloads and links.
 */
export function useMunicipalityScope(): { municipalityId: string | null; canPick: boolean } {
  const user = useCurrentUser();
  const [params] = useSearchParams();
  if (user.role === 'REGION_ADMIN') return { municipalityId: params.get('m'), canPick: true };
  return { municipalityId: user.municipalityId ?? null, canPick: false };
}

export function MunicipalityPicker({ allowAll = false }: { allowAll?: boolean }) {
  const { municipalityId, canPick } = useMunicipalityScope();
  const [params, setParams] = useSearchParams();
  const { data } = useQuery(MunicipalityOptionsDocument, { fetchPolicy: 'cache-first' });
  const municipalities = data?.municipalities ?? [];
  if (!canPick) {
    const own = municipalities.find((m) => m.id === municipalityId);
    return own ? <span>{own.name}</span> : null;
  }
  return (
    <Select
      aria-label="Муниципалитет"
      placeholder={allowAll ? 'Все муниципалитеты' : 'Выберите муниципалитет'}
      data={municipalities.map((m) => ({ value: m.id, label: m.name }))}
      value={municipalityId}
      clearable={allowAll}
      searchable
      w={280}
      onChange={(value) => {
        const next = new URLSearchParams(params);
        if (value) next.set('m', value);
        else next.delete('m');
        setParams(next);
      }}
    />
  );
}
