import { z } from 'zod';
import { PAGE_QUERY, QUERY_FLAG } from '#flyt/http';

export const NOTIFICATION_DELIVERIES = ['immediate', 'daily_digest'] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

export const NOTIFICATION = z
  .object({
    id: z.uuid(),
    workflowId: z.string().nullable().describe('The workflow it is about, as GET /api/workflows lists them'),
    instanceId: z.uuid().nullable().describe('The instance of that workflow it is about (a case’s id is its instance’s id)'),
    reference: z.string().nullable().describe('What people call it (FLYT-<year>-<number> for a case), as it was called when the notification was made'),
    template: z.string().describe('What happened, as a stable code (caseSubmitted, triageReminder, …)'),
    subject: z.string().describe('In the reader’s language'),
    text: z.string().describe('Plain text in the reader’s language, with what it is about, its state, any deadline and a link'),
    link: z.string().nullable(),
    deadline: z.iso.datetime({ offset: true }).nullable().describe('The deadline the notification speaks of, if any'),
    createdAt: z.iso.datetime({ offset: true }),
    readAt: z.iso.datetime({ offset: true }).nullable(),
    emailedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof NOTIFICATION>;

export const NOTIFICATION_PAGE = z
  .object({
    items: z.array(NOTIFICATION),
    total: z.number().int(),
    unread: z.number().int().describe('Unread notifications of the caller, whatever the filter'),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof NOTIFICATION_PAGE>;

export const LIST_NOTIFICATIONS = PAGE_QUERY.extend({
  unread: QUERY_FLAG.optional().describe('true: unread ones only'),
});
export type ListNotificationsQuery = z.infer<typeof LIST_NOTIFICATIONS>;

export const READ_ALL_RESULT = z.object({ marked: z.number().int().describe('How many were unread until now') }).meta({ id: 'NotificationsMarkedRead' });

export const NOTIFICATION_SETTINGS = z
  .object({
    delivery: z.enum(NOTIFICATION_DELIVERIES).describe('immediate: one e-mail per notification; daily_digest: one e-mail a day with all of them'),
    digestTime: z.string().describe('When the daily digest goes out, HH:MM in Europe/Oslo'),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettingsView = z.infer<typeof NOTIFICATION_SETTINGS>;

export const UPDATE_NOTIFICATION_SETTINGS = z
  .strictObject({ delivery: z.enum(NOTIFICATION_DELIVERIES) })
  .meta({ id: 'UpdateNotificationSettings' });
export type UpdateNotificationSettingsBody = z.infer<typeof UPDATE_NOTIFICATION_SETTINGS>;
