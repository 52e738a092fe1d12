import pg from 'pg';
import { createTestEnvironment, type TestEnvironment } from '#flyt/testing';

/**
 * The rules that must never break are held by PostgreSQL, not only by the API: here a plain SQL
 * client, as a script, a console session or a future service would be, tries to break each one.
 * Every attempt is refused with the constraint's name, and the rows are as they were before.
 */

interface Refusal {
  code: string;
  constraint?: string;
  message?: RegExp;
}

const EXCLUSION = '23P01';
const CHECK = '23514';
const UNIQUE = '23505';
const RAISED = 'P0001';

describe('database invariants, against plain SQL', () => {
  let env: TestEnvironment;
  let sql: pg.Client;
  const ids = {} as Record<'uni' | 'kari' | 'ola' | 'per' | 'sak' | 'opptak' | 'kariMandate' | 'olaMandate' | 'perOwner' | 'running' | 'held' | 'firstEvent' | 'notification', string>;

  /** Every row of the tables, in a stable order: equal before and after means nothing changed. */
  const rowsOf = async (...tables: string[]) => {
    const rows: Record<string, unknown[]> = {};
    for (const table of tables) rows[table] = (await sql.query(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY t::text`)).rows.map((r) => r.row);
    return rows;
  };

  /** Runs `statement`, expects PostgreSQL to refuse it as `refusal` says, and the tables to be unchanged. */
  const expectRefused = async (tables: string[], statement: string, params: unknown[], refusal: Refusal) => {
    const before = await rowsOf(...tables);
    const error = await sql.query(statement, params).then(
      () => undefined,
      (e: pg.DatabaseError) => e,
    );
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect({ code: error!.code, constraint: error!.constraint, message: error!.message }).toEqual({
      code: refusal.code,
      constraint: refusal.constraint,
      message: refusal.message ? expect.stringMatching(refusal.message) : expect.any(String),
    });
    expect(await rowsOf(...tables)).toEqual(before);
  };

  const one = async (statement: string, params: unknown[] = []) => (await sql.query(statement, params)).rows[0].id as string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    sql = new pg.Client({ connectionString: env.config.database.url });
    await sql.connect();

    ids.uni = await one(`INSERT INTO unit (code, name_nb, name_en, kind, path) VALUES ('uni', 'Universitetet', 'The University', 'university', '{}') RETURNING id`);
    await sql.query(`UPDATE unit SET path = ARRAY[id] WHERE id = $1`, [ids.uni]);
    ids.kari = await one(`INSERT INTO app_user (email, name, unit_id) VALUES ('kari@uni.no', 'Kari Nordmann', $1) RETURNING id`, [ids.uni]);
    ids.ola = await one(`INSERT INTO app_user (email, name, unit_id) VALUES ('ola@uni.no', 'Ola Nordmann', $1) RETURNING id`, [ids.uni]);
    ids.per = await one(`INSERT INTO app_user (email, name, unit_id) VALUES ('per@uni.no', 'Per Hansen', $1) RETURNING id`, [ids.uni]);
    ids.sak = await one(`INSERT INTO process (code, name_nb, name_en, owning_unit_id) VALUES ('sak', 'Saksbehandling', 'Case handling', $1) RETURNING id`, [ids.uni]);
    ids.opptak = await one(`INSERT INTO process (code, name_nb, name_en, owning_unit_id) VALUES ('opptak', 'Opptak', 'Admissions', $1) RETURNING id`, [ids.uni]);
    ids.perOwner = await one(
      `INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from) VALUES ($1, 'process_owner', 'process', $2, '2024-01-01') RETURNING id`,
      [ids.per, ids.sak],
    );
    ids.kariMandate = await one(
      `INSERT INTO mandate (process_id, holder_id, deputy_id, delegated_by, valid_from, valid_to) VALUES ($1, $2, $3, $4, '2026-01-01', '2027-12-31') RETURNING id`,
      [ids.sak, ids.kari, ids.ola, ids.per],
    );
    ids.olaMandate = await one(
      `INSERT INTO mandate (process_id, holder_id, delegated_by, valid_from, valid_to) VALUES ($1, $2, $3, '2026-01-01', '2029-12-31') RETURNING id`,
      [ids.opptak, ids.ola, ids.per],
    );

    ids.running = '00000000-0000-4000-8000-000000000001';
    ids.held = '00000000-0000-4000-8000-000000000002';
    await sql.query(
      `INSERT INTO workflow_instance (id, workflow_id, workflow_version, input, snapshot, state, status, revision) VALUES ($1, 'improvement-case', 1, '{}', '{}', 'draft', 'active', 1)`,
      [ids.running],
    );
    await sql.query(
      `INSERT INTO workflow_instance (id, workflow_id, workflow_version, input, snapshot, state, status, held_since, held_by) VALUES ($1, 'errand', 1, '{}', '{}', 'open', 'active', now(), '{operator}')`,
      [ids.held],
    );
    ids.firstEvent = await one(
      `INSERT INTO workflow_event (instance_id, revision, type, payload, actor_id, actor_roles, facts, to_state) VALUES ($1, 0, 'xstate.init', '{}', $2, '{reporter}', '{}', 'draft') RETURNING id`,
      [ids.running, ids.kari],
    );
    await sql.query(
      `INSERT INTO workflow_event (instance_id, revision, type, payload, actor_id, actor_roles, facts, from_state, to_state, idempotency_key)
       VALUES ($1, 1, 'SUBMIT', '{}', $2, '{reporter}', '{}', 'draft', 'submitted', 'submit-once')`,
      [ids.running, ids.kari],
    );
    const heldStart = await one(
      `INSERT INTO workflow_event (instance_id, revision, type, payload, actor_roles, facts, to_state) VALUES ($1, 0, 'xstate.init', '{}', '{system}', '{}', 'open') RETURNING id`,
      [ids.held],
    );
    await sql.query(
      `INSERT INTO workflow_timer (instance_id, timer_id, delay_name, event, due_at, status, time_left, scheduled_by)
       VALUES ($1, 'held', 'd', '{}', now(), 'held', '{"workingDays": 3}', $2)`,
      [ids.held, heldStart],
    );
    await sql.query(
      `INSERT INTO workflow_timer (instance_id, timer_id, delay_name, event, due_at, status, scheduled_by) VALUES ($1, 'pending', 'd', '{}', now(), 'pending', $2)`,
      [ids.running, ids.firstEvent],
    );
    ids.notification = await one(
      `INSERT INTO notification (user_id, instance_id, workflow_id, template, source_key, email_due) VALUES ($1, $2, 'improvement-case', 'caseSubmitted', $3, 'immediate') RETURNING id`,
      [ids.kari, ids.running, `${ids.firstEvent}/1`],
    );
  });
  afterAll(async () => {
    await sql.end();
    await env.drop();
  });

  describe('organisation', () => {
    it('one process-responsible mandate in force per process: a second one for the same days is refused, an ended one does not count', async () => {
      await expectRefused(
        ['mandate'],
        `INSERT INTO mandate (process_id, holder_id, delegated_by, valid_from, valid_to) VALUES ($1, $2, $3, '2027-12-31', '2028-06-30')`,
        [ids.sak, ids.ola, ids.per],
        { code: EXCLUSION, constraint: 'mandate_one_per_process' },
      );
      // Nor can a mandate that follows be stretched back into the first.
      await sql.query(`INSERT INTO mandate (process_id, holder_id, delegated_by, valid_from, valid_to) VALUES ($1, $2, $3, '2028-01-01', '2028-12-31')`, [
        ids.sak,
        ids.ola,
        ids.per,
      ]);
      await expectRefused(['mandate'], `UPDATE mandate SET valid_from = '2027-06-01' WHERE process_id = $1 AND valid_from = '2028-01-01'`, [ids.sak], {
        code: EXCLUSION,
        constraint: 'mandate_one_per_process',
      });
      // Ending takes the role away for good, so an ended mandate on the same days leaves room.
      await sql.query(
        `INSERT INTO mandate (process_id, holder_id, delegated_by, valid_from, valid_to, ended_at, end_reason) VALUES ($1, $2, $3, '2026-06-01', '2026-12-31', now(), 'Feil')`,
        [ids.sak, ids.ola, ids.per],
      );
      await expectRefused(['mandate'], `UPDATE mandate SET ended_at = NULL WHERE end_reason = 'Feil'`, [], { code: EXCLUSION, constraint: 'mandate_one_per_process' });
    });

    it('one process owner per process at a time: a second owner for the same days is refused, one after the first has ended is not', async () => {
      await expectRefused(
        ['role_assignment'],
        `INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from, valid_to) VALUES ($1, 'process_owner', 'process', $2, '2030-01-01', '2030-12-31')`,
        [ids.ola, ids.sak],
        { code: EXCLUSION, constraint: 'role_assignment_one_process_owner' },
      );
      // Other roles for the process are not limited to one.
      await sql.query(`INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from) VALUES ($1, 'process_adviser', 'process', $2, '2024-01-01')`, [
        ids.ola,
        ids.sak,
      ]);
      await sql.query(`INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from) VALUES ($1, 'process_adviser', 'process', $2, '2024-01-01')`, [
        ids.kari,
        ids.sak,
      ]);
      // The owner who took over once the first was ended.
      const ended = await one(
        `INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from, ended_at) VALUES ($1, 'process_owner', 'process', $2, '2020-01-01', now()) RETURNING id`,
        [ids.ola, ids.sak],
      );
      await expectRefused(['role_assignment'], `UPDATE role_assignment SET ended_at = NULL WHERE id = $1`, [ended], {
        code: EXCLUSION,
        constraint: 'role_assignment_one_process_owner',
      });
    });

    it('a mandate in force runs less than 25 years, and never open-ended to 9999', async () => {
      for (const validTo of ['2051-01-01', '9999-12-31']) {
        await expectRefused(['mandate'], `UPDATE mandate SET valid_to = $2 WHERE id = $1`, [ids.olaMandate, validTo], {
          code: CHECK,
          constraint: 'mandate_at_most_25_years',
        });
      }
      // 25 years is the longest the database takes; MANDATE_MAX_YEARS (at most 25) sets the API's limit within it.
      await sql.query(`UPDATE mandate SET valid_to = '2050-12-31' WHERE id = $1`, [ids.olaMandate]);
    });

    it('a mandate does not end before it starts', async () => {
      await expectRefused(['mandate'], `UPDATE mandate SET valid_to = '2025-12-31' WHERE id = $1`, [ids.kariMandate], { code: CHECK, constraint: 'mandate_check' });
    });

    it('a mandate’s deputy is someone other than its holder', async () => {
      await expectRefused(['mandate'], `UPDATE mandate SET deputy_id = holder_id WHERE id = $1`, [ids.kariMandate], { code: CHECK, constraint: 'mandate_check1' });
    });

    it('an absence of the holder does not end before it starts', async () => {
      await expectRefused(
        ['mandate_absence'],
        `INSERT INTO mandate_absence (mandate_id, starts_on, ends_on, created_by) VALUES ($1, '2026-07-31', '2026-07-01', $2)`,
        [ids.kariMandate, ids.kari],
        { code: CHECK, constraint: 'mandate_absence_check' },
      );
    });

    it('the process-responsible role is held by mandate only, never assigned directly', async () => {
      await expectRefused(
        ['role_assignment'],
        `INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from) VALUES ($1, 'process_responsible', 'process', $2, '2026-01-01')`,
        [ids.ola, ids.sak],
        { code: CHECK, constraint: 'role_assignment_role_check' },
      );
    });

    it('a role assignment does not end before it starts', async () => {
      await expectRefused(['role_assignment'], `UPDATE role_assignment SET valid_to = '2023-12-31' WHERE id = $1`, [ids.perOwner], {
        code: CHECK,
        constraint: 'role_assignment_check',
      });
    });

    it('the university is the one root of the unit tree', async () => {
      await expectRefused(
        ['unit'],
        `INSERT INTO unit (code, name_nb, name_en, kind, path) VALUES ('uni2', 'Et annet universitet', 'Another university', 'university', '{}')`,
        [],
        { code: UNIQUE, constraint: 'unit_single_root_key' },
      );
    });
  });

  describe('workflow runtime', () => {
    const LOG = ['workflow_event', 'workflow_outbox', 'workflow_timer', 'workflow_message', 'notification', 'workflow_instance'];

    it('the event log is append-only: UPDATE is refused', async () => {
      await expectRefused(LOG, `UPDATE workflow_event SET type = 'REWRITTEN' WHERE id = $1`, [ids.firstEvent], {
        code: RAISED,
        message: /^workflow_event is append-only: UPDATE refused$/,
      });
    });

    it('the event log is append-only: DELETE is refused', async () => {
      await expectRefused(LOG, `DELETE FROM workflow_event WHERE instance_id = $1`, [ids.running], {
        code: RAISED,
        message: /^workflow_event is append-only: DELETE refused$/,
      });
    });

    it('the event log is append-only: TRUNCATE is refused, also when it cascades from the instances', async () => {
      await expectRefused(LOG, `TRUNCATE workflow_event CASCADE`, [], { code: RAISED, message: /^workflow_event is append-only: TRUNCATE refused$/ });
      await expectRefused(LOG, `TRUNCATE workflow_instance CASCADE`, [], { code: RAISED, message: /^workflow_event is append-only: TRUNCATE refused$/ });
    });

    it('an instance has one event per revision', async () => {
      await expectRefused(
        ['workflow_event'],
        `INSERT INTO workflow_event (instance_id, revision, type, payload, actor_roles, facts, to_state) VALUES ($1, 1, 'SUBMIT', '{}', '{system}', '{}', 'submitted')`,
        [ids.running],
        { code: UNIQUE, constraint: 'workflow_event_instance_id_revision_key' },
      );
    });

    it('an idempotency key is applied once per instance', async () => {
      await expectRefused(
        ['workflow_event'],
        `INSERT INTO workflow_event (instance_id, revision, type, payload, actor_roles, facts, to_state, idempotency_key)
         VALUES ($1, 2, 'SUBMIT', '{}', '{system}', '{}', 'submitted', 'submit-once')`,
        [ids.running],
        { code: UNIQUE, constraint: 'workflow_event_instance_id_idempotency_key_key' },
      );
    });

    it('an instance’s revision is never negative', async () => {
      await expectRefused(['workflow_instance'], `UPDATE workflow_instance SET revision = -1 WHERE id = $1`, [ids.running], {
        code: CHECK,
        constraint: 'workflow_instance_revision_check',
      });
    });

    it('an instance is on hold (held_since set) exactly when someone holds it (held_by not empty)', async () => {
      await expectRefused(['workflow_instance'], `UPDATE workflow_instance SET held_by = '{}' WHERE id = $1`, [ids.held], {
        code: CHECK,
        constraint: 'workflow_instance_held_check',
      });
      await expectRefused(['workflow_instance'], `UPDATE workflow_instance SET held_by = '{operator}' WHERE id = $1`, [ids.running], {
        code: CHECK,
        constraint: 'workflow_instance_held_check',
      });
    });

    it('an instance is held only by its workflow or an operator', async () => {
      await expectRefused(['workflow_instance'], `UPDATE workflow_instance SET held_by = '{operator,someone}' WHERE id = $1`, [ids.held], {
        code: CHECK,
        constraint: 'workflow_instance_held_by_check',
      });
    });

    it('a held timer keeps the time it had left, and only a held one has any', async () => {
      await expectRefused(['workflow_timer'], `UPDATE workflow_timer SET time_left = NULL WHERE instance_id = $1`, [ids.held], {
        code: CHECK,
        constraint: 'workflow_timer_time_left_check',
      });
      await expectRefused(['workflow_timer'], `UPDATE workflow_timer SET status = 'held' WHERE instance_id = $1`, [ids.running], {
        code: CHECK,
        constraint: 'workflow_timer_time_left_check',
      });
    });

    it('a notification is written once per recipient of an effect', async () => {
      await expectRefused(
        ['notification'],
        `INSERT INTO notification (user_id, instance_id, workflow_id, template, source_key, email_due) VALUES ($1, $2, 'improvement-case', 'caseSubmitted', $3, 'digest')`,
        [ids.kari, ids.running, `${ids.firstEvent}/1`],
        { code: UNIQUE, constraint: 'notification_source_key_user_id_key' },
      );
    });
  });
});
