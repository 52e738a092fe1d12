// `npm run demo-data`: loads the demo organisation into DATABASE_URL when it is empty, then lists the demo logins.
import { DataSource } from 'typeorm';
import { loadConfig, redactUrl } from '#flyt/config';
import { osloDay } from '#flyt/kernel';
import { dataSourceOptions } from '#flyt/persistence';
import { DEMO_LOGINS } from './demo-organisation.js';
import { loadDemoData } from './load-demo-data.js';

const config = loadConfig(process.env);
const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
try {
  await db.initialize();
  const { loaded } = await loadDemoData(db, osloDay(new Date()));
  console.log(
    loaded
      ? `Loaded the demo organisation into ${redactUrl(config.database.url)}.`
      : `${redactUrl(config.database.url)} already holds an organisation; demo data not loaded.`,
  );
  console.log('\nDemo logins (POST /api/auth/dev-login with {"email": "..."}):');
  const width = Math.max(...DEMO_LOGINS.map((l) => l.email.length));
  for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(width)}  ${login.role.padEnd(22)} ${login.name} (${login.scope})`);
} catch (error) {
  console.error(`demo-data: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (db.isInitialized) await db.destroy();
}
