import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobHandler, JobOutcome } from '#flyt/queue';
import { EMAIL_CLAIM_STALE_AFTER } from './notification-email.job.js';
import { NOTIFICATION_EMAIL_ATTEMPTS, NotificationsService } from './notifications.service.js';

/** How long a new immediate notification may wait for its job before the sweeper enqueues one. */
export const EMAIL_SWEEP_GRACE = '1 minute';

/**
 * Every minute: immediate notifications not yet e-mailed, older than EMAIL_SWEEP_GRACE and not
 * being sent, get their e-mail job (again). That covers a relay that died between commit and
 * enqueue, and Redis losing its data. Enqueueing is idempotent by job id, so a job that is
 * waiting, retrying or failed for good is not doubled.
 */
@Injectable()
export class NotificationSweepJob implements JobHandler<'notification.sweep'> {
  readonly job = 'notification.sweep';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(): Promise<JobOutcome> {
    const due = (await this.db.query(
      `SELECT n.id FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE n.email_due = 'immediate' AND n.emailed_at IS NULL AND u.ended_at IS NULL
          AND n.created_at < now() - $1::interval AND n.email_attempts < $2
          AND (n.email_claimed_at IS NULL OR n.email_claimed_at < now() - $3::interval)
        ORDER BY n.created_at LIMIT 1000`,
      [EMAIL_SWEEP_GRACE, NOTIFICATION_EMAIL_ATTEMPTS, EMAIL_CLAIM_STALE_AFTER],
    )) as { id: string }[];
    await this.notifications.enqueueEmails(due.map((r) => r.id));
    return { done: true, detail: `${due.length} e-mail jobs ensured` };
  }
}
