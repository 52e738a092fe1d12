import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { withDatabaseName } from '#flyt/persistence';
import { baseTestConfig, testRunId } from '#flyt/testing';

const ROOT = new URL('../../', import.meta.url).pathname;
let built: Promise<void> | undefined;

/**
 * The compiled apps in dist/, as `npm start` runs them, for the tests that start Flyt as OS
 * processes. Built once per test run by whichever file asks first: Jest workers are separate
 * processes and two compilers writing dist/ at once would tear files, so an advisory lock on the
 * database server serialises them and a marker of the run says the build is done.
 */
export function ensureCompiled(): Promise<void> {
  built ??= build();
  return built;
}

async function build(): Promise<void> {
  const marker = `${ROOT}dist/.test-build-${testRunId()}`;
  const lock = new pg.Client({ connectionString: withDatabaseName(baseTestConfig().database.url, 'postgres') });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [`flyt_test_${testRunId()}_build`]);
    if (existsSync(marker)) return;
    // The build of `npm run build`, and the entry points of the tests' own workflows (test/workflows).
    await promisify(execFile)(`${ROOT}node_modules/.bin/tsc`, ['-p', 'tsconfig.test-build.json'], { cwd: ROOT });
    writeFileSync(marker, new Date().toISOString());
  } finally {
    await lock.end();
  }
}

export const COMPILED_ROOT = ROOT;
