import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable workflow runtime (docs/architecture.md): instances with a revision for compare-and-swap,
 * the append-only event log, the outbox of effects, and the timers each instance has pending.
 */
export class WorkflowRuntime1764000000000 implements MigrationInterface {
  name = 'WorkflowRuntime1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workflow_instance (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        -- pinned for the instance's life: new versions serve new instances only
        workflow_version integer NOT NULL CHECK (workflow_version > 0),
        input jsonb NOT NULL,
        snapshot jsonb NOT NULL,
        -- the active state as a dotted path (localImprovement.plan), for filters and inboxes
        state text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'done')),
        revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX workflow_instance_state_idx ON workflow_instance (workflow_id, state)`);

    await db.query(`
      CREATE TABLE workflow_event (
        id bigserial PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES workflow_instance(id),
        -- the instance's revision after this event; 0 is the start
        revision integer NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid REFERENCES app_user(id),
        actor_roles text[] NOT NULL,
        facts jsonb NOT NULL,
        -- the role and grant that allowed it, as it stood at that moment
        authority jsonb,
        from_state text,
        to_state text NOT NULL,
        idempotency_key text,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (instance_id, revision),
        UNIQUE (instance_id, idempotency_key)
      )`);
    await db.query(`
      CREATE FUNCTION workflow_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'workflow_event is append-only: % refused', TG_OP;
      END $$`);
    await db.query(`
      CREATE TRIGGER workflow_event_append_only BEFORE UPDATE OR DELETE ON workflow_event
      FOR EACH ROW EXECUTE FUNCTION workflow_event_append_only()`);

    await db.query(`
      CREATE TABLE workflow_outbox (
        id bigserial PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES workflow_instance(id),
        event_id bigint NOT NULL REFERENCES workflow_event(id),
        kind text NOT NULL,
        -- unique per effect: the relay derives job ids from it, so a retry enqueues nothing twice
        key text NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        processed_at timestamptz
      )`);
    await db.query(`CREATE INDEX workflow_outbox_pending_idx ON workflow_outbox (id) WHERE processed_at IS NULL`);

    await db.query(`
      CREATE TABLE workflow_timer (
        instance_id uuid NOT NULL REFERENCES workflow_instance(id),
        -- XState's send id of the delayed event: xstate.after.<delay>.<state id>
        timer_id text NOT NULL,
        -- bumped each time the state is entered again, so a job of an earlier visit is recognisably stale
        generation integer NOT NULL DEFAULT 1,
        delay_name text NOT NULL,
        event jsonb NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'cancelled', 'fired')),
        scheduled_by bigint NOT NULL REFERENCES workflow_event(id),
        settled_by bigint REFERENCES workflow_event(id),
        PRIMARY KEY (instance_id, timer_id)
      )`);
    await db.query(`CREATE INDEX workflow_timer_pending_idx ON workflow_timer (due_at) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE workflow_timer`);
    await db.query(`DROP TABLE workflow_outbox`);
    await db.query(`DROP TABLE workflow_event`);
    await db.query(`DROP FUNCTION workflow_event_append_only()`);
    await db.query(`DROP TABLE workflow_instance`);
  }
}
