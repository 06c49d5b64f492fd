import { ApolloClient, type DefaultOptions, HttpLink, InMemoryCache } from '@apollo/client';

/** The session lives in an httpOnly cookie set by `login`, so a SPA only has to send cookies along; it never sees the token. */
export function createApolloClient(defaultOptions?: DefaultOptions): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    cache: new InMemoryCache(),
    defaultOptions,
  });
}
