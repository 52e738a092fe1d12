// `npm run replay-check`: rebuilds every workflow instance's snapshot from its event log and
// compares it with the stored one. Exits 1 and lists the instances that differ.
import { DataSource } from 'typeorm';
import { loadConfig, redactUrl } from '#flyt/config';
import { SYSTEM_CLOCK } from '#flyt/kernel';
import { dataSourceOptions } from '#flyt/persistence';
import { MachineRegistry, WorkflowRuntime } from '#flyt/workflow-runtime';
import { WORKFLOWS } from '#workflows/index';

const config = loadConfig(process.env);
const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
try {
  await db.initialize();
  const runtime = new WorkflowRuntime(db, new MachineRegistry(WORKFLOWS), SYSTEM_CLOCK);
  const { checked, mismatched } = await runtime.replayAll(process.argv[2]);
  console.log(`Replayed ${checked} workflow instance(s) in ${redactUrl(config.database.url)}: ${mismatched.length} differ from their event log.`);
  for (const id of mismatched) console.log(`  ${id}`);
  if (mismatched.length) process.exitCode = 1;
} catch (error) {
  console.error(`replay-check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (db.isInitialized) await db.destroy();
}
