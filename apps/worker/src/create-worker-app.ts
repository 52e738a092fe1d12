import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { FlytConfig } from '#flyt/config';
import { createRootLogger, PinoNestLogger } from '#flyt/http';
import { WorkerModule, type WorkerOptions } from './worker.module.js';

/** The worker process: no HTTP, only queue consumers. */
export async function createWorkerApp(config: FlytConfig, options: WorkerOptions = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), {
    logger: new PinoNestLogger(createRootLogger(config.log.level, 'flyt-worker')),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  return app;
}
