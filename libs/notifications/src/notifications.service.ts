import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AssignmentRecord, MandateRecord, Role, Scope } from '#flyt/access';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { NotFound, osloDay } from '#flyt/kernel';
import type { JobPayloads } from '#flyt/queue';
import { CASE_ROLES, type CaseNotificationTemplate } from '#workflows/improvement-case.machine';
import { recipientsFor } from './domain/recipients.js';
import { type OwnedQueue, openNotificationsQueue } from './notifications-queue.js';
import { CASE_TEMPLATES, caseLink, type Locale, type NotificationParams, renderNotification, TEMPLATE_DEADLINE } from './domain/templates.js';
import type {
  ListNotificationsQuery,
  NotificationDelivery,
  NotificationPage,
  NotificationSettingsView,
  NotificationView,
} from './notification.dto.js';

/**
 * Anything that runs SQL: a TypeORM EntityManager or DataSource, or the runtime's TransactionSql.
 * Every statement here answers rows (UPDATE … RETURNING is wrapped in a CTE), whichever it is.
 */
export interface Sql {
  query(text: string, params?: unknown[]): Promise<unknown>;
}
const rows = async <T>(sql: Sql, text: string, params: unknown[] = []): Promise<T[]> => (await sql.query(text, params)) as T[];

/** An outbox row of kind `notify`, as the relay read it from workflow_outbox. */
export interface NotifyEffect {
  /** workflow_outbox.key: unique per effect; notifications carry it, so a redelivery creates nothing twice. */
  key: string;
  /** workflow_outbox.instance_id: the improvement case's id. */
  instanceId: string;
  /** workflow_outbox.event_id: the event whose transition asked for the notification. */
  eventId: string | number;
  /** workflow_outbox.payload: `{ to, template }` (NotifyParams of the machine). */
  payload: unknown;
}

/** A notify effect that can never be delivered: the relay should record it, retrying will not help. */
export class NotifyEffectInvalid extends Error {
  constructor(key: string, reason: string) {
    super(`notify effect ${key} cannot be delivered: ${reason}`);
    this.name = 'NotifyEffectInvalid';
  }
}

const NOTIFY_PAYLOAD = z.object({
  to: z.enum([...CASE_ROLES, 'programmeSecretariat']),
  template: z.enum(Object.keys(CASE_TEMPLATES) as [CaseNotificationTemplate, ...CaseNotificationTemplate[]]),
});

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
  case_id: string | null;
  template: string;
  params: NotificationParams;
  created_at: Date;
  read_at: Date | null;
  emailed_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const DELIVERY_OF_DUE = `CASE u.notification_delivery WHEN 'daily_digest' THEN 'digest' ELSE 'immediate' END`;

/**
 * Notifications: made from the outbox's `notify` effects, one per recipient, and read in the app.
 * E-mail goes out through the jobs in notification-email.job.ts and notification-digest.job.ts.
 */
