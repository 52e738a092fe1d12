// `npm run migrate-instances -- --workflow <id> --to <version> [--dry-run] [--by <name>]`: moves the
// running instances of a workflow onto a newer version of its machine (docs/adding-a-workflow.md).
import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig, redactUrl } from '#flyt/config';
import { describeMigrationReport, InstanceMigrator } from '#flyt/workflow-runtime';
import { openRuntimeTools } from './runtime-tools.js';

const USAGE = 'usage: npm run migrate-instances -- --workflow <id> --to <version> [--dry-run] [--by <your name>]';

function fail(message: string): never {
  console.error(`migrate-instances: ${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { workflow: { type: 'string' }, to: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, by: { type: 'string' } } });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();
if (!values.workflow) fail('--workflow is required');
const toVersion = Number(values.to);
if (!Number.isInteger(toVersion) || toVersion < 1) fail('--to must be a version number, 1 or more');

const config = loadConfig(process.env);
const tools = await openRuntimeTools(config).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
try {
  const report = await tools.get(InstanceMigrator).migrate({
    workflowId: values.workflow!,
    toVersion,
    dryRun: values['dry-run'] ?? false,
    ranBy: values.by ?? userInfo().username,
  });
  console.log(`In ${redactUrl(config.database.url)}:`);
  for (const line of describeMigrationReport(report)) console.log(line);
  // Refusals are not an error of the tool, but a script running it must notice them.
  if (report.refused.length) process.exitCode = 3;
} catch (error) {
  console.error(`migrate-instances: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await tools.close();
}
