import type { RouteObject } from 'react-router';

export const casesRoutes: RouteObject[] = [
  { path: '/cases/:id', lazy: () => import('./case-page').then((m) => ({ Component: m.CasePage })) },
  { path: '/report', lazy: () => import('./report-page').then((m) => ({ Component: m.ReportPage })) },
  { path: '/cases', lazy: () => import('./case-list-page').then((m) => ({ Component: m.CaseListPage })) },
];
