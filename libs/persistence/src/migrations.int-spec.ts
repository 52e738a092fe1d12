import { DataSource } from 'typeorm';
import { serverUrlFor, uniqueTestName } from '#flyt/testing';
import { dataSourceOptions } from './data-source-options.js';
import { dropDatabase, ensureDatabase } from './ensure-database.js';
import { MIGRATIONS } from './migrations/index.js';
import { revertMigrations, runMigrations } from './run-migrations.js';

/** Rows in every table, so each migration runs on a database that already holds data. */
async function seedEveryTable(db: DataSource): Promise<void> {
  const [university] = await db.query(
    `INSERT INTO unit (code, name_nb, name_en, kind, path) VALUES ('uni', 'Universitetet', 'The University', 'university', '{}') RETURNING id`,
  );
  await db.query(`UPDATE unit SET path = ARRAY[id] WHERE id = $1`, [university.id]);
  const [user] = await db.query(
    `INSERT INTO app_user (email, name, unit_id) VALUES ('kari@uni.no', 'Kari Nordmann', $1) RETURNING id`,
    [university.id],
  );
  const [process] = await db.query(
    `INSERT INTO process (code, name_nb, name_en, owning_unit_id) VALUES ('sak', 'Saksbehandling', 'Case handling', $1) RETURNING id`,
    [university.id],
  );
  await db.query(`INSERT INTO process_team_member (process_id, user_id) VALUES ($1, $2)`, [process.id, user.id]);
  await db.query(
    `INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from) VALUES ($1, 'process_owner', 'process', $2, '2026-01-01')`,
    [user.id, process.id],
  );
  const [mandate] = await db.query(
    `INSERT INTO mandate (process_id, holder_id, delegated_by, valid_from, valid_to) VALUES ($1, $2, $2, '2026-01-01', '2027-12-31') RETURNING id`,
    [process.id, user.id],
  );
  await db.query(`INSERT INTO mandate_absence (mandate_id, starts_on, ends_on, created_by) VALUES ($1, '2026-07-01', '2026-07-31', $2)`, [
    mandate.id,
    user.id,
  ]);
  // What one process responsible and one process owner at a time must let through: a mandate and an
  // owner that were ended on the same days (ending takes the role away for good), one that follows
  // the day after, one that ran out before, and an ended mandate delegated open-ended to 9999.
  const [successor] = await db.query(
    `INSERT INTO app_user (email, name, unit_id) VALUES ('ola@uni.no', 'Ola Nordmann', $1) RETURNING id`,
    [university.id],
  );
  await db.query(
    `INSERT INTO mandate (process_id, holder_id, delegated_by, valid_from, valid_to, ended_at, ended_by, end_reason)
     VALUES ($1, $2, $3, '2026-06-01', '2026-12-31', now(), $3, 'Delegert ved en feil'),
            ($1, $2, $3, '2020-01-01', '9999-12-31', now(), $3, 'Erstattet'),
            ($1, $2, $3, '2028-01-01', '2031-12-31', NULL, NULL, NULL)`,
    [process.id, successor.id, user.id],
  );
  await db.query(
    `INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from, valid_to, ended_at, end_reason)
     VALUES ($1, 'process_owner', 'process', $2, '2026-03-01', NULL, now(), 'Omorganisering'),
            ($1, 'process_owner', 'process', $2, '2020-01-01', '2025-12-31', NULL, NULL)`,
    [successor.id, process.id],
  );
  await db.query(
    `INSERT INTO signing_key (kid, purpose, algorithm, private_jwk, public_jwk) VALUES ('k1', 'dev-login', 'ES256', '{}', '{}')`,
  );

  const instanceId = '00000000-0000-4000-8000-000000000001';
  await db.query(
    `INSERT INTO workflow_instance (id, workflow_id, workflow_version, input, snapshot, state, status) VALUES ($1, 'improvement-case', 1, '{}', '{}', 'draft', 'active')`,
    [instanceId],
  );
  const [event] = await db.query(
    `INSERT INTO workflow_event (instance_id, revision, type, payload, actor_id, actor_roles, facts, to_state) VALUES ($1, 0, 'xstate.init', '{}', $2, '{reporter}', '{}', 'draft') RETURNING id`,
    [instanceId, user.id],
  );
  await db.query(`INSERT INTO workflow_outbox (instance_id, event_id, kind, key, payload) VALUES ($1, $2, 'notify', 'k', '{}')`, [instanceId, event.id]);
  await db.query(
    `INSERT INTO workflow_timer (instance_id, timer_id, delay_name, event, due_at, status, scheduled_by) VALUES ($1, 't', 'd', '{}', now(), 'pending', $2)`,
    [instanceId, event.id],
  );
  await db.query(
    `INSERT INTO improvement_case (id, title, description, problem, process_id, reporting_unit_id, reporter_id, strategic_goals, cost_benefit, state)
     VALUES ($1, 'Digital signering', '', 'Papirkontrakter', $2, $3, $4, '{2,9}', '{"values": []}', 'draft')`,
    [instanceId, process.id, university.id, user.id],
  );
  // A case the deadline escalated to the programme secretariat before its column existed.
  await db.query(
    `INSERT INTO workflow_event (instance_id, revision, type, payload, actor_roles, facts, from_state, to_state, occurred_at)
     VALUES ($1, 1, 'xstate.after.secretariatEscalation.improvement-case.withProcessOwner', '{}', '{system}', '{}', 'withProcessOwner', 'withProcessOwner', '2026-10-05T08:00:00Z')`,
    [instanceId],
  );
  await db.query(`INSERT INTO case_comment (case_id, author_id, body) VALUES ($1, $2, 'Godt forslag')`, [instanceId, user.id]);
  await db.query(`UPDATE app_user SET notification_delivery = 'daily_digest' WHERE id = $1`, [user.id]);
  await db.query(
    `INSERT INTO notification (user_id, instance_id, workflow_id, event_id, by_deadline, template, params, source_key, email_due)
     VALUES ($1, $2, 'improvement-case', $3, false, 'caseSubmitted', '{"reference": "FLYT-2026-0001"}', $4, 'digest')`,
    [user.id, instanceId, event.id, `${event.id}/1`],
  );
  // A child started by the case, a message to it, a held deadline, a dead outbox row.
  const childId = '00000000-0000-4000-8000-000000000002';
  await db.query(
    `INSERT INTO workflow_instance (id, workflow_id, workflow_version, input, snapshot, state, status, parent_instance_id, held_since, held_by)
     VALUES ($1, 'errand', 1, '{}', '{}', 'open', 'active', $2, now(), '{operator}')`,
    [childId, instanceId],
  );
  const [childStart] = await db.query(
    `INSERT INTO workflow_event (instance_id, revision, type, payload, actor_roles, facts, to_state) VALUES ($1, 0, 'xstate.init', '{}', '{system}', '{}', 'open') RETURNING id`,
    [childId],
  );
  await db.query(
    `INSERT INTO workflow_message (key, kind, from_instance_id, from_event_id, to_instance_id, to_workflow_id, event_type, sent_at, delivered_event_id, delivered_at)
     VALUES ($5, 'start', $2, $1, $3, 'errand', 'xstate.init', now(), $4, now())`,
    [event.id, instanceId, childId, childStart.id, `${event.id}/2`],
  );
  await db.query(
    `INSERT INTO workflow_timer (instance_id, timer_id, delay_name, event, due_at, status, time_left, scheduled_by)
     VALUES ($1, 'held', 'd', '{}', now(), 'held', '{"workingDays": 3}', $2)`,
    [childId, childStart.id],
  );
  await db.query(
    `INSERT INTO workflow_outbox (instance_id, event_id, kind, key, payload, attempts, last_error, dead_at) VALUES ($1, $2, 'notify', 'dead', '{}', 1, 'nobody to notify', now())`,
    [childId, childStart.id],
  );
}

