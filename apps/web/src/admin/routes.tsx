import type { RouteObject } from 'react-router';

// Each page its own chunk; `new` is a static segment, so it wins over `:id`.
export const adminRoutes: RouteObject[] = [
  { path: '/admin', lazy: () => import('./admin-page').then((m) => ({ Component: m.AdminPage })) },
  { path: '/admin/units', lazy: () => import('./units-page').then((m) => ({ Component: m.UnitsPage })) },
  { path: '/admin/units/:id', lazy: () => import('./unit-page').then((m) => ({ Component: m.UnitPage })) },
  { path: '/admin/processes', lazy: () => import('./processes-page').then((m) => ({ Component: m.ProcessesPage })) },
  { path: '/admin/processes/:id', lazy: () => import('./process-page').then((m) => ({ Component: m.ProcessPage })) },
  { path: '/admin/users', lazy: () => import('./users-page').then((m) => ({ Component: m.UsersPage })) },
  { path: '/admin/users/:id', lazy: () => import('./user-page').then((m) => ({ Component: m.UserPage })) },
  { path: '/admin/role-assignments', lazy: () => import('./role-assignments-page').then((m) => ({ Component: m.RoleAssignmentsPage })) },
  { path: '/admin/role-assignments/:id', lazy: () => import('./role-assignment-page').then((m) => ({ Component: m.RoleAssignmentPage })) },
  { path: '/admin/mandates', lazy: () => import('./mandates-page').then((m) => ({ Component: m.MandatesPage })) },
  { path: '/admin/mandates/:id', lazy: () => import('./mandate-page').then((m) => ({ Component: m.MandatePage })) },
];
