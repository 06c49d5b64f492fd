import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { ActionIcon, Alert, Button, Indicator, Loader, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { describeError } from '@navigator/web-shared/errors';
import { formatDateTime } from '@navigator/web-shared/format';

const UnreadCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

const NotificationsQuery = graphql(`
  query MyNotifications {
    myNotifications(first: 20) {
      totalCount
      edges {
        node {
          id
          title
          body
          createdAt
          readAt
          applicationId
          contractId
        }
      }
    }
  }
`);

const MarkReadMutation = graphql(`
  mutation MarkNotificationsRead {
    markNotificationsRead
  }
`);

// Often enough that a confirmed application shows up while the parent is on the site, rare enough to cost nothing.
const POLL_MS = 60_000;

export function NotificationBell() {
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const unread = useQuery(UnreadCountQuery, { pollInterval: POLL_MS });
  const [load, list] = useLazyQuery(NotificationsQuery, { fetchPolicy: 'network-only' });
  const [markRead, marking] = useMutation(MarkReadMutation, { refetchQueries: ['UnreadNotificationCount', 'MyNotifications'] });
  const count = unread.data?.unreadNotificationCount ?? 0;

  const toggle = () => {
    if (!opened) {
      void load();
      void unread.refetch();
    }
    setOpened(!opened);
  };

  const items = list.data?.myNotifications.edges.map((e) => e.node) ?? [];

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal trapFocus>
      {/* The popover marks its target expanded or not, so the target must be the button, not the badge around it. */}
      <Indicator label={count > 9 ? '9+' : count} size={18} disabled={count === 0} color="red.9" offset={4}>
        <Popover.Target>
          <ActionIcon variant="subtle" color="dark" size="lg" onClick={toggle} aria-label={count ? `Уведомления: непрочитанных ${count}` : 'Уведомления'}>
            <IconBell size={22} aria-hidden />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p="xs">
        {list.loading && !list.data && <Loader size="sm" m="sm" aria-label="Загружаем уведомления" />}
        {list.error && <Alert color="red">{describeError(list.error).message}</Alert>}
        {list.data && items.length === 0 && <Text p="sm">Уведомлений пока нет.</Text>}
        {items.length > 0 && (
          <ScrollArea.Autosize mah={360}>
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Уведомления">
              {items.map((n) => (
                <li key={n.id}>
                  <UnstyledButton
                    w="100%"
                    p="xs"
                    style={{ borderRadius: 6, background: n.readAt ? undefined : 'var(--mantine-color-teal-0)' }}
                    onClick={() => {
                      setOpened(false);
                      navigate(n.contractId ? `/contracts/${n.contractId}` : '/applications');
                    }}
                  >
                    <Text size="sm" fw={n.readAt ? 500 : 700}>
                      {n.title}
                    </Text>
                    <Text size="sm">{n.body}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt)}
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        {count > 0 && (
          <Button variant="subtle" size="xs" fullWidth mt="xs" loading={marking.loading} onClick={() => markRead()}>
            Отметить все прочитанными
          </Button>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
