// The runtime's command-line tools with both versions of the errand registered beside the installed
// workflows: `node errand-tools.main.js migrate-instances --workflow errand --to 2 [--dry-run]` or
// `node errand-tools.main.js replay-check [errand]`.
import { INSTALLED_WORKFLOWS } from '../../../apps/installed-workflows.js';
import { migrateInstances, replayCheck, runAsMain } from '../../../apps/worker/src/runtime-cli.js';
import { ERRAND_V1, ERRAND_V2 } from './errand.machine.js';
import { errandRegistration } from './errand.registration.js';

const workflows = [...INSTALLED_WORKFLOWS, errandRegistration([ERRAND_V1, ERRAND_V2])];
const [command, ...args] = process.argv.slice(2);
runAsMain(command ?? 'errand-tools', () =>
  command === 'migrate-instances' ? migrateInstances(args, workflows, process.env) : replayCheck(args, workflows, process.env),
);
