import { Inject, Injectable, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { NotFound } from '#flyt/kernel';
import { INSTALLATION, type Installation, type JobPayloads } from '#flyt/queue';
import { type Locale, MACHINE_REGISTRY, MachineRegistry } from '#flyt/workflow-runtime';
import { type NotificationParams, type NotificationTexts, renderNotification, type RenderedNotification } from './domain/rendering.js';
import { type OwnedQueue, openNotificationsQueue } from './notifications-queue.js';
import type {
  ListNotificationsQuery,
  NotificationDelivery,
  NotificationPage,
  NotificationSettingsView,
  NotificationView,
} from './notification.dto.js';

const rows = async <T>(sql: { query(text: string, params?: unknown[]): Promise<unknown> }, text: string, params: unknown[] = []): Promise<T[]> =>
  (await sql.query(text, params)) as T[];

/** BullMQ job options of one notification's e-mail: an id of its own (enqueueing twice adds one job), five tries with backoff. */
export function emailJobFor(notificationId: string): { name: 'notification.email'; data: JobPayloads['notification.email']; opts: EmailJobOptions } {
  return {
    name: 'notification.email',
    data: { notificationId },
    opts: {
      jobId: `notification-email-${notificationId}`,
      attempts: NOTIFICATION_EMAIL_ATTEMPTS,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
    },
  };
}
export const NOTIFICATION_EMAIL_ATTEMPTS = 5;
interface EmailJobOptions {
  jobId: string;
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
  removeOnComplete: { age: number; count: number };
  removeOnFail: { age: number };
}

interface StoredNotification {
  id: string;
  workflow_id: string | null;
  instance_id: string | null;
  template: string;
  params: NotificationParams;
  created_at: Date;
  read_at: Date | null;
  emailed_at: Date | null;
}

/** What a notification row needs to be read: the workflow and instance it is about, its template and params. */
export type RenderableNotification = Pick<StoredNotification, 'workflow_id' | 'instance_id' | 'template' | 'params'>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const COLUMNS = 'id, workflow_id, instance_id, template, params, created_at, read_at, emailed_at';

/**
 * Notifications: made from the outbox's `notify` effects by NotifyEffect, one per recipient, and
 * read in the app. E-mail goes out through the jobs in notification-email.job.ts and
 * notification-digest.job.ts. The words come from each workflow's registration.
 */
@Injectable()
export class NotificationsService implements OnApplicationShutdown {
  private queue?: OwnedQueue;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Inject(MACHINE_REGISTRY) private readonly registry: MachineRegistry,
    @Optional() @Inject(INSTALLATION) private readonly installation?: Installation,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }

  /** Adds one e-mail job per id to the notifications queue; ids already queued are not added twice. */
  async enqueueEmails(notificationIds: readonly string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    this.queue ??= openNotificationsQueue(this.config, this.installation);
    await this.queue.addEmails(notificationIds.map(emailJobFor));
  }

  /** The words of a workflow's notifications; null for a workflow this process does not run. */
  textsOf(workflowId: string | null): NotificationTexts | null {
    if (!workflowId || !this.registry.has(workflowId)) return null;
    const workflow = this.registry.workflow(workflowId);
    return {
      templates: workflow.notifications.templates,
      noun: workflow.noun,
      openLink: workflow.notifications.openLink,
      stateLabel: (state) => this.registry.label(workflowId, state),
    };
  }

  /** The link a notification carries to what it is about: where its workflow's lib says people open it. */
  linkOf(row: Pick<RenderableNotification, 'workflow_id' | 'instance_id'>): string | null {
    if (!row.workflow_id || !row.instance_id || !this.registry.has(row.workflow_id)) return null;
    const path = this.registry.workflow(row.workflow_id).path?.(row.instance_id);
    return path ? `${this.config.notifications.appUrl.replace(/\/+$/, '')}${path}` : null;
  }

  render(row: RenderableNotification, locale: Locale, options: { footer?: boolean } = {}): RenderedNotification {
    return renderNotification(this.textsOf(row.workflow_id), row.template, row.params, locale, this.linkOf(row), options);
  }

  toView(row: StoredNotification, locale: Locale): NotificationView {
    const link = this.linkOf(row);
    const { subject, text } = this.render(row, locale);
    return {
      id: row.id,
      workflowId: row.workflow_id,
      instanceId: row.instance_id,
      reference: row.params.reference ?? null,
      template: row.template,
      subject,
      text,
      link,
      deadline: row.params.deadline ?? null,
      createdAt: iso(row.created_at)!,
      readAt: iso(row.read_at),
      emailedAt: iso(row.emailed_at),
    };
  }

  private async localeOf(userId: string): Promise<Locale> {
    const [user] = await rows<{ locale: Locale }>(this.db, `SELECT locale FROM app_user WHERE id = $1`, [userId]);
    return user?.locale ?? 'nb';
  }

  /**
   * The deadlines that told this user something: per instance, the events of fired deadlines that
   * notified them (a reminder, an escalation). The inbox shows the instances still in the state
   * whose deadline it was, though the user may have no decision to take there.
   */
  async deadlineNotices(userId: string, workflowId: string): Promise<{ instanceId: string; eventId: string }[]> {
    const found = await rows<{ instance_id: string; event_id: string }>(
      this.db,
      `SELECT DISTINCT instance_id, event_id::text AS event_id FROM notification
        WHERE user_id = $1 AND workflow_id = $2 AND by_deadline AND instance_id IS NOT NULL`,
      [userId, workflowId],
    );
    return found.map((r) => ({ instanceId: r.instance_id, eventId: r.event_id }));
  }

  /** The caller's own notifications, newest first, rendered in their language. */
  async list(userId: string, query: ListNotificationsQuery): Promise<NotificationPage> {
    const unreadOnly = query.unread === true;
    const filter = `user_id = $1${unreadOnly ? ' AND read_at IS NULL' : ''}`;
    const [found, [counts], locale] = await Promise.all([
      rows<StoredNotification>(
        this.db,
        `SELECT ${COLUMNS} FROM notification
          WHERE ${filter} ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [userId, query.limit, query.offset],
      ),
      rows<{ total: number; unread: number }>(
        this.db,
        `SELECT count(*) FILTER (WHERE ${unreadOnly ? 'read_at IS NULL' : 'true'})::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
           FROM notification WHERE user_id = $1`,
        [userId],
      ),
      this.localeOf(userId),
    ]);
    return { items: found.map((r) => this.toView(r, locale)), total: counts!.total, unread: counts!.unread, limit: query.limit, offset: query.offset };
  }

  /** Marks one of the caller's notifications as read (again is fine); someone else's does not exist for them. */
  async markRead(userId: string, id: string): Promise<NotificationView> {
    const [row] = await rows<StoredNotification>(
      this.db,
      `WITH marked AS (
         UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2
         RETURNING ${COLUMNS}
       )
       SELECT * FROM marked`,
      [id, userId],
    );
    if (!row) throw new NotFound('notification', id);
    return this.toView(row, await this.localeOf(userId));
  }

  async markAllRead(userId: string): Promise<{ marked: number }> {
    const [{ marked }] = (await rows<{ marked: number }>(
      this.db,
      `WITH marked AS (UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING 1)
       SELECT count(*)::int AS marked FROM marked`,
      [userId],
    )) as [{ marked: number }];
    return { marked };
  }

  private settingsView(delivery: NotificationDelivery): NotificationSettingsView {
    const { hour, minute } = this.config.notifications.digestTime;
    return { delivery, digestTime: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
  }

  async settings(userId: string): Promise<NotificationSettingsView> {
    const [user] = await rows<{ notification_delivery: NotificationDelivery }>(this.db, `SELECT notification_delivery FROM app_user WHERE id = $1`, [userId]);
    if (!user) throw new NotFound('user', userId);
    return this.settingsView(user.notification_delivery);
  }

  /**
   * Changes how the caller gets e-mail from now on. Notifications already made keep the way they
   * were made with: a pending digest still goes out with the next digest.
   */
  async updateSettings(userId: string, delivery: NotificationDelivery): Promise<NotificationSettingsView> {
    const [user] = await rows<{ notification_delivery: NotificationDelivery }>(
      this.db,
      `WITH changed AS (UPDATE app_user SET notification_delivery = $2, updated_at = now() WHERE id = $1 RETURNING notification_delivery)
       SELECT * FROM changed`,
      [userId, delivery],
    );
    if (!user) throw new NotFound('user', userId);
    return this.settingsView(user.notification_delivery);
  }
}
