import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runtime as a platform for many workflows (docs/architecture.md): instances on hold and their
 * held deadlines with the time they had left; parent and child instances and the messages between
 * instances; outbox rows that can never be carried out (dead, with the reason); and notifications
 * about an instance of any workflow, not only improvement cases, knowing the event that made them.
 */
export class WorkflowPlatform1764000000600 implements MigrationInterface {
  name = 'WorkflowPlatform1764000000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE workflow_instance ADD COLUMN held_since timestamptz`);
    // Who holds it: its own workflow (a decision such as HOLD at a gate), an operator, or both.
    await db.query(`ALTER TABLE workflow_instance ADD COLUMN held_by text[] NOT NULL DEFAULT '{}' CHECK (held_by <@ ARRAY['workflow', 'operator'])`);
    await db.query(`ALTER TABLE workflow_instance ADD CONSTRAINT workflow_instance_held_check CHECK ((held_since IS NULL) = (cardinality(held_by) = 0))`);
    await db.query(`ALTER TABLE workflow_instance ADD COLUMN parent_instance_id uuid REFERENCES workflow_instance(id)`);
    await db.query(`CREATE INDEX workflow_instance_parent_idx ON workflow_instance (parent_instance_id) WHERE parent_instance_id IS NOT NULL`);

    await db.query(`ALTER TABLE workflow_timer DROP CONSTRAINT workflow_timer_status_check`);
    await db.query(`ALTER TABLE workflow_timer ADD CONSTRAINT workflow_timer_status_check CHECK (status IN ('pending', 'held', 'cancelled', 'fired'))`);
    // What a held deadline had left: {"workingDays": n} or {"ms": n}; set exactly while it is held.
    await db.query(`ALTER TABLE workflow_timer ADD COLUMN time_left jsonb`);
    await db.query(`ALTER TABLE workflow_timer ADD CONSTRAINT workflow_timer_time_left_check CHECK ((status = 'held') = (time_left IS NOT NULL))`);

    await db.query(`
      CREATE TABLE workflow_message (
        -- the key of the sender's outbox row: the receiver's event carries 'message/' || key as its idempotency key
        key text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('start', 'event')),
        from_instance_id uuid NOT NULL REFERENCES workflow_instance(id),
        from_event_id bigint NOT NULL REFERENCES workflow_event(id),
        -- no foreign key: a child to be started does not exist until its start is delivered
        to_instance_id uuid NOT NULL,
        to_workflow_id text NOT NULL,
        event_type text NOT NULL,
        sent_at timestamptz NOT NULL,
        delivered_event_id bigint REFERENCES workflow_event(id),
        delivered_at timestamptz
      )`);
    await db.query(`CREATE INDEX workflow_message_from_idx ON workflow_message (from_instance_id)`);
    await db.query(`CREATE INDEX workflow_message_to_idx ON workflow_message (to_instance_id)`);
    await db.query(`CREATE UNIQUE INDEX workflow_message_delivered_idx ON workflow_message (delivered_event_id) WHERE delivered_event_id IS NOT NULL`);

    await db.query(`ALTER TABLE workflow_outbox ADD COLUMN dead_at timestamptz`);
    await db.query(`CREATE INDEX workflow_outbox_dead_idx ON workflow_outbox (dead_at DESC) WHERE dead_at IS NOT NULL`);
    await db.query(`DROP INDEX workflow_outbox_pending_idx`);
    await db.query(`CREATE INDEX workflow_outbox_pending_idx ON workflow_outbox (id) WHERE processed_at IS NULL AND dead_at IS NULL`);

    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_case_id_fkey`);
    await db.query(`ALTER TABLE notification RENAME COLUMN case_id TO instance_id`);
    await db.query(`ALTER TABLE notification ADD CONSTRAINT notification_instance_id_fkey FOREIGN KEY (instance_id) REFERENCES workflow_instance(id)`);
    await db.query(`ALTER INDEX notification_case_idx RENAME TO notification_instance_idx`);
    await db.query(`ALTER TABLE notification ADD COLUMN workflow_id text`);
    await db.query(`ALTER TABLE notification ADD COLUMN event_id bigint REFERENCES workflow_event(id)`);
    // Made by a deadline that passed (a reminder, an escalation): the inbox shows its instance to the one it told.
    await db.query(`ALTER TABLE notification ADD COLUMN by_deadline boolean NOT NULL DEFAULT false`);
    await db.query(`
      UPDATE notification n SET workflow_id = i.workflow_id
        FROM workflow_instance i WHERE i.id = n.instance_id`);
    await db.query(`
      UPDATE notification n SET event_id = e.id, by_deadline = e.type LIKE 'xstate.after.%'
        FROM workflow_event e
       WHERE n.source_key ~ '^[0-9]+/' AND e.id = split_part(n.source_key, '/', 1)::bigint`);
    await db.query(`CREATE INDEX notification_deadline_notices_idx ON notification (user_id, workflow_id) WHERE by_deadline`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notification_deadline_notices_idx`);
    await db.query(`ALTER TABLE notification DROP COLUMN by_deadline`);
    await db.query(`ALTER TABLE notification DROP COLUMN event_id`);
    await db.query(`ALTER TABLE notification DROP COLUMN workflow_id`);
    await db.query(`ALTER INDEX notification_instance_idx RENAME TO notification_case_idx`);
    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_instance_id_fkey`);
    await db.query(`ALTER TABLE notification RENAME COLUMN instance_id TO case_id`);
    // Notifications about other workflows than cases cannot stay in a table that knows only cases.
    await db.query(`DELETE FROM notification WHERE case_id IS NOT NULL AND case_id NOT IN (SELECT id FROM improvement_case)`);
    await db.query(`ALTER TABLE notification ADD CONSTRAINT notification_case_id_fkey FOREIGN KEY (case_id) REFERENCES improvement_case(id)`);

    await db.query(`DROP INDEX workflow_outbox_pending_idx`);
    await db.query(`CREATE INDEX workflow_outbox_pending_idx ON workflow_outbox (id) WHERE processed_at IS NULL`);
    await db.query(`DROP INDEX workflow_outbox_dead_idx`);
    await db.query(`ALTER TABLE workflow_outbox DROP COLUMN dead_at`);

    await db.query(`DROP TABLE workflow_message`);

    // A held deadline becomes pending again at the due time it had.
    await db.query(`ALTER TABLE workflow_timer DROP CONSTRAINT workflow_timer_time_left_check`);
    await db.query(`UPDATE workflow_timer SET status = 'pending' WHERE status = 'held'`);
    await db.query(`ALTER TABLE workflow_timer DROP COLUMN time_left`);
    await db.query(`ALTER TABLE workflow_timer DROP CONSTRAINT workflow_timer_status_check`);
    await db.query(`ALTER TABLE workflow_timer ADD CONSTRAINT workflow_timer_status_check CHECK (status IN ('pending', 'cancelled', 'fired'))`);

    await db.query(`DROP INDEX workflow_instance_parent_idx`);
    await db.query(`ALTER TABLE workflow_instance DROP COLUMN parent_instance_id`);
    await db.query(`ALTER TABLE workflow_instance DROP CONSTRAINT workflow_instance_held_check`);
    await db.query(`ALTER TABLE workflow_instance DROP COLUMN held_by`);
    await db.query(`ALTER TABLE workflow_instance DROP COLUMN held_since`);
  }
}
