import 'reflect-metadata';
import { ConfigurationInvalid, loadConfig } from '#flyt/config';
import { createRootLogger } from '#flyt/http';
import { assertPostgresReachable, assertRedisReachable, ServerUnreachable } from '#flyt/persistence';
import { QueuePrefixTaken } from '#flyt/queue';
import { createApiApp } from './create-api-app.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  await Promise.all([assertPostgresReachable(config.database.url), assertRedisReachable(config.redis.url)]);
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  // Whatever LOG_LEVEL says: the one line that tells where the API is.
  createRootLogger('info', 'flyt-api').info(`Flyt API listening on ${config.http.publicUrl} (docs at /docs)`);
}

main().catch((error: unknown) => {
  // One clear line for the things an operator can fix; the whole error otherwise.
  if (error instanceof ServerUnreachable || error instanceof ConfigurationInvalid || error instanceof QueuePrefixTaken) console.error(`flyt-api: ${error.message}`);
  else console.error('flyt-api: start-up failed', error);
  process.exit(1);
});
