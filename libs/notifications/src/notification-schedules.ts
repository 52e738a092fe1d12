import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { type OwnedQueue, openNotificationsQueue } from './notifications-queue.js';

export const DIGEST_SCHEDULER_ID = 'notification-digest';
export const SWEEP_SCHEDULER_ID = 'notification-sweep';
export const SWEEP_EVERY_MS = 60_000;

/** The cron pattern of the daily digest at DIGEST_TIME, read in Europe/Oslo (so it follows summer time). */
export function digestCron(config: FlytConfig): string {
  const { hour, minute } = config.notifications.digestTime;
  return `${minute} ${hour} * * *`;
}

/**
 * The recurring notification jobs. Every worker upserts the same schedulers at start, so there is
 * one schedule however many run, and a changed DIGEST_TIME replaces the old one.
 */
@Injectable()
export class NotificationSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private queue?: OwnedQueue;

  constructor(@Inject(FLYT_CONFIG) private readonly config: FlytConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue = openNotificationsQueue(this.config);
    const { queue } = this.queue;
    const kept = { removeOnComplete: 50, removeOnFail: 200 };
    await queue.upsertJobScheduler(
      DIGEST_SCHEDULER_ID,
      { pattern: digestCron(this.config), tz: 'Europe/Oslo' },
      { name: 'notification.digest', data: {}, opts: { ...kept, attempts: 5, backoff: { type: 'exponential', delay: 60_000 } } },
    );
    await queue.upsertJobScheduler(SWEEP_SCHEDULER_ID, { every: SWEEP_EVERY_MS }, { name: 'notification.sweep', data: {}, opts: kept });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }
}
