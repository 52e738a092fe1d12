import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: one row per recipient of a `notify` effect, the in-app list and the
 * state of its e-mail; and each user's choice between immediate mails and a daily digest.
 */
export class Notifications1764000000300 implements MigrationInterface {
  name = 'Notifications1764000000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE app_user ADD COLUMN notification_delivery text NOT NULL DEFAULT 'immediate'
        CHECK (notification_delivery IN ('immediate', 'daily_digest'))`);
    await db.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        case_id uuid REFERENCES improvement_case(id),
        template text NOT NULL CHECK (length(template) > 0),
        -- what the text needs, as it stood when the notification was made (reference, title, state, deadline)
        params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
        -- the key of the outbox row it came from: a redelivered effect creates nothing twice
        source_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        -- fixed when the row is made, from the user's choice at that moment
        email_due text NOT NULL CHECK (email_due IN ('immediate', 'digest')),
        -- a sender holds the claim while it sends; a claim older than a few minutes is stale (the sender died)
        email_claimed_at timestamptz,
        emailed_at timestamptz,
        email_attempts integer NOT NULL DEFAULT 0 CHECK (email_attempts >= 0),
        email_error text,
        UNIQUE (source_key, user_id)
      )`);
    // The in-app list: own rows, newest first, optionally unread only.
    await db.query(`CREATE INDEX notification_user_created_idx ON notification (user_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX notification_user_unread_idx ON notification (user_id, created_at DESC) WHERE read_at IS NULL`);
    // What the digest and the e-mail sweeper look for.
    await db.query(`CREATE INDEX notification_unemailed_idx ON notification (email_due, user_id) WHERE emailed_at IS NULL`);
    await db.query(`CREATE INDEX notification_case_idx ON notification (case_id) WHERE case_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification`);
    await db.query(`ALTER TABLE app_user DROP COLUMN notification_delivery`);
  }
}
