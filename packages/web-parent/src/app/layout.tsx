import { Anchor, AppShell, Box, Burger, Button, Group, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEye, IconEyeOff, IconFileText, IconHelpCircle, IconMoodKid, IconSearch } from '@tabler/icons-react';
import { Suspense, lazy, useRef } from 'react';
import { Link, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { Loading } from '@navigator/web-shared/query-state';
import { useCurrentUser } from '../lib/current-user';
import { useLowVision } from './low-vision';
import { LowVisionPanel } from './low-vision-panel';

// What only a signed-in person sees, or only after the catalog is on screen (menus, modals, popovers): its code
// arrives after the first program card instead of before it.
const UserMenu = lazy(() => import('../features/auth/user-menu').then((m) => ({ default: m.UserMenu })));
const NotificationBell = lazy(() => import('../features/notifications/notification-bell').then((m) => ({ default: m.NotificationBell })));
const AccountNotices = lazy(() => import('../features/account/account-notices').then((m) => ({ default: m.AccountNotices })));

const LINKS = [
  { to: '/', label: 'Найти кружок', icon: IconSearch, guest: true },
  { to: '/children', label: 'Дети и сертификаты', icon: IconMoodKid, guest: false },
  { to: '/applications', label: 'Заявки и договоры', icon: IconFileText, guest: false },
  { to: '/help', label: 'Помощь', icon: IconHelpCircle, guest: true },
];

export function Layout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const [lowVision, setLowVision] = useLowVision();
  const panel = useRef<HTMLDivElement>(null);
  const { user } = useCurrentUser();
  const location = useLocation();
  const isActive = (to: string) => (to === '/' ? location.pathname === '/' || location.pathname.startsWith('/programs') : location.pathname.startsWith(to));

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <Anchor href="#main" className="skip-link">
        Перейти к содержанию
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Закрыть меню' : 'Открыть меню'} />
            <UnstyledButton component={Link} to="/" onClick={close} aria-label="Навигатор — на главную">
              <Text fw={800} size="lg" c="teal.9" lh={1}>
                Навигатор
              </Text>
              <Text size="xs" c="dimmed" visibleFrom="xs" lh={1.2}>
                дополнительного образования
              </Text>
            </UnstyledButton>
          </Group>
          <Group gap={6} wrap="nowrap">
            <Button
              variant={lowVision.on ? 'filled' : 'subtle'}
              color="dark"
              size="compact-sm"
              px={6}
              onClick={() => {
                setLowVision({ on: !lowVision.on });
                // The settings appear at the top of the page: keyboard users land on them.
                if (!lowVision.on) requestAnimationFrame(() => panel.current?.focus());
              }}
              aria-pressed={lowVision.on}
              leftSection={lowVision.on ? <IconEyeOff size={20} aria-hidden /> : <IconEye size={20} aria-hidden />}
              aria-label="Версия для слабовидящих"
            >
              <Box component="span" visibleFrom="md">
                Версия для слабовидящих
              </Box>
            </Button>
            <Suspense fallback={null}>
              {user?.role === 'PARENT' && <NotificationBell />}
              <UserMenu />
            </Suspense>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Разделы">
        <Stack gap={4}>
          {LINKS.filter((l) => l.guest || user).map((l) => (
            <NavLink key={l.to} component={Link} to={l.to} label={l.label} leftSection={<l.icon size={20} aria-hidden />} active={isActive(l.to)} onClick={close} />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw={960} mx="auto">
          <LowVisionPanel ref={panel} />
          <Suspense fallback={null}>
            <AccountNotices />
          </Suspense>
          <Suspense fallback={<Loading />}>
            <Outlet />
            <ScrollRestoration />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
