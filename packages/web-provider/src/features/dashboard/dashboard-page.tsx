import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { useCurrentUser } from '../../lib/current-user';

export function DashboardPage() {
  const user = useCurrentUser();
  return (
    <Stack>
      <PageHeader title="Главная" description={user.fullName} />
    </Stack>
  );
}
