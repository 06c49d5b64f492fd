import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { CurrentUserQuery } from '../gql/graphql';
import { useCurrentUser } from '../lib/current-user';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';

type Parent = NonNullable<CurrentUserQuery['me']>;

/** A parent's page: guests are sent to sign in and brought back here afterwards. */
export function RequireParent({ children }: { children: (user: Parent) => ReactNode }) {
  const { user, loading, error } = useCurrentUser();
  const location = useLocation();
  if (loading) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => window.location.reload()} />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (user.role !== 'PARENT') {
    return <Alert color="yellow">Этот раздел — для родителей. Сотрудникам организаций и МОЦ нужен кабинет по адресу /provider.</Alert>;
  }
  return <>{children(user)}</>;
}
