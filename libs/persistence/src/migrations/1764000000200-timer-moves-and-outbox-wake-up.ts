import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deadlines moved by the person in charge, with their reason; and a wake-up for the outbox relay. */
export class TimerMovesAndOutboxWakeUp1764000000200 implements MigrationInterface {
  name = 'TimerMovesAndOutboxWakeUp1764000000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workflow_timer_move (
        id bigserial PRIMARY KEY,
        instance_id uuid NOT NULL,
        timer_id text NOT NULL,
        from_generation integer NOT NULL,
        to_generation integer NOT NULL,
        from_due_at timestamptz NOT NULL,
        to_due_at timestamptz NOT NULL,
        moved_by uuid REFERENCES app_user(id),
        reason text NOT NULL CHECK (length(reason) > 0),
        moved_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (instance_id, timer_id) REFERENCES workflow_timer(instance_id, timer_id)
      )`);
    await db.query(`CREATE INDEX workflow_timer_move_instance_idx ON workflow_timer_move (instance_id)`);
    // One notification per inserting statement: the relay wakes at once instead of on its next poll.
    await db.query(`
      CREATE FUNCTION workflow_outbox_wake_up() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('workflow_outbox', '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER workflow_outbox_wake_up AFTER INSERT ON workflow_outbox
      FOR EACH STATEMENT EXECUTE FUNCTION workflow_outbox_wake_up()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER workflow_outbox_wake_up ON workflow_outbox`);
    await db.query(`DROP FUNCTION workflow_outbox_wake_up()`);
    await db.query(`DROP TABLE workflow_timer_move`);
  }
}
