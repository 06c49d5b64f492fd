import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { Container, MantineProvider, Title } from '@mantine/core';

const client = new ApolloClient({ link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }), cache: new InMemoryCache() });

export function App() {
  return (
    <ApolloProvider client={client}>
      <MantineProvider>
        <Container py="xl">
          <Title order={1}>Навигатор дополнительного образования детей</Title>
        </Container>
      </MantineProvider>
    </ApolloProvider>
  );
}
