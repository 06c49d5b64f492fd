import type { ApolloClient } from '@apollo/client';
import { graphql } from '../../gql';
import type { CatalogSearchQueryVariables } from '../../gql/graphql';
import { type CatalogSearch, readSearch, toFilter } from './search-params';

const PAGE_SIZE = 20;

export const CatalogSearchQuery = graphql(`
  query CatalogSearch($filter: ProgramFilter, $first: Int, $after: String, $orderBy: ProgramOrder) {
    programs(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      fuzzy
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ProgramCard_program
        }
      }
      facets {
        directions {
          value
          count
        }
        fundingTypes {
          value
          count
        }
        municipalities {
          value
          count
        }
      }
    }
  }
`);

export function catalogVariables(search: CatalogSearch): CatalogSearchQueryVariables {
  return { filter: toFilter(search), first: PAGE_SIZE, orderBy: search.orderBy };
}

/**
 * Starts the search a visit to `/` will show as soon as the app's code has run, instead of after React has
 * rendered the layout and then the page: the answer is in Apollo's cache (or in flight, and shared) by the time
 * the page asks for it with the same variables. Settles (never rejects) once the answer is in the cache or has
 * failed; null when the visit is not to the catalog.
 */
export function prefetchCatalog(client: ApolloClient, location: Pick<Location, 'pathname' | 'search'>): Promise<void> | null {
  if (location.pathname !== '/') return null;
  // The cache is empty while the app starts, so the search goes straight to the network without a look there.
  // A failure is the page's to show when it runs the query itself.
  const variables = catalogVariables(readSearch(new URLSearchParams(location.search)));
  return client.query({ query: CatalogSearchQuery, variables, fetchPolicy: 'network-only' }).then(
    () => undefined,
    () => undefined,
  );
}
