import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFound } from '../components/not-found';

/** Anything that breaks while rendering a page ends here instead of a blank screen. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <Container py="xl"><NotFound /></Container>;
  // A new deployment removes the old lazily loaded chunks; a reload fetches the new ones.
  const staleChunk = error instanceof TypeError && /dynamically imported module|Importing a module script failed/.test(error.message);
  return (
    <Container py="xl">
      <Stack align="flex-start" role="alert">
        <Title order={1}>{staleChunk ? 'Сайт обновился' : 'Что-то пошло не так'}</Title>
        <Text>{staleChunk ? 'Обновите страницу, чтобы продолжить.' : 'Страница не смогла открыться. Обновите её; если не поможет — напишите в МОЦ своего муниципалитета.'}</Text>
        <Button onClick={() => window.location.reload()}>Обновить страницу</Button>
      </Stack>
    </Container>
  );
}
