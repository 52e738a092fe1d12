import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig, redactUrl } from '#flyt/config';
import { describeMigrationReport, InstanceMigrator, type WorkflowRegistration, WorkflowReplay } from '#flyt/workflow-runtime';
import { openRuntimeTools } from './runtime-tools.js';

/*
 * The runtime's command-line tools, over a list of workflows: `npm run replay-check` and
 * `npm run migrate-instances` run them with the installed workflows; a test runs them with its own.
 * Each answers the process's exit code.
 */

const MIGRATE_USAGE = 'usage: npm run migrate-instances -- --workflow <id> --to <version> [--dry-run] [--by <your name>]';

/** Rebuilds every instance (of one workflow, when named) from its event log: 0 when all match, 1 otherwise. */
export async function replayCheck(args: readonly string[], workflows: readonly WorkflowRegistration[], env: NodeJS.ProcessEnv): Promise<number> {
  const config = loadConfig(env);
  const tools = await openRuntimeTools(config, workflows);
  try {
    const { checked, mismatched } = await tools.get(WorkflowReplay).replayAll(args[0]);
    console.log(`Replayed ${checked} workflow instance(s) in ${redactUrl(config.database.url)}: ${mismatched.length} differ from their event log.`);
    for (const id of mismatched) console.log(`  ${id}`);
    return mismatched.length ? 1 : 0;
  } finally {
    await tools.close();
  }
}

/**
 * Moves the running instances of a workflow to a newer version: 0 when all moved, 3 when some were
 * refused (a state without a mapping), 2 for a bad command line, 1 when it could not run.
 */
export async function migrateInstances(args: readonly string[], workflows: readonly WorkflowRegistration[], env: NodeJS.ProcessEnv): Promise<number> {
  let values: { workflow?: string; to?: string; 'dry-run'?: boolean; by?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { workflow: { type: 'string' }, to: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, by: { type: 'string' } },
    }));
  } catch (error) {
    console.error(`migrate-instances: ${error instanceof Error ? error.message : String(error)}\n${MIGRATE_USAGE}`);
    return 2;
  }
  const toVersion = Number(values.to);
  const problem = commandLineProblem(values.workflow, toVersion, workflows);
  if (problem) {
    console.error(`migrate-instances: ${problem}\n${MIGRATE_USAGE}`);
    return 2;
  }
  const config = loadConfig(env);
  const tools = await openRuntimeTools(config, workflows);
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
    return report.refused.length ? 3 : 0;
  } finally {
    await tools.close();
  }
}

/** What is wrong with a migration's command line, said so the operator can fix it; null when nothing is. */
function commandLineProblem(workflowId: string | undefined, toVersion: number, workflows: readonly WorkflowRegistration[]): string | null {
  if (!workflowId) return '--workflow is required';
  if (!Number.isInteger(toVersion) || toVersion < 1) return '--to must be a version number, 1 or more';
  const workflow = workflows.find((w) => w.id === workflowId);
  if (!workflow) return `no workflow ${workflowId} is installed (installed: ${workflows.map((w) => w.id).join(', ')})`;
  const versions = workflow.versions.map((v) => v.version);
  if (!versions.includes(toVersion)) return `${workflowId} has no version ${toVersion} (it has ${versions.join(', ')})`;
  return null;
}

/** Runs a tool as a process's main: prints a failure in one line and sets the exit code. */
export function runAsMain(name: string, tool: () => Promise<number>): void {
  tool().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
