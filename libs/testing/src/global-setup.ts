// Jest loads this file outside its module mapper: it may import npm packages only, not our libraries.
import { randomBytes } from 'node:crypto';

/** Gives the run its id; the first test file that needs a database builds the run's migrated template. */
export default async function globalSetup(): Promise<void> {
  process.env.FLYT_TEST_RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
