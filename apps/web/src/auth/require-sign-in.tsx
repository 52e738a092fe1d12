import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useToken } from './token';

export function RequireSignIn({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  // Remember the deep link (a case from a mail) so sign-in can return to it.
  if (!token) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
