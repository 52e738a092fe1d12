import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobHandler, JobOutcome, JobPayloads } from '#flyt/queue';
import type { Locale } from '#flyt/workflow-runtime';
import type { NotificationParams } from './domain/rendering.js';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationsService } from './notifications.service.js';

/** A claim older than this belongs to a sender that died: SMTP timeouts end a live send well before. */
export const EMAIL_CLAIM_STALE_AFTER = '5 minutes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ClaimedNotification {
  id: string;
  workflow_id: string | null;
  instance_id: string | null;
  template: string;
  params: NotificationParams;
  email: string;
  name: string;
  locale: Locale;
  user_ended: boolean;
}

/**
 * E-mails one notification of a user with immediate delivery.
 *
 * Exactly one sender at a time: the job claims the row (`email_claimed_at`) with a conditional
 * UPDATE that only one worker can win, sends, then sets `emailed_at`. A second job for the same
 * row, or the same job run twice, finds it e-mailed and skips on purpose. A worker that dies
 * between sending and marking leaves a claim that goes stale after EMAIL_CLAIM_STALE_AFTER; the
 * retry then sends again. So delivery is at most once per claim, and at worst twice after such a
 * crash, with the same Message-ID both times, so mail clients and people recognise the duplicate.
 * The other choice (mark before sending) would lose the mail on that crash instead.
 * Failures release the claim, record the error, and throw, so BullMQ retries with backoff.
 */
@Injectable()
export class NotificationEmailJob implements JobHandler<'notification.email'> {
  readonly job = 'notification.email';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: NotificationMailer,
    private readonly notifications: NotificationsService,
  ) {}

  async handle({ notificationId }: JobPayloads['notification.email']): Promise<JobOutcome> {
    if (!UUID.test(notificationId ?? '')) return { skipped: true, reason: `not a notification id: ${notificationId}` };
    const [claimed] = (await this.db.query(
      `WITH claimed AS (
         UPDATE notification SET email_claimed_at = now(), email_attempts = email_attempts + 1
          WHERE id = $1 AND emailed_at IS NULL AND email_due = 'immediate'
            AND (email_claimed_at IS NULL OR email_claimed_at < now() - $2::interval)
         RETURNING id, workflow_id, instance_id, template, params, user_id
       )
       SELECT c.id, c.workflow_id, c.instance_id, c.template, c.params, u.email, u.name, u.locale, u.ended_at IS NOT NULL AS user_ended
         FROM claimed c JOIN app_user u ON u.id = c.user_id`,
      [notificationId, EMAIL_CLAIM_STALE_AFTER],
    )) as ClaimedNotification[];
    if (!claimed) return this.notClaimed(notificationId);

    if (claimed.user_ended) {
      await this.release(claimed.id, 'the user has ended and gets no more e-mail');
      return { skipped: true, reason: `notification ${claimed.id}: the user has ended` };
    }
    const { subject, text } = this.notifications.render(claimed, claimed.locale);
    try {
      await this.mailer.send({
        to: { name: claimed.name, address: claimed.email },
        subject,
        text,
        messageId: this.mailer.notificationMessageId(claimed.id),
        language: claimed.locale,
      });
    } catch (error) {
      await this.release(claimed.id, error instanceof Error ? error.message : String(error));
      throw error;
    }
    await this.db.query(`UPDATE notification SET emailed_at = now(), email_claimed_at = NULL, email_error = NULL WHERE id = $1`, [claimed.id]);
    return { done: true, detail: `notification ${claimed.id} e-mailed` };
  }

  /** Why the row could not be claimed: a reason to skip on purpose, or another sender at work (retry later). */
  private async notClaimed(id: string): Promise<JobOutcome> {
    const [row] = (await this.db.query(`SELECT emailed_at, email_due FROM notification WHERE id = $1`, [id])) as { emailed_at: Date | null; email_due: string }[];
    if (!row) return { skipped: true, reason: `no notification ${id}` };
    if (row.emailed_at) return { skipped: true, reason: `notification ${id} was already e-mailed` };
    if (row.email_due !== 'immediate') return { skipped: true, reason: `notification ${id} goes with the daily digest` };
    throw new Error(`notification ${id} is being e-mailed by another worker; trying again later`);
  }

  private async release(id: string, error: string): Promise<void> {
    await this.db.query(`UPDATE notification SET email_claimed_at = NULL, email_error = $2 WHERE id = $1`, [id, error.slice(0, 2000)]);
  }
}
