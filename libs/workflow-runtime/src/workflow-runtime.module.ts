import { type DynamicModule, Module, type ModuleMetadata, type Provider, type Type } from '@nestjs/common';
import { CLOCK, SYSTEM_CLOCK } from '#flyt/kernel';
import { RecurringSchedulesModule } from '#flyt/queue';
import { InstancesAdminController } from './api/instances-admin.controller.js';
import { OutboxAdminController } from './api/outbox-admin.controller.js';
import { WorkflowsController } from './api/workflows.controller.js';
import type { WorkflowRegistration } from './domain/machine-registration.js';
import { MachineRegistry } from './domain/machine-registry.js';
import { WorkflowInstances } from './instances/workflow-instances.js';
import { InstanceMigrator } from './migration/instance-migrator.js';
import { DeadLettersJob } from './outbox/dead-letters.job.js';
import { DeadOutboxRows } from './outbox/dead-outbox-rows.js';
import { EFFECT_HANDLERS, type EffectHandler } from './outbox/effect-handler.js';
import { actionsOf, assertEffectsHandled, EffectRegistry } from './outbox/effect-registry.js';
import { JobQueues } from './outbox/job-queues.js';
import { SendToWorkflowEffect, StartWorkflowEffect } from './outbox/message-effects.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';
import { TimerCancelEffect, TimerScheduleEffect } from './outbox/timer-effects.js';
import { WorkflowReplay } from './replay/workflow-replay.js';
import { TimerFireJob } from './timers/timer-fire.job.js';
import { TimerStore } from './timers/timer-store.js';
import { TimersSweepJob } from './timers/timers-sweep.job.js';
import { MACHINE_REGISTRY, WorkflowRuntime } from './workflow-runtime.service.js';

const RUNTIME_SERVICES = [WorkflowRuntime, TimerStore, WorkflowInstances, WorkflowReplay, InstanceMigrator, DeadOutboxRows];

/**
 * The durable runtime with the workflows this process runs (the API and the worker register the
 * same list): the registry, the write path, the timer store, instance queries, replay, migration.
 */
@Module({})
export class WorkflowRuntimeModule {
  static forRoot(workflows: readonly WorkflowRegistration[]): DynamicModule {
    return {
      module: WorkflowRuntimeModule,
      global: true,
      providers: [{ provide: MACHINE_REGISTRY, useFactory: () => new MachineRegistry(workflows) }, { provide: CLOCK, useValue: SYSTEM_CLOCK }, ...RUNTIME_SERVICES],
      exports: [MACHINE_REGISTRY, CLOCK, ...RUNTIME_SERVICES],
    };
  }
}

/** The runtime's HTTP API, for apps/api: the registered workflows and their diagrams; instances and dead outbox rows for admins. */
@Module({ controllers: [WorkflowsController, InstancesAdminController, OutboxAdminController] })
export class WorkflowsApiModule {}

export interface WorkflowWorkerOptions {
  /** The workflows the process runs, as given to WorkflowRuntimeModule: their actions are checked against the handlers at once. */
  workflows?: readonly WorkflowRegistration[];
  /** Modules that provide the effect handlers below (the notifications worker module). */
  imports?: ModuleMetadata['imports'];
  /** Effect handlers of other libs, beside the platform's own (timers, messages between workflows). */
  effectHandlers?: Type<EffectHandler>[];
}

/** The job handlers WorkflowWorkerModule provides: list them among the worker's JOB_HANDLERS. */
export const WORKFLOW_JOB_HANDLERS = [TimerFireJob, TimersSweepJob, DeadLettersJob] as const;

/** The effect handlers of the platform itself: timers, and messages between workflows. */
export const PLATFORM_EFFECT_HANDLERS: Type<EffectHandler>[] = [TimerScheduleEffect, TimerCancelEffect, StartWorkflowEffect, SendToWorkflowEffect];

/**
 * The runtime's work without a request, for apps/worker: the outbox relay with the effect registry
 * (start-up fails when a machine's action has no handler), the jobs that fire and sweep deadlines,
 * and the dead-letter job that shows dead outbox rows in the dashboard.
 */
@Module({})
export class WorkflowWorkerModule {
  static forRoot(options: WorkflowWorkerOptions = {}): DynamicModule {
    const extra = options.effectHandlers ?? [];
    // Checked before anything is built, so a worker that could not carry out an action stops at once, opening no connection.
    if (options.workflows) assertEffectsHandled(options.workflows, actionsOf([...PLATFORM_EFFECT_HANDLERS, ...extra]));
    const handlers: Provider = {
      provide: EFFECT_HANDLERS,
      inject: [...PLATFORM_EFFECT_HANDLERS, ...extra],
      useFactory: (...all: EffectHandler[]) => all,
    };
    return {
      module: WorkflowWorkerModule,
      imports: [RecurringSchedulesModule, ...(options.imports ?? [])],
      providers: [JobQueues, ...PLATFORM_EFFECT_HANDLERS, handlers, EffectRegistry, OutboxRelay, ...WORKFLOW_JOB_HANDLERS],
      exports: [JobQueues, EffectRegistry, OutboxRelay, ...WORKFLOW_JOB_HANDLERS],
    };
  }
}
