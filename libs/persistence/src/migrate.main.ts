// `npm run migrate [-- --revert N]`: applies pending migrations to DATABASE_URL, creating the database if needed.
import { loadConfig, redactUrl } from '#flyt/config';
import { ensureDatabase } from './ensure-database.js';
import { revertMigrations, runMigrations } from './run-migrations.js';
import { assertPostgresReachable } from './server-reachability.js';

const config = loadConfig(process.env);
const revertIndex = process.argv.indexOf('--revert');
try {
  await assertPostgresReachable(config.database.url);
  if (revertIndex >= 0) {
    const steps = Number(process.argv[revertIndex + 1] ?? 1);
    const reverted = await revertMigrations(config, steps);
    console.log(`Reverted ${reverted.length} migration(s) on ${redactUrl(config.database.url)}: ${reverted.join(', ') || 'none'}`);
  } else {
    if (await ensureDatabase(config.database.url)) console.log(`Created database ${redactUrl(config.database.url)}`);
    const { applied } = await runMigrations(config);
    console.log(`Applied ${applied.length} migration(s) to ${redactUrl(config.database.url)}${applied.length ? `: ${applied.join(', ')}` : ''}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
