import { type DynamicModule, Module } from '@nestjs/common';
import { CalendarModule } from '#flyt/calendar';
import { ConfigModule, type FlytConfig } from '#flyt/config';
import { NOTIFICATION_JOB_HANDLERS, NotificationsService, NotificationsWorkerModule } from '#flyt/notifications';
import { NOTIFY_DELIVERY, OutboxModule } from '#flyt/outbox';
import { PersistenceModule } from '#flyt/persistence';
import { JOB_HANDLERS, RecurringSchedulesModule, RedisModule, WorkerHost } from '#flyt/queue';
import { WorkflowRuntimeModule } from '#flyt/workflow-runtime';
import { WORKFLOWS } from '#workflows/index';
import { CaseProjection } from './case-projection.js';
import { HeartbeatJob } from './heartbeat.job.js';
import { TimerFireJob } from './timers/timer-fire.job.js';
import { TimersSweepJob } from './timers/timers-sweep.job.js';

/**
 * The worker: the outbox relay, and a consumer of every queue with one handler per job (start-up
 * fails otherwise). Runs the same workflows as the API, with the same deadline calendar, and keeps
 * the case rows in step with the events its timers send.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: FlytConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        RedisModule,
        RecurringSchedulesModule,
        CalendarModule,
        WorkflowRuntimeModule.forRoot(WORKFLOWS),
        NotificationsWorkerModule,
        OutboxModule.forRoot({ imports: [NotificationsWorkerModule], providers: [{ provide: NOTIFY_DELIVERY, useExisting: NotificationsService }] }),
      ],
      providers: [
        CaseProjection,
        HeartbeatJob,
        TimerFireJob,
        TimersSweepJob,
        {
          provide: JOB_HANDLERS,
          inject: [HeartbeatJob, TimerFireJob, TimersSweepJob, ...NOTIFICATION_JOB_HANDLERS],
          useFactory: (...handlers: unknown[]) => handlers,
        },
        WorkerHost,
      ],
    };
  }
}
