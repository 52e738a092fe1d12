// `npm run migrate-instances -- --workflow <id> --to <version> [--dry-run] [--by <name>]`: moves the
// running instances of a workflow onto a newer version of its machine (docs/adding-a-workflow.md).
import { INSTALLED_WORKFLOWS } from '../../installed-workflows.js';
import { migrateInstances, runAsMain } from './runtime-cli.js';

runAsMain('migrate-instances', () => migrateInstances(process.argv.slice(2), INSTALLED_WORKFLOWS, process.env));
