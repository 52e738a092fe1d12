// `npm run replay-check [-- <workflow id>]`: rebuilds every workflow instance's snapshot from its
// event log and compares it with the stored one. Exits 1 and lists the instances that differ.
import 'reflect-metadata';
import { loadConfig, redactUrl } from '#flyt/config';
import { WorkflowReplay } from '#flyt/workflow-runtime';
import { openRuntimeTools } from './runtime-tools.js';

const config = loadConfig(process.env);
const tools = await openRuntimeTools(config).catch((error: unknown) => {
  console.error(`replay-check: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
try {
  const { checked, mismatched } = await tools.get(WorkflowReplay).replayAll(process.argv[2]);
  console.log(`Replayed ${checked} workflow instance(s) in ${redactUrl(config.database.url)}: ${mismatched.length} differ from their event log.`);
  for (const id of mismatched) console.log(`  ${id}`);
  if (mismatched.length) process.exitCode = 1;
} catch (error) {
  console.error(`replay-check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await tools.close();
}
