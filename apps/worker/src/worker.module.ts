import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { CalendarModule } from '#flyt/calendar';
import { ConfigModule, type FlytConfig } from '#flyt/config';
import { NOTIFICATION_JOB_HANDLERS, NotificationsWorkerModule, NotifyEffect } from '#flyt/notifications';
import { PersistenceModule } from '#flyt/persistence';
import { JOB_HANDLERS, RecurringSchedulesModule, RedisModule, WorkerHost } from '#flyt/queue';
import { type EffectHandler, WORKFLOW_JOB_HANDLERS, type WorkflowRegistration, WorkflowRuntimeModule, WorkflowWorkerModule } from '#flyt/workflow-runtime';
import { INSTALLED_WORKFLOWS } from '../../installed-workflows.js';
import { HeartbeatJob } from './heartbeat.job.js';

/** What the worker runs: the installed workflows, unless a caller (a test) gives others; and more effect handlers, with the modules that provide them. */
export interface WorkerOptions {
  workflows?: readonly WorkflowRegistration[];
  modules?: ModuleMetadata['imports'];
  effectHandlers?: Type<EffectHandler>[];
}

/**
 * The worker: the outbox relay with every effect handler (start-up fails when a machine's action
 * has none), and a consumer of every queue with one handler per job (start-up fails otherwise).
 * Runs the same workflows as the API, with the same deadline calendar.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: FlytConfig, options: WorkerOptions = {}): DynamicModule {
    const workflows = options.workflows ?? INSTALLED_WORKFLOWS;
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        RedisModule,
        RecurringSchedulesModule,
        WorkflowRuntimeModule.forRoot(workflows),
        CalendarModule,
        NotificationsWorkerModule,
        WorkflowWorkerModule.forRoot({
          workflows,
          imports: [NotificationsWorkerModule, ...(options.modules ?? [])],
          effectHandlers: [NotifyEffect, ...(options.effectHandlers ?? [])],
        }),
      ],
      providers: [
        HeartbeatJob,
        {
          provide: JOB_HANDLERS,
          inject: [HeartbeatJob, ...WORKFLOW_JOB_HANDLERS, ...NOTIFICATION_JOB_HANDLERS],
          useFactory: (...handlers: unknown[]) => handlers,
        },
        WorkerHost,
      ],
    };
  }
}
