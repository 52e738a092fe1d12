import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { accountRoutes } from './account/routes';
import { adminRoutes } from './admin/routes';
import { RequireSignIn } from './auth/require-sign-in';
import { casesRoutes } from './cases/routes';
import { Layout } from './layout';
import { InboxPage } from './pages/inbox-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { programmeRoutes } from './programme/routes';
import { projectsRoutes } from './projects/routes';

/**
 * Sign-in and the inbox come with the first screen; every other part of the app is its own
 * chunk, fetched when a person first opens one of its pages (each area's routes.tsx).
 */
const signedIn: RouteObject[] = [{ path: '/', element: <InboxPage /> }, ...casesRoutes, ...programmeRoutes, ...projectsRoutes, ...accountRoutes, ...adminRoutes];

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        element: (
          <RequireSignIn>
            <Outlet />
          </RequireSignIn>
        ),
        children: signedIn,
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
