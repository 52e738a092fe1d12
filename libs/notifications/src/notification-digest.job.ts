import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobHandler, JobOutcome } from '#flyt/queue';
import type { Locale } from '#flyt/workflow-runtime';
import { type NotificationParams, renderDigest } from './domain/rendering.js';
import { EMAIL_CLAIM_STALE_AFTER } from './notification-email.job.js';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationsService } from './notifications.service.js';

interface Pending {
  id: string;
  workflow_id: string | null;
  instance_id: string | null;
  template: string;
  params: NotificationParams;
}

/**
 * The daily digest (scheduled at DIGEST_TIME, Europe/Oslo): one mail per user with every
 * notification of theirs due for the digest and not yet e-mailed, oldest first. Each user's rows
 * are claimed, sent and marked as in NotificationEmailJob, so two runs never send one row twice
 * (short of a crash between sending and marking; the Message-ID is then the same). One user's
 * failure does not stop the others; the job then throws so BullMQ retries, and the retry sends
 * only what is still unsent.
 */
@Injectable()
export class NotificationDigestJob implements JobHandler<'notification.digest'> {
  readonly job = 'notification.digest';
  private readonly logger = new Logger('notifications');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: NotificationMailer,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(): Promise<JobOutcome> {
    const users = (await this.db.query(
      `SELECT DISTINCT u.id, u.email, u.name, u.locale FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE n.email_due = 'digest' AND n.emailed_at IS NULL AND u.ended_at IS NULL ORDER BY u.id`,
    )) as { id: string; email: string; name: string; locale: Locale }[];
    let sent = 0;
    const failures: string[] = [];
    for (const user of users) {
      const claimed = (await this.db.query(
        `WITH claimed AS (
           UPDATE notification SET email_claimed_at = now(), email_attempts = email_attempts + 1
            WHERE user_id = $1 AND email_due = 'digest' AND emailed_at IS NULL
              AND (email_claimed_at IS NULL OR email_claimed_at < now() - $2::interval)
           RETURNING id, workflow_id, instance_id, template, params, created_at
         )
         SELECT id, workflow_id, instance_id, template, params FROM claimed ORDER BY created_at, id`,
        [user.id, EMAIL_CLAIM_STALE_AFTER],
      )) as Pending[];
      if (claimed.length === 0) continue;
      const ids = claimed.map((n) => n.id);
      const { subject, text } = renderDigest(
        claimed.map((n) => ({ texts: this.notifications.textsOf(n.workflow_id), template: n.template, params: n.params, link: this.notifications.linkOf(n) })),
        user.locale,
      );
      try {
        await this.mailer.send({
          to: { name: user.name, address: user.email },
          subject,
          text,
          messageId: this.mailer.digestMessageId(user.id, ids),
          language: user.locale,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await this.db.query(`UPDATE notification SET email_claimed_at = NULL, email_error = $2 WHERE id = ANY($1::uuid[])`, [ids, message.slice(0, 2000)]);
        this.logger.error({ userId: user.id, err: error }, 'Digest not sent');
        failures.push(`${user.id}: ${message}`);
        continue;
      }
      await this.db.query(`UPDATE notification SET emailed_at = now(), email_claimed_at = NULL, email_error = NULL WHERE id = ANY($1::uuid[])`, [ids]);
      sent += 1;
    }
    if (failures.length) throw new Error(`Digest failed for ${failures.length} of ${users.length} users (${sent} sent): ${failures.join('; ')}`);
    return { done: true, detail: `${sent} digests sent` };
  }
}
