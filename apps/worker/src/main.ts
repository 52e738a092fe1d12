import 'reflect-metadata';
import { ConfigurationInvalid, loadConfig } from '#flyt/config';
import { createRootLogger } from '#flyt/http';
import { assertPostgresReachable, assertRedisReachable, ServerUnreachable } from '#flyt/persistence';
import { QueuePrefixTaken } from '#flyt/queue';
import { createWorkerApp } from './create-worker-app.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  await Promise.all([assertPostgresReachable(config.database.url), assertRedisReachable(config.redis.url)]);
  await createWorkerApp(config);
  createRootLogger('info', 'flyt-worker').info(`Flyt worker consuming queues with prefix ${config.queue.prefix}`);
}

main().catch((error: unknown) => {
  if (error instanceof ServerUnreachable || error instanceof ConfigurationInvalid || error instanceof QueuePrefixTaken) console.error(`flyt-worker: ${error.message}`);
  else console.error('flyt-worker: start-up failed', error);
  process.exit(1);
});