/** What the migration of 1764000000600 fills in for notifications made before it: the workflow and the event. */
async function notificationSources(config: { database: { url: string; poolSize: number } }): Promise<unknown[]> {
  const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
  await db.initialize();
  try {
    return await db.query(`SELECT workflow_id, event_id IS NOT NULL AS has_event, by_deadline FROM notification`);
  } finally {
    await db.destroy();
  }
}

describe('migrations', () => {
  const url = serverUrlFor(uniqueTestName('db'));
  const config = { database: { url, poolSize: 2 } };

  beforeAll(async () => {
    await ensureDatabase(url);
  });
  afterAll(async () => {
    await dropDatabase(url);
  });

  it('apply in order on an empty database, then once only', async () => {
    const first = await runMigrations(config);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => new m().name));
    const second = await runMigrations(config);
    expect(second.applied).toEqual([]);
  });

  /** Migration 1764000000500 fills in the case's first escalation to the programme from the event log. */
  async function escalatedToProgrammeAt(): Promise<Date[]> {
    const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
    await db.initialize();
    try {
      return (await db.query(`SELECT escalated_to_programme_at FROM improvement_case`)).map((r: { escalated_to_programme_at: Date }) => r.escalated_to_programme_at);
    } finally {
      await db.destroy();
    }
  }

  it('revert one by one and apply again on a database that holds data', async () => {
    const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
    await db.initialize();
    try {
      await seedEveryTable(db);
    } finally {
      await db.destroy();
    }

    // Each migration's down() copes with the rows of every table, and its up() runs again on a
    // database whose earlier tables hold data.
    for (let steps = 1; steps < MIGRATIONS.length; steps += 1) {
      const reverted = await revertMigrations(config, steps);
      expect(reverted).toHaveLength(steps);
      expect((await runMigrations(config)).applied).toHaveLength(steps);
      // What a migration fills in from older data, checked once it has run again on that data.
      const oldestReverted = reverted.at(-1);
      if (oldestReverted === 'WorkflowPlatform1764000000600') {
        expect(await notificationSources(config)).toEqual([{ workflow_id: 'improvement-case', has_event: true, by_deadline: false }]);
      }
      if (oldestReverted === 'CaseEscalatedToProgramme1764000000500') expect(await escalatedToProgrammeAt()).toEqual([new Date('2026-10-05T08:00:00Z')]);
    }
    const survivor = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
    await survivor.initialize();
    try {
      const [{ count }] = await survivor.query(`SELECT count(*)::int AS count FROM app_user WHERE email = 'kari@uni.no'`);
      expect(count).toBe(1);
    } finally {
      await survivor.destroy();
    }

    const reverted = await revertMigrations(config, MIGRATIONS.length);
    expect(reverted).toHaveLength(MIGRATIONS.length);

    const check = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
    await check.initialize();
    try {
      const tables = await check.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration'`);
      expect(tables).toEqual([]);
    } finally {
      await check.destroy();
    }

    const again = await runMigrations(config);
    expect(again.applied).toHaveLength(MIGRATIONS.length);
  });
});

