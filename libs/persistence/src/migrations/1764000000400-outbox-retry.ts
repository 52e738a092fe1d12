import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox row whose dispatch failed waits before its next attempt, so a broken row does not
 * hold the relay in a tight loop and the rows behind it keep flowing.
 */
export class OutboxRetry1764000000400 implements MigrationInterface {
  name = 'OutboxRetry1764000000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE workflow_outbox ADD COLUMN next_attempt_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE workflow_outbox DROP COLUMN next_attempt_at`);
  }
}
