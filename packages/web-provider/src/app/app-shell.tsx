import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Anchor, AppShell, Badge, Box, Button, Center, Group, NavLink, Progress, Stack, Text, Title } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { Link, Navigate, NavLink as RouterNavLink, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { graphql } from '../gql';
import { CurrentUserContext, CurrentUserDocument, type CurrentUser, useCurrentUser } from '../lib/current-user';
import { roleLabels } from '@navigator/web-shared/labels';
import { type AppRole, homePathFor, navigationFor } from './navigation';

const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

/** Signed-in frame of every page: loads `me`, sends strangers to the login page, shows the role's navigation. */
export function SignedInShell() {
  const location = useLocation();
  const { data, loading, error } = useQuery(CurrentUserDocument, { fetchPolicy: 'network-only' });
  if (loading && !data) return <Loading label="Проверяем вход…" />;
  if (error && !data)
    return (
      <Center p="xl">
        <ErrorNotice error={error} title="Не удалось проверить вход" />
      </Center>
    );
  const user = data?.me;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (navigationFor(user.role).length === 0) return <NotForThisRole user={user} />;
  return (
    <CurrentUserContext.Provider value={user}>
      <Frame user={user} />
    </CurrentUserContext.Provider>
  );
}

function useLogout() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [logout, { loading }] = useMutation(LogoutDocument);
  const run = async () => {
    await logout().catch(() => undefined);
    await client.clearStore();
    navigate('/login', { replace: true });
  };
  return { run, loading };
}

function NotForThisRole({ user }: { user: CurrentUser }) {
  const logout = useLogout();
  return (
    <Center mih="100vh">
      <Stack align="center" maw={480} ta="center">
        <Title order={2}>Этот кабинет — для организаций и МОЦ</Title>
        <Text>
          Вы вошли как {user.fullName} ({roleLabels[user.role] ?? user.role}). Родители подают заявки и подписывают договоры на{' '}
          <a href="/">портале для родителей</a>.
        </Text>
        <Button variant="light" onClick={logout.run} loading={logout.loading}>
          Выйти
        </Button>
      </Stack>
    </Center>
  );
}

function Frame({ user }: { user: CurrentUser }) {
  const navigation = useNavigation();
  const location = useLocation();
  const logout = useLogout();
  const items = navigationFor(user.role);
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 250, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        {navigation.state === 'loading' && <Progress value={100} animated size="xs" radius={0} pos="absolute" top={0} left={0} right={0} />}
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={1} size="h4">
              <Link to={homePathFor(user.role)} style={{ color: 'inherit', textDecoration: 'none' }}>
                Навигатор
              </Link>
            </Title>
            <Badge variant="light">{roleLabels[user.role]}</Badge>
          </Group>
          <Group gap="sm">
            <Anchor component={Link} to="/profile" size="sm" data-testid="current-user" title="Профиль: пароль и сеансы">
              {user.fullName}
            </Anchor>
            <Button size="xs" variant="subtle" leftSection={<IconLogout size={14} />} onClick={logout.run} loading={logout.loading}>
              Выйти
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Разделы">
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            end={item.to === '/'}
            label={item.label}
            leftSection={<item.icon size={18} stroke={1.6} />}
            active={item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1400}>
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

/** Pages of one side (organization or МОЦ) refuse the other side with a clear message instead of half-working. */
export function RequireRole({ roles }: { roles: AppRole[] }) {
  const user = useCurrentUser();
  if (!roles.includes(user.role as AppRole))
    return (
      <Stack maw={560}>
        <Title order={2}>Нет доступа</Title>
        <Text>Этот раздел не для роли «{roleLabels[user.role]}». Выберите раздел в меню слева.</Text>
        <Button component={Link} to={homePathFor(user.role)} variant="light" w="fit-content">
          На главную
        </Button>
      </Stack>
    );
  return <Outlet />;
}

export function HomeRedirect() {
  const user = useCurrentUser();
  return <Navigate to={homePathFor(user.role)} replace />;
}
