// `npm run replay-check [-- <workflow id>]`: rebuilds every workflow instance's snapshot from its
// event log and compares it with the stored one. Exits 1 and lists the instances that differ.
import { INSTALLED_WORKFLOWS } from '../../installed-workflows.js';
import { replayCheck, runAsMain } from './runtime-cli.js';

runAsMain('replay-check', () => replayCheck(process.argv.slice(2), INSTALLED_WORKFLOWS, process.env));
