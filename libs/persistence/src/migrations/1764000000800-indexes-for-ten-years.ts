import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the reads that ten years of data made slow (bench/RESULTS.md, the api section): an
 * inbox weighs every open case within the caller's reach, with the deadlines that passed in each
 * case's current state. Before these, both were sequential scans: of every case, to find the 11 %
 * still open, and of every timer, to find the fired ones of a few thousand instances.
 * Plain CREATE INDEX: the migration runs in a transaction, and locks the tables for the seconds it takes.
 */
export class IndexesForTenYears1764000000800 implements MigrationInterface {
  name = 'IndexesForTenYears1764000000800';

  async up(db: QueryRunner): Promise<void> {
    // The open cases, reached through the partial index by any query that says the case is in none
    // of the final states (the order of the list does not matter to the planner, and a query that
    // names more states still uses it). Final states of improvement-case v1 and v2.
    await db.query(`
      CREATE INDEX improvement_case_open_idx ON improvement_case (reporting_unit_id)
       WHERE state <> ALL ('{implemented,closed,rejected,declined,withdrawn,merged}'::text[])`);
    // TimerStore.passed: the fired deadlines of many instances at once.
    await db.query(`CREATE INDEX workflow_timer_fired_idx ON workflow_timer (instance_id) WHERE status = 'fired'`);
    // When an instance entered its current state: the newest event that changed the state, read from the index alone.
    await db.query(`CREATE INDEX workflow_event_state_change_idx ON workflow_event (instance_id, revision) WHERE from_state IS DISTINCT FROM to_state`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX workflow_event_state_change_idx`);
    await db.query(`DROP INDEX workflow_timer_fired_idx`);
    await db.query(`DROP INDEX improvement_case_open_idx`);
  }
}
