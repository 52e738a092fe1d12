import type { RouteObject } from 'react-router';

export const projectsRoutes: RouteObject[] = [
  { path: '/projects', lazy: () => import('./project-list-page').then((m) => ({ Component: m.ProjectListPage })) },
  { path: '/projects/:id', lazy: () => import('./project-page').then((m) => ({ Component: m.ProjectPage })) },
  { path: '/follow-ups/:id', lazy: () => import('./follow-up-page').then((m) => ({ Component: m.FollowUpPage })) },
  { path: '/benefits', lazy: () => import('./benefits-page').then((m) => ({ Component: m.BenefitsPage })) },
  { path: '/benefits/annual/:year', lazy: () => import('./annual-report-page').then((m) => ({ Component: m.AnnualReportPage })) },
];
