// A worker process that runs the errand beside the installed workflows, as the errand's tests start
// it (compiled to dist/test/workflows/errand/errand-worker.main.js).
import 'reflect-metadata';
import { loadConfig } from '#flyt/config';
import { INSTALLED_WORKFLOWS } from '../../../apps/installed-workflows.js';
import { createWorkerApp } from '../../../apps/worker/src/create-worker-app.js';
import { errandRegistration } from './errand.registration.js';

await createWorkerApp(loadConfig(process.env), { workflows: [...INSTALLED_WORKFLOWS, errandRegistration()] });
console.log(JSON.stringify({ level: 'info', service: 'flyt-worker', msg: 'Flyt worker with the errand consuming queues' }));
