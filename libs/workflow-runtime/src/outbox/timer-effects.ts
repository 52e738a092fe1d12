import { Injectable } from '@nestjs/common';
import { type EffectHandler, HandlesEffect, type OutboxRow, type TimerCancelPayload, type TimerSchedulePayload } from './effect-handler.js';
import { JobQueues } from './job-queues.js';

/** A deadline set: its delayed job goes into Redis. */
@Injectable()
@HandlesEffect('timer.schedule')
export class TimerScheduleEffect implements EffectHandler {
  constructor(private readonly queues: JobQueues) {}

  async handle(_sql: unknown, row: OutboxRow): Promise<void> {
    await this.queues.scheduleTimer(row.instanceId, row.payload as unknown as TimerSchedulePayload);
  }
}

/** A deadline cleared, moved or held: its job leaves Redis (or, already running, finds itself stale). */
@Injectable()
@HandlesEffect('timer.cancel')
export class TimerCancelEffect implements EffectHandler {
  constructor(private readonly queues: JobQueues) {}

  async handle(_sql: unknown, row: OutboxRow): Promise<void> {
    await this.queues.cancelTimer(row.instanceId, row.payload as unknown as TimerCancelPayload);
  }
}
