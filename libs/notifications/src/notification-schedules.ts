import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { RecurringSchedules } from '#flyt/queue';

export const DIGEST_SCHEDULER_ID = 'notification-digest';
export const SWEEP_SCHEDULER_ID = 'notification-sweep';
export const SWEEP_EVERY_MS = 60_000;

/** The cron pattern of the daily digest at DIGEST_TIME, read in Europe/Oslo (so it follows summer time). */
export function digestCron(config: FlytConfig): string {
  const { hour, minute } = config.notifications.digestTime;
  return `${minute} ${hour} * * *`;
}

/**
 * The recurring notification jobs. Every worker keeps the same schedulers, so there is one
 * schedule however many run, and a changed DIGEST_TIME replaces the old one.
 */
@Injectable()
export class NotificationSchedules implements OnApplicationBootstrap {
  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    private readonly schedules: RecurringSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const kept = { removeOnComplete: 50, removeOnFail: 200 };
    await this.schedules.keep({
      id: DIGEST_SCHEDULER_ID,
      job: 'notification.digest',
      repeat: { pattern: digestCron(this.config), tz: 'Europe/Oslo' },
      opts: { ...kept, attempts: 5, backoff: { type: 'exponential', delay: 60_000 } },
    });
    await this.schedules.keep({ id: SWEEP_SCHEDULER_ID, job: 'notification.sweep', repeat: { every: SWEEP_EVERY_MS }, opts: kept });
  }
}
