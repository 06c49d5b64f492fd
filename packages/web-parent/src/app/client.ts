import { createApolloClient } from '@navigator/web-shared/apollo-client';
import { prefetchCatalog } from '../features/catalog/catalog-query';

/**
 * The app's one Apollo client. main.tsx imports this module before anything else, so a visit to `/` sends its
 * search as soon as Apollo's code has run, while React, Mantine and the router are still being evaluated.
 */
export const client = createApolloClient();

/** The first page of the catalog search a visit to `/` shows, settled when it is in the cache; null elsewhere. */
export const catalogPrefetch = prefetchCatalog(client, window.location);
