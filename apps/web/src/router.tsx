import { createBrowserRouter } from 'react-router';
import { Layout } from './layout';
import { CasePage } from './pages/case-page';
import { InboxPage } from './pages/inbox-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { RequireSignIn } from './auth/require-sign-in';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/', element: <RequireSignIn><InboxPage /></RequireSignIn> },
      { path: '/cases/:id', element: <RequireSignIn><CasePage /></RequireSignIn> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