describe('the migration to one process responsible and one process owner at a time', () => {
  const url = serverUrlFor(uniqueTestName('db'));
  const config = { database: { url, poolSize: 2 } };
  const NAME = 'OneMandateAndOneOwnerPerProcess1764000000700';
  let db: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    await runMigrations(config);
    // Back to the schema before it (and before any migration that came after it).
    await revertMigrations(config, MIGRATIONS.length - MIGRATIONS.findIndex((m) => new m().name === NAME));
    db = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(url);
  });

  const organisation = async () => ({
    mandates: await db.query(`SELECT id, valid_to::text, ended_at FROM mandate ORDER BY id`),
    owners: await db.query(`SELECT id, valid_to::text, ended_at FROM role_assignment ORDER BY id`),
  });
  const applied = async () => (await db.query(`SELECT name FROM schema_migration WHERE name = $1`, [NAME])).length === 1;

  it('stops on records that break the rules, lists each with what to do, changes nothing, and applies once they are resolved', async () => {
    const [uni] = await db.query(`INSERT INTO unit (code, name_nb, name_en, kind, path) VALUES ('uni', 'Universitetet', 'The University', 'university', '{}') RETURNING id`);
    await db.query(`UPDATE unit SET path = ARRAY[id] WHERE id = $1`, [uni.id]);
    const [kari, ola, per] = await db.query(
      `INSERT INTO app_user (email, name, unit_id) VALUES ('kari@uni.no', 'Kari Nordmann', $1), ('ola@uni.no', 'Ola Nordmann', $1), ('per@uni.no', 'Per Hansen', $1) RETURNING id`,
      [uni.id],
    );
    const [sak, opptak] = await db.query(
      `INSERT INTO process (code, name_nb, name_en, owning_unit_id) VALUES ('sak', 'Saksbehandling', 'Case handling', $1), ('opptak', 'Opptak', 'Admissions', $1) RETURNING id`,
      [uni.id],
    );
    const insertMandate = async (processId: string, holderId: string, from: string, to: string, createdAt: string) =>
      (
        await db.query(
          `INSERT INTO mandate (process_id, holder_id, delegated_by, valid_from, valid_to, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [processId, holderId, per.id, from, to, createdAt],
        )
      )[0].id as string;
    const insertOwner = async (userId: string, from: string, to: string | null, createdAt: string) =>
      (
        await db.query(
          `INSERT INTO role_assignment (user_id, role, scope_kind, process_id, valid_from, valid_to, created_at) VALUES ($1, 'process_owner', 'process', $2, $3, $4, $5) RETURNING id`,
          [userId, sak.id, from, to, createdAt],
        )
      )[0].id as string;
    // A successor delegated before the predecessor was shortened; owners overlapping; a mandate "until further notice".
    const kariMandate = await insertMandate(sak.id, kari.id, '2026-01-01', '2027-12-31', '2026-01-01T10:00:00Z');
    const olaMandate = await insertMandate(sak.id, ola.id, '2027-07-01', '2029-06-30', '2026-05-01T10:00:00Z');
    const endless = await insertMandate(opptak.id, kari.id, '2020-01-01', '9999-12-31', '2020-01-01T10:00:00Z');
    const perOwner = await insertOwner(per.id, '2024-01-01', null, '2024-01-01T10:00:00Z');
    const kariOwner = await insertOwner(kari.id, '2026-08-01', '2027-07-31', '2026-02-01T10:00:00Z');
    const before = await organisation();

    const refusal = await runMigrations(config).then(
      () => new Error('expected the migration to stop'),
      (error: Error) => error,
    );
    expect(refusal.message).toContain(`Migration ${NAME} stopped and changed nothing`);
    expect(refusal.message).toContain(
      `- Saksbehandling has two process responsibles on the same days: Kari Nordmann by mandate ${kariMandate} (2026-01-01 to 2027-12-31) ` +
        `and Ola Nordmann by mandate ${olaMandate} (2027-07-01 to 2029-06-30). Shorten one (PATCH /api/mandates/{id} with an earlier validTo) or end it`,
    );
    expect(refusal.message).toContain(
      `- Saksbehandling has two process owners on the same days: Per Hansen by role assignment ${perOwner} (2024-01-01 to further notice) ` +
        `and Kari Nordmann by role assignment ${kariOwner} (2026-08-01 to 2027-07-31). Give one a last day`,
    );
    expect(refusal.message).toContain(`- The mandate ${endless} of Kari Nordmann for Opptak runs 2020-01-01 to 9999-12-31, 25 years or more.`);
    expect(refusal.message).toContain('3 record(s) break that');
    expect(await applied()).toBe(false);
    expect(await organisation()).toEqual(before);
    const constraints = await db.query(`SELECT conname FROM pg_constraint WHERE conname IN ('mandate_one_per_process', 'role_assignment_one_process_owner', 'mandate_at_most_25_years')`);
    expect(constraints).toEqual([]);

    // As the process owner would through the API: the predecessor shortened, the old owner given a last day, the endless mandate ended.
    await db.query(`UPDATE mandate SET valid_to = '2027-06-30' WHERE id = $1`, [kariMandate]);
    await db.query(`UPDATE role_assignment SET valid_to = '2026-07-31' WHERE id = $1`, [perOwner]);
    await db.query(`UPDATE mandate SET ended_at = now(), end_reason = 'Uten sluttdato' WHERE id = $1`, [endless]);
    expect((await runMigrations(config)).applied).toContain(NAME);
    expect(await applied()).toBe(true);
  });
});
