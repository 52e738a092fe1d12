import { Module } from '@nestjs/common';
import { RecurringSchedulesModule } from '#flyt/queue';
import { NotificationDigestJob } from './notification-digest.job.js';
import { NotificationEmailJob } from './notification-email.job.js';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationSchedules } from './notification-schedules.js';
import { NotificationSweepJob } from './notification-sweep.job.js';
import { NotificationSettingsController, NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { NotifyEffect } from './notify.effect.js';

/** The in-app notifications and the caller's e-mail settings, for apps/api. */
@Module({
  controllers: [NotificationsController, NotificationSettingsController],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}

/**
 * The notification jobs and the `notify` effect, for apps/worker: list NOTIFICATION_JOB_HANDLERS
 * among JOB_HANDLERS and NotifyEffect among the runtime's effect handlers.
 */
@Module({
  imports: [RecurringSchedulesModule],
  providers: [NotificationsService, NotifyEffect, NotificationMailer, NotificationEmailJob, NotificationDigestJob, NotificationSweepJob, NotificationSchedules],
  exports: [NotificationsService, NotifyEffect, NotificationMailer, NotificationEmailJob, NotificationDigestJob, NotificationSweepJob],
})
export class NotificationsWorkerModule {}

/** The job handlers NotificationsWorkerModule provides, one per notification job of the job registry. */
export const NOTIFICATION_JOB_HANDLERS = [NotificationEmailJob, NotificationDigestJob, NotificationSweepJob] as const;
