import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { NotFound } from '../components/not-found';
import { CatalogPage } from '../features/catalog/catalog-page';
import { Layout } from './layout';
import { RouteError } from './route-error';

// Every page but the catalog is its own chunk: a parent opening the catalog on a phone downloads only the catalog.
const page = <T extends Record<string, React.ComponentType>>(load: () => Promise<T>, name: keyof T) =>
  lazy(() => load().then((m) => ({ default: m[name] as React.ComponentType })));

const ProgramPage = page(() => import('../features/catalog/program-page'), 'ProgramPage');
const LoginPage = page(() => import('../features/auth/login-page'), 'LoginPage');
const RegisterPage = page(() => import('../features/auth/register-page'), 'RegisterPage');
const ForgotPasswordPage = page(() => import('../features/auth/forgot-password-page'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('../features/auth/reset-password-page'), 'ResetPasswordPage');
const ConfirmEmailPage = page(() => import('../features/auth/confirm-email-page'), 'ConfirmEmailPage');
const AccountPage = page(() => import('../features/account/account-page'), 'AccountPage');
const HelpPage = page(() => import('../features/help/help-page'), 'HelpPage');
const ChildrenPage = page(() => import('../features/children/children-page'), 'ChildrenPage');
const AddChildPage = page(() => import('../features/children/add-child-page'), 'AddChildPage');
const EditChildPage = page(() => import('../features/children/edit-child-page'), 'EditChildPage');
const CertificatePage = page(() => import('../features/certificates/certificate-page'), 'CertificatePage');
const ApplyPage = page(() => import('../features/applications/apply-page'), 'ApplyPage');
const ApplicationsPage = page(() => import('../features/applications/applications-page'), 'ApplicationsPage');
const ContractPage = page(() => import('../features/contracts/contract-page'), 'ContractPage');

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      // The page most visits land on is part of the entry: a lazy page would be fetched or evaluated only after
      // the router has started, and React holds a <Suspense> boundary's content back for 300 ms after its fallback.
      { path: '/', Component: CatalogPage },
      { path: '/programs/:id', element: <ProgramPage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/confirm-email', element: <ConfirmEmailPage /> },
      { path: '/account', element: <AccountPage /> },
      { path: '/help', element: <HelpPage /> },
      { path: '/children', element: <ChildrenPage /> },
      { path: '/children/new', element: <AddChildPage /> },
      { path: '/children/:id/edit', element: <EditChildPage /> },
      { path: '/children/:childId/certificate', element: <CertificatePage /> },
      { path: '/programs/:programId/apply/:groupId', element: <ApplyPage /> },
      { path: '/applications', element: <ApplicationsPage /> },
      { path: '/contracts/:id', element: <ContractPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
