import type { MigrationInterface, QueryRunner } from 'typeorm';

interface OverlapRow {
  process: string;
  first_id: string;
  first_name: string;
  first_from: string;
  first_to: string | null;
  second_id: string;
  second_name: string;
  second_from: string;
  second_to: string | null;
}

interface LongMandateRow {
  id: string;
  holder: string;
  process: string;
  valid_from: string;
  valid_to: string;
}

/** Enough to act on, short enough to read in a terminal. */
const LISTED_AT_MOST = 50;

const period = (from: string, to: string | null) => `${from} to ${to ?? 'further notice'}`;

/**
 * One process responsible and one process owner per process at a time, and no open mandate of 25
 * years or more (docs/domain.md, "Scopes, mandates, deputies and absences"), held by PostgreSQL so
 * that a race between two requests, or a write that bypasses the API, cannot break them. The API
 * checks first to name what is in the way; these constraints are the guarantee. Also: the event
 * log refuses TRUNCATE as it already refuses UPDATE and DELETE.
 *
 * Ended mandates and assignments are left out: ending one takes the role away for good (whatever
 * its dates say), so it must not block the one that replaces it.
 *
 * MANDATE_MAX_YEARS (4 by default) is configuration and cannot be a constraint; the database holds
 * the bound no configuration may exceed, 25 years.
 */
export class OneMandateAndOneOwnerPerProcess1764000000700 implements MigrationInterface {
  name = 'OneMandateAndOneOwnerPerProcess1764000000700';

  async up(db: QueryRunner): Promise<void> {
    await this.refuseRecordsThatBreakTheRules(db);

    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`
      ALTER TABLE mandate ADD CONSTRAINT mandate_one_per_process
        EXCLUDE USING gist (process_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&) WHERE (ended_at IS NULL)`);
    // An ended mandate grants nothing, so its length no longer matters: history stays as it was delegated.
    await db.query(`
      ALTER TABLE mandate ADD CONSTRAINT mandate_at_most_25_years
        CHECK (ended_at IS NOT NULL OR valid_to < valid_from + interval '25 years')`);
    await db.query(`
      ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_one_process_owner
        EXCLUDE USING gist (process_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&) WHERE (role = 'process_owner' AND ended_at IS NULL)`);
    await db.query(`
      CREATE TRIGGER workflow_event_no_truncate BEFORE TRUNCATE ON workflow_event
      FOR EACH STATEMENT EXECUTE FUNCTION workflow_event_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER workflow_event_no_truncate ON workflow_event`);
    await db.query(`ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_one_process_owner`);
    await db.query(`ALTER TABLE mandate DROP CONSTRAINT mandate_at_most_25_years`);
    await db.query(`ALTER TABLE mandate DROP CONSTRAINT mandate_one_per_process`);
    // btree_gist stays: it may have been installed before this migration, and other objects may use it.
  }

  /**
   * Records that already break the rules stop the migration, listed with what to do about each;
   * nothing is changed. They are not resolved here because the migration cannot tell which one the
   * process owner meant: of two overlapping mandates, the later may be a successor whose
   * predecessor was never shortened, or a mistake; ending either, or cutting one short, changes who
   * may triage the process's cases from the moment of deployment, without anyone deciding it. The
   * people who can decide fix them in minutes with the API the running version already has, and
   * migrate again.
   */
  private async refuseRecordsThatBreakTheRules(db: QueryRunner): Promise<void> {
    const mandates: OverlapRow[] = await db.query(`
      SELECT p.name_nb AS process,
             a.id AS first_id, ha.name AS first_name, a.valid_from::text AS first_from, a.valid_to::text AS first_to,
             b.id AS second_id, hb.name AS second_name, b.valid_from::text AS second_from, b.valid_to::text AS second_to
        FROM mandate a
        JOIN mandate b ON b.process_id = a.process_id AND (a.created_at, a.id) < (b.created_at, b.id)
         AND daterange(a.valid_from, a.valid_to, '[]') && daterange(b.valid_from, b.valid_to, '[]')
        JOIN process p ON p.id = a.process_id
        JOIN app_user ha ON ha.id = a.holder_id
        JOIN app_user hb ON hb.id = b.holder_id
       WHERE a.ended_at IS NULL AND b.ended_at IS NULL
       ORDER BY p.name_nb, a.valid_from, b.valid_from`);
    const owners: OverlapRow[] = await db.query(`
      SELECT p.name_nb AS process,
             a.id AS first_id, ua.name AS first_name, a.valid_from::text AS first_from, a.valid_to::text AS first_to,
             b.id AS second_id, ub.name AS second_name, b.valid_from::text AS second_from, b.valid_to::text AS second_to
        FROM role_assignment a
        JOIN role_assignment b ON b.process_id = a.process_id AND (a.created_at, a.id) < (b.created_at, b.id)
         AND daterange(a.valid_from, a.valid_to, '[]') && daterange(b.valid_from, b.valid_to, '[]')
        JOIN process p ON p.id = a.process_id
        JOIN app_user ua ON ua.id = a.user_id
        JOIN app_user ub ON ub.id = b.user_id
       WHERE a.role = 'process_owner' AND b.role = 'process_owner' AND a.ended_at IS NULL AND b.ended_at IS NULL
       ORDER BY p.name_nb, a.valid_from, b.valid_from`);
    const long: LongMandateRow[] = await db.query(`
      SELECT m.id, h.name AS holder, p.name_nb AS process, m.valid_from::text, m.valid_to::text
        FROM mandate m JOIN process p ON p.id = m.process_id JOIN app_user h ON h.id = m.holder_id
       WHERE m.ended_at IS NULL AND m.valid_to >= m.valid_from + interval '25 years'
       ORDER BY p.name_nb, m.valid_from`);

    const problems = [
      ...mandates.map(
        (r) =>
          `${r.process} has two process responsibles on the same days: ${r.first_name} by mandate ${r.first_id} (${period(r.first_from, r.first_to)}) ` +
          `and ${r.second_name} by mandate ${r.second_id} (${period(r.second_from, r.second_to)}). ` +
          'Shorten one (PATCH /api/mandates/{id} with an earlier validTo) or end it (POST /api/mandates/{id}/end).',
      ),
      ...owners.map(
        (r) =>
          `${r.process} has two process owners on the same days: ${r.first_name} by role assignment ${r.first_id} (${period(r.first_from, r.first_to)}) ` +
          `and ${r.second_name} by role assignment ${r.second_id} (${period(r.second_from, r.second_to)}). ` +
          'Give one a last day (PATCH /api/role-assignments/{id} with validTo) or end it (POST /api/role-assignments/{id}/end).',
      ),
      ...long.map(
        (r) =>
          `The mandate ${r.id} of ${r.holder} for ${r.process} runs ${period(r.valid_from, r.valid_to)}, 25 years or more. ` +
          'Give it a real last day (PATCH /api/mandates/{id} with validTo) or end it (POST /api/mandates/{id}/end).',
      ),
    ];
    if (problems.length === 0) return;
    const listed = problems.slice(0, LISTED_AT_MOST).map((p) => `- ${p}`);
    if (problems.length > LISTED_AT_MOST) listed.push(`- and ${problems.length - LISTED_AT_MOST} more of the same kinds`);
    throw new Error(
      `Migration ${this.name} stopped and changed nothing: a process may have one process responsible and one process owner at a time, ` +
        `and a mandate must run less than 25 years, but ${problems.length} record(s) break that. ` +
        `Resolve each as the process owner sees fit, then migrate again:\n${listed.join('\n')}`,
    );
  }
}
