/** One of the signed-in person's notifications (GET /api/notifications), in the language stored on them. */
export interface NotificationItem {
  id: string;
  workflowId: string | null;
  instanceId: string | null;
  reference: string | null;
  template: string;
  subject: string;
  text: string;
  link: string | null;
  deadline: string | null;
  createdAt: string;
  readAt: string | null;
  emailedAt: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}

export type Delivery = 'immediate' | 'daily_digest';

export interface NotificationSettings {
  delivery: Delivery;
  digestTime: string;
}

/** The page of the web app a notification's link opens (links carry the installation's address). */
export function pathOf(link: string): string {
  try {
    const url = new URL(link, window.location.origin);
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}

/** The first line of a notification's text says what happened; the rest repeats what the page shows beside it. */
export function leadOf(text: string): string {
  return text.split('\n')[0] ?? '';
}