@Injectable()
export class NotificationsService implements OnApplicationShutdown {
  private queue?: OwnedQueue;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }

  /**
   * Makes the notifications of one `notify` effect, inside the caller's transaction: resolves the
   * recipients for the case today, inserts one row per recipient (a redelivered effect inserts
   * nothing: UNIQUE (source_key, user_id), ON CONFLICT DO NOTHING), and answers the ids to e-mail
   * now: the effect's rows for recipients with immediate delivery that are not yet e-mailed,
   * including rows an earlier delivery made, so a relay that died before enqueueing makes up for it.
   * Enqueue them after commit with `enqueueEmails` (or `emailJobFor`).
   */
  async deliverEffect(sql: Sql, effect: NotifyEffect): Promise<string[]> {
    const parsed = NOTIFY_PAYLOAD.safeParse(effect.payload);
    if (!parsed.success) throw new NotifyEffectInvalid(effect.key, `payload ${JSON.stringify(effect.payload)} is not { to, template }`);
    const { to, template } = parsed.data;

    const [theCase] = await rows<{ id: string; reference: string; title: string; state: string; reporter_id: string; process_id: string; unit_path: string[] }>(
      sql,
      `SELECT c.id, c.reference, c.title, c.state, c.reporter_id, c.process_id, u.path AS unit_path
         FROM improvement_case c JOIN unit u ON u.id = c.reporting_unit_id WHERE c.id = $1`,
      [effect.instanceId],
    );
    if (!theCase) throw new NotifyEffectInvalid(effect.key, `no improvement case ${effect.instanceId}`);
    const [event] = await rows<{ to_state: string }>(sql, `SELECT to_state FROM workflow_event WHERE id = $1`, [effect.eventId]);

    const params: NotificationParams = {
      reference: theCase.reference,
      title: theCase.title,
      state: event?.to_state ?? theCase.state,
      deadline: await this.deadlineOf(sql, theCase.id, String(effect.eventId), template),
    };
    const recipients = recipientsFor(
      to,
      { reporterId: theCase.reporter_id, processId: theCase.process_id, reportingUnitPath: theCase.unit_path },
      await this.directory(sql, theCase.process_id, theCase.unit_path, theCase.reporter_id),
      osloDay(new Date()),
    );
    if (recipients.length) {
      await sql.query(
        `WITH made AS (
           INSERT INTO notification (user_id, case_id, template, params, source_key, email_due)
           SELECT u.id, $2, $3, $4, $5, ${DELIVERY_OF_DUE} FROM app_user u WHERE u.id = ANY($1::uuid[]) AND u.ended_at IS NULL
           ON CONFLICT (source_key, user_id) DO NOTHING RETURNING id
         )
         SELECT count(*) FROM made`,
        [recipients, theCase.id, template, JSON.stringify(params), effect.key],
      );
    }
    const due = await rows<{ id: string }>(
      sql,
      `SELECT id FROM notification WHERE source_key = $1 AND email_due = 'immediate' AND emailed_at IS NULL ORDER BY id`,
      [effect.key],
    );
    return due.map((r) => r.id);
  }

  /** Adds one e-mail job per id to the notifications queue; ids already queued are not added twice. */
  async enqueueEmails(notificationIds: readonly string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    this.queue ??= openNotificationsQueue(this.config);
    await this.queue.queue.addBulk(notificationIds.map(emailJobFor));
  }

  /** The deadline the template speaks of: the timer this event fired, else the pending one, else the newest. */
  private async deadlineOf(sql: Sql, caseId: string, eventId: string, template: CaseNotificationTemplate): Promise<string | null> {
    const delay = TEMPLATE_DEADLINE[template];
    if (!delay) return null;
    const [timer] = await rows<{ due_at: Date }>(
      sql,
      `SELECT due_at FROM workflow_timer WHERE instance_id = $1 AND delay_name = $2
        ORDER BY (settled_by IS NOT DISTINCT FROM $3::bigint) DESC, (status = 'pending') DESC, due_at DESC LIMIT 1`,
      [caseId, delay, eventId],
    );
    return timer ? new Date(timer.due_at).toISOString() : null;
  }

  /** Everyone who might be a recipient for a case: assignments on its unit path, of its process, or global; its process's mandates. */
  private async directory(sql: Sql, processId: string, unitPath: string[], reporterId: string) {
    const assignments = await rows<{ id: string; user_id: string; role: Role; scope_kind: string; unit_id: string | null; process_id: string | null; valid_from: string; valid_to: string | null }>(
      sql,
      `SELECT id, user_id, role, scope_kind, unit_id, process_id, valid_from::text AS valid_from, valid_to::text AS valid_to
         FROM role_assignment
        WHERE ended_at IS NULL AND role IN ('line_manager', 'process_owner', 'programme_secretariat')
          AND (scope_kind = 'global' OR unit_id = ANY($1::uuid[]) OR process_id = $2)`,
      [unitPath, processId],
    );
    const mandates = await rows<{ id: string; holder_id: string; deputy_id: string | null; valid_from: string; valid_to: string; absences: MandateRecord['absences'] }>(
      sql,
      `SELECT m.id, m.holder_id, m.deputy_id, m.valid_from::text AS valid_from, m.valid_to::text AS valid_to,
              coalesce(json_agg(json_build_object('id', a.id, 'startsOn', a.starts_on::text, 'endsOn', a.ends_on::text)) FILTER (WHERE a.id IS NOT NULL), '[]') AS absences
         FROM mandate m LEFT JOIN mandate_absence a ON a.mandate_id = m.id
        WHERE m.process_id = $1 AND m.ended_at IS NULL
        GROUP BY m.id`,
      [processId],
    );
    const people = [reporterId, ...assignments.map((a) => a.user_id), ...mandates.flatMap((m) => [m.holder_id, m.deputy_id ?? m.holder_id])];
    const ended = await rows<{ id: string }>(sql, `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND ended_at IS NOT NULL`, [[...new Set(people)]]);
    const scopeOf = (a: (typeof assignments)[number]): Scope =>
      a.scope_kind === 'unit' ? { kind: 'unit', unitId: a.unit_id! } : a.scope_kind === 'process' ? { kind: 'process', processId: a.process_id! } : { kind: 'global' };
    return {
      assignments: assignments.map((a): AssignmentRecord & { userId: string } => ({
        id: a.id,
        userId: a.user_id,
        role: a.role,
        scope: scopeOf(a),
        validFrom: a.valid_from,
        validTo: a.valid_to,
        ended: false,
      })),
      mandates: mandates.map((m): MandateRecord => ({
        id: m.id,
        processId,
        holderId: m.holder_id,
        deputyId: m.deputy_id,
        validFrom: m.valid_from,
        validTo: m.valid_to,
        ended: false,
        absences: m.absences,
      })),
      endedUserIds: new Set(ended.map((u) => u.id)),
    };
  }

  /** The link a notification carries to its case. */
  linkTo(caseId: string | null): string | null {
    return caseId ? caseLink(this.config.notifications.appUrl, caseId) : null;
  }

  toView(row: StoredNotification, locale: Locale): NotificationView {
    const link = this.linkTo(row.case_id);
    const { subject, text } = renderNotification(row.template, row.params, locale, link);
    return {
      id: row.id,
      caseId: row.case_id,
      caseReference: row.params.reference ?? null,
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

  /** The caller's own notifications, newest first, rendered in their language. */
  async list(userId: string, query: ListNotificationsQuery): Promise<NotificationPage> {
    const unreadOnly = query.unread === true;
    const filter = `user_id = $1${unreadOnly ? ' AND read_at IS NULL' : ''}`;
    const [found, [counts], locale] = await Promise.all([
      rows<StoredNotification>(
        this.db,
        `SELECT id, case_id, template, params, created_at, read_at, emailed_at FROM notification
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
         RETURNING id, case_id, template, params, created_at, read_at, emailed_at
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
