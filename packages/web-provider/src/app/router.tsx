import { Button, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Link, Navigate, useRouteError } from 'react-router';
import { Loading } from '@navigator/web-shared/query-state';
import { useCurrentUser } from '../lib/current-user';
import { RequireRole, SignedInShell } from './app-shell';
import { homePathFor } from './navigation';

const DashboardPage = lazy(() => import('../features/dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })));

function RoleHome() {
  const user = useCurrentUser();
  if (user.role !== 'PROVIDER_STAFF') return <Navigate to={homePathFor(user.role)} replace />;
  return (
    <Suspense fallback={<Loading />}>
      <DashboardPage />
    </Suspense>
  );
}

function RouteError() {
  const error = useRouteError();
  const stale = error instanceof TypeError && /dynamically imported module|Failed to fetch/i.test(error.message);
  return (
    <Stack p="xl" maw={560}>
      <Title order={2}>{stale ? 'Вышла новая версия кабинета' : 'Что-то пошло не так'}</Title>
      <Text>{stale ? 'Обновите страницу, чтобы загрузить её.' : 'Обновите страницу; если ошибка повторится, сообщите в МОЦ.'}</Text>
      <Button onClick={() => window.location.reload()} w="fit-content">
        Обновить
      </Button>
    </Stack>
  );
}

function NotFound() {
  return (
    <Stack maw={560}>
      <Title order={2}>Страница не найдена</Title>
      <Text>Такого адреса в кабинете нет. Выберите раздел в меню слева.</Text>
      <Button component={Link} to="/" variant="light" w="fit-content">
        На главную
      </Button>
    </Stack>
  );
}

type PageModule = Record<string, unknown>;
/** Route-level code splitting: each page is its own chunk, loaded when first visited. */
function page<M extends PageModule>(load: () => Promise<M>, name: keyof M) {
  return async () => ({ Component: (await load())[name] as React.ComponentType });
}

export const router = createBrowserRouter(
  [
    { path: '/login', lazy: page(() => import('../features/auth/login-page'), 'LoginPage'), errorElement: <RouteError /> },
    { path: '/forgot-password', lazy: page(() => import('../features/auth/password-recovery-pages'), 'ForgotPasswordPage'), errorElement: <RouteError /> },
    { path: '/reset-password', lazy: page(() => import('../features/auth/password-recovery-pages'), 'ResetPasswordPage'), errorElement: <RouteError /> },
    {
      path: '/',
      element: <SignedInShell />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <RoleHome /> },
        { path: 'profile', lazy: page(() => import('../features/profile/profile-page'), 'ProfilePage') },
        {
          element: <RequireRole roles={['PROVIDER_STAFF']} />,
          children: [
            { path: 'organization', lazy: page(() => import('../features/organization/organization-page'), 'OrganizationPage') },
            { path: 'programs', lazy: page(() => import('../features/programs/programs-page'), 'ProgramsPage') },
            { path: 'programs/new', lazy: page(() => import('../features/programs/program-create-page'), 'ProgramCreatePage') },
            { path: 'programs/:programId', lazy: page(() => import('../features/programs/program-page'), 'ProgramPage') },
            { path: 'applications', lazy: page(() => import('../features/applications/applications-page'), 'ApplicationsPage') },
            { path: 'contracts', lazy: page(() => import('../features/contracts/contracts-page'), 'ContractsPage') },
            { path: 'contracts/:contractId', lazy: page(() => import('../features/contracts/contract-page'), 'ContractPage') },
            { path: 'charges', lazy: page(() => import('../features/charges/charges-page'), 'ChargesPage') },
            { path: 'certificates', lazy: page(() => import('../features/certificates/certificate-verification-page'), 'CertificateVerificationPage') },
          ],
        },
        {
          element: <RequireRole roles={['OPERATOR', 'REGION_ADMIN']} />,
          children: [
            { path: 'summary', lazy: page(() => import('../features/summary/summary-page'), 'SummaryPage') },
            { path: 'invoices', lazy: page(() => import('../features/invoices/invoice-registry-page'), 'InvoiceRegistryPage') },
            { path: 'periods', lazy: page(() => import('../features/operator-periods/periods-page'), 'PeriodsPage') },
            { path: 'municipality-certificates', lazy: page(() => import('../features/operator-certificates/municipality-certificates-page'), 'MunicipalityCertificatesPage') },
            { path: 'certification', lazy: page(() => import('../features/operator-certification/certification-page'), 'CertificationPage') },
          ],
        },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/provider' },
);
