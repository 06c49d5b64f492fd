import { Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from './page-title';

export function NotFound({ what = 'Страница не найдена' }: { what?: string }) {
  return (
    <Stack align="flex-start">
      <PageTitle>{what}</PageTitle>
      <Text>Возможно, ссылка устарела. Начните с каталога кружков.</Text>
      <Button component={Link} to="/">
        Перейти в каталог
      </Button>
    </Stack>
  );
}
