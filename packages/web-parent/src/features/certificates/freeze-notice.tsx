import { useQuery } from '@apollo/client/react';
import { Alert } from '@mantine/core';
import { graphql } from '../../gql';

const FinancingFreezesQuery = graphql(`
  query FinancingFreezes {
    municipalities {
      id
      financingFreeze {
        active
        startsOn
        endsOn
        message
      }
    }
  }
`);

/**
 * The МОЦ's year-end pause, announced on the pages where a parent would
 * otherwise wonder why financing does not come: from 30 days ahead until it ends.
 */
export function FreezeNotice({ municipalityId }: { municipalityId: string | null | undefined }) {
  const { data } = useQuery(FinancingFreezesQuery, { skip: !municipalityId });
  const freeze = data?.municipalities.find((m) => m.id === municipalityId)?.financingFreeze;
  if (!freeze) return null;
  return (
    <Alert color={freeze.active ? 'orange' : 'blue'} title={freeze.active ? 'Пауза финансирования сертификатов' : 'Скоро пауза финансирования сертификатов'} data-testid="freeze-notice">
      {freeze.message}
    </Alert>
  );
}
