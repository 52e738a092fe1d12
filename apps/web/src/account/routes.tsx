import type { RouteObject } from 'react-router';

export const accountRoutes: RouteObject[] = [
  { path: '/notifications', lazy: () => import('./notifications-page').then((m) => ({ Component: m.NotificationsPage })) },
  { path: '/settings', lazy: () => import('./settings-page').then((m) => ({ Component: m.SettingsPage })) },
];
