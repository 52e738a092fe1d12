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
      expect(await revertMigrations(config, steps)).toHaveLength(steps);
      expect((await runMigrations(config)).applied).toHaveLength(steps);
      if (steps === 1) expect(await notificationSources(config)).toEqual([{ workflow_id: 'improvement-case', has_event: true, by_deadline: false }]);
      if (steps === 2) expect(await escalatedToProgrammeAt()).toEqual([new Date('2026-10-05T08:00:00Z')]);
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
