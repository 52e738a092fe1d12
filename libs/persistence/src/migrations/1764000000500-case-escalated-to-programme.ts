import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a process owner leaves a case undecided past the deadline, the programme secretariat is
 * told (DEADLINE_RULES `secretariatEscalation`). From then on the secretariat must be able to open
 * the case, as it can the cases proposed to the programme; the case row records the moment so the
 * case lists can filter on it. Cases escalated before this migration get it from their event log.
 */
export class CaseEscalatedToProgramme1764000000500 implements MigrationInterface {
  name = 'CaseEscalatedToProgramme1764000000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE improvement_case ADD COLUMN escalated_to_programme_at timestamptz`);
    await db.query(
      `UPDATE improvement_case c SET escalated_to_programme_at = first.occurred_at
         FROM (SELECT instance_id, min(occurred_at) AS occurred_at FROM workflow_event
                WHERE type LIKE 'xstate.after.secretariatEscalation.%' GROUP BY instance_id) first
        WHERE first.instance_id = c.id`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE improvement_case DROP COLUMN escalated_to_programme_at`);
  }
}
