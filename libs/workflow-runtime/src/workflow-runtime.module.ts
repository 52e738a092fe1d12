import { type DynamicModule, Module } from '@nestjs/common';
import { CLOCK, SYSTEM_CLOCK } from '#flyt/kernel';
import type { MachineRegistration } from './domain/machine-registration.js';
import { MachineRegistry } from './domain/machine-registry.js';
import { MACHINE_REGISTRY, WorkflowRuntime } from './workflow-runtime.service.js';

/** The durable runtime with the machines this process runs. The API and the worker register the same list. */
@Module({})
export class WorkflowRuntimeModule {
  static forRoot(workflows: readonly MachineRegistration[]): DynamicModule {
    return {
      module: WorkflowRuntimeModule,
      global: true,
      providers: [
        { provide: MACHINE_REGISTRY, useFactory: () => new MachineRegistry(workflows) },
        { provide: CLOCK, useValue: SYSTEM_CLOCK },
        WorkflowRuntime,
      ],
      exports: [MACHINE_REGISTRY, WorkflowRuntime],
    };
  }
}
