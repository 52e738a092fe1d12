import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CalendarModule } from '#flyt/calendar';
import { ConfigModule, type FlytConfig } from '#flyt/config';
import { PersistenceModule } from '#flyt/persistence';
import { type WorkflowRegistration, WorkflowRuntimeModule } from '#flyt/workflow-runtime';
import { INSTALLED_WORKFLOWS } from '../../installed-workflows.js';

/**
 * The runtime as the command-line tools use it (replay check, instance migration): the database,
 * the installed workflows and the deadline calendar, wired as in the API and the worker, without
 * HTTP or queue consumers. Deadlines it sets go through the outbox, for a running worker to relay.
 */
export async function openRuntimeTools(config: FlytConfig, workflows: readonly WorkflowRegistration[] = INSTALLED_WORKFLOWS): Promise<INestApplicationContext> {
  @Module({ imports: [ConfigModule.forRoot(config), PersistenceModule, WorkflowRuntimeModule.forRoot(workflows), CalendarModule] })
  class RuntimeToolsModule {}
  return NestFactory.createApplicationContext(RuntimeToolsModule, { logger: false, abortOnError: false });
}
