import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

// The session lives in an httpOnly cookie set by `login`, so the SPA only has to send cookies along.
export function createApolloClient() {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    cache: new InMemoryCache(),
  });
}
