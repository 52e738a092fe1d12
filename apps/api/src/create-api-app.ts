import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { FlytConfig } from '#flyt/config';
import { configureHttp, createRootLogger, type LogOutput, PinoNestLogger } from '#flyt/http';
import { ApiModule, type ApiOptions } from './api.module.js';
import { mountQueueDashboard } from './queue-dashboard.js';
import { mountWebApp } from './web-app.js';

/** The API application, configured but not listening: main.ts listens, tests use it in-process (and may read its log). */
export async function createApiApp(config: FlytConfig, options: ApiOptions = {}, log: LogOutput = {}): Promise<NestExpressApplication> {
  const logger = createRootLogger(config.log.level, 'flyt-api', log);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, options), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  configureHttp(app, config, logger);
  mountQueueDashboard(app, config);
  mountWebApp(app, config);
  return app;
}
