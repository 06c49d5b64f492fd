import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconId, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Link, useLocation, useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { useCurrentUser } from '../../lib/current-user';
import { describeError } from '@navigator/web-shared/errors';

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export function UserMenu() {
  const { user, loading } = useCurrentUser();
  const client = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [logout, { loading: leaving }] = useMutation(LogoutMutation);

  if (loading) return null;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <Button component={Link} to={`/login?next=${next}`} size="compact-md" variant="light">
        Войти
      </Button>
    );
  }

  const signOut = async () => {
    try {
      await logout();
      await client.clearStore();
      await client.refetchQueries({ include: 'active' });
      navigate('/');
    } catch (error) {
      notifications.show({ color: 'red', title: 'Не удалось выйти', message: describeError(error).message });
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-md" px={6} aria-label={`Профиль: ${user.fullName}`} leftSection={<IconUserCircle size={22} aria-hidden />}>
          <Text span visibleFrom="sm" size="sm" maw={160} truncate>
            {user.fullName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconId size={18} aria-hidden />}>
          Мои данные
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={18} aria-hidden />} onClick={signOut} disabled={leaving}>
          Выйти
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
