import type { RouteObject } from 'react-router';

export const programmeRoutes: RouteObject[] = [
  { path: '/programme', lazy: () => import('./programme-page').then((m) => ({ Component: m.ProgrammePage })) },
  { path: '/rounds/new', lazy: () => import('./round-setup-page').then((m) => ({ Component: m.RoundSetupPage })) },
  { path: '/rounds/:id', lazy: () => import('./round-page').then((m) => ({ Component: m.RoundPage })) },
  { path: '/rounds/:id/setup', lazy: () => import('./round-setup-page').then((m) => ({ Component: m.RoundEditPage })) },
  { path: '/rounds/:id/ballot', lazy: () => import('./ballot-page').then((m) => ({ Component: m.BallotPage })) },
  { path: '/development-plan/:year', lazy: () => import('./development-plan-page').then((m) => ({ Component: m.DevelopmentPlanPage })) },
];
