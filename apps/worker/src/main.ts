import 'reflect-metadata';
import { ConfigurationInvalid, loadConfig } from '#flyt/config';
import { assertPostgresReachable, assertRedisReachable, ServerUnreachable } from '#flyt/persistence';
import { createWorkerApp } from './create-worker-app.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  await Promise.all([assertPostgresReachable(config.database.url), assertRedisReachable(config.redis.url)]);
  await createWorkerApp(config);
  console.log(JSON.stringify({ level: 'info', service: 'flyt-worker', msg: `Flyt worker consuming queues with prefix ${config.queue.prefix}` }));
}

main().catch((error: unknown) => {
  if (error instanceof ServerUnreachable || error instanceof ConfigurationInvalid) console.error(`flyt-worker: ${error.message}`);
  else console.error('flyt-worker: start-up failed', error);
  process.exit(1);
});
