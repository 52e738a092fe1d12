import type pg from 'pg';
import { atTimeOfDay } from '#flyt/calendar';
import { addDays } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { arrayLiteral, insertRows } from './bulk-insert.js';
import type { SimulatedCase } from './case-simulation.js';
import type { Random } from './random.js';
import type { ScaleOrganisation } from './scale-organisation.js';

const WORKFLOW_ID = 'improvement-case';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
/** A moment on `day` (YYYY-MM-DD) in Oslo. */
const at = (day: string, time = '08:00') => atTimeOfDay(day, time).toISOString();

/** Writes the organisation in one transaction's statements: units, people, processes, roles, mandates. */
export async function writeOrganisation(client: pg.ClientBase, org: ScaleOrganisation): Promise<void> {
  await insertRows(
    client,
    'unit',
    [
      ['id', 'uuid'],
      ['code', 'text'],
      ['name_nb', 'text'],
      ['name_en', 'text'],
      ['kind', 'text'],
      ['parent_id', 'uuid'],
      ['path', 'uuid[]'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    org.units.map((u) => [u.id, u.code, u.nameNb, u.nameEn, u.kind, u.parentId, arrayLiteral(u.path), at(org.launch, '06:00'), at(org.launch, '06:00')]),
  );
  await insertRows(
    client,
    'app_user',
    [
      ['id', 'uuid'],
      ['email', 'text'],
      ['name', 'text'],
      ['unit_id', 'uuid'],
      ['locale', 'text'],
      ['notification_delivery', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
      ['ended_at', 'timestamptz'],
    ],
    org.users.map((u) => [u.id, u.email, u.name, u.unitId, u.locale, u.delivery, at(u.createdOn, '06:00'), at(u.endedOn ?? u.createdOn, '06:00'), u.endedOn ? at(u.endedOn, '06:00') : null]),
  );
  await insertRows(
    client,
    'process',
    [
      ['id', 'uuid'],
      ['code', 'text'],
      ['name_nb', 'text'],
      ['name_en', 'text'],
      ['description', 'text'],
      ['owning_unit_id', 'uuid'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    org.processes.map((p) => [p.id, p.code, p.nameNb, p.nameEn, p.description, p.owningUnitId, at(org.launch, '07:00'), at(org.launch, '07:00')]),
  );
  await insertRows(
    client,
    'process_team_member',
    [
      ['process_id', 'uuid'],
      ['user_id', 'uuid'],
      ['added_at', 'timestamptz'],
    ],
    org.teamMembers.map((t) => [t.processId, t.userId, at(addDays(org.today, -200))]),
  );
  await insertRows(
    client,
    'role_assignment',
    [
      ['id', 'uuid'],
      ['user_id', 'uuid'],
      ['role', 'text'],
      ['scope_kind', 'text'],
      ['unit_id', 'uuid'],
      ['process_id', 'uuid'],
      ['valid_from', 'date'],
      ['valid_to', 'date'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    org.assignments.map((a) => [a.id, a.userId, a.role, a.scopeKind, a.unitId, a.processId, a.validFrom, a.validTo, at(a.validFrom, '07:30'), at(a.validFrom, '07:30')]),
  );
  await insertRows(
    client,
    'mandate',
    [
      ['id', 'uuid'],
      ['process_id', 'uuid'],
      ['holder_id', 'uuid'],
      ['deputy_id', 'uuid'],
      ['delegated_by', 'uuid'],
      ['valid_from', 'date'],
      ['valid_to', 'date'],
      ['description', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    org.mandates.map((m) => [m.id, m.processId, m.holderId, m.deputyId, m.delegatedBy, m.validFrom, m.validTo, m.description, at(addDays(m.validFrom, -7), '10:00'), at(addDays(m.validFrom, -7), '10:00')]),
  );
  await insertRows(
    client,
    'mandate_absence',
    [
      ['id', 'uuid'],
      ['mandate_id', 'uuid'],
      ['starts_on', 'date'],
      ['ends_on', 'date'],
      ['reason', 'text'],
      ['created_by', 'uuid'],
      ['created_at', 'timestamptz'],
    ],
    org.absences.map((a) => [a.id, a.mandateId, a.startsOn, a.endsOn, a.reason, a.createdBy, at(addDays(a.startsOn, -3), '13:00')]),
  );
}

/** Gives the events of a batch their log ids in the order they happened, from `next` on; answers the id after the last. */
export function assignEventIds(cases: readonly SimulatedCase[], next: number): number {
  const events = cases.flatMap((c) => c.events);
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : a.revision - b.revision));
  for (const event of events) event.id = next++;
  return next;
}

export interface WrittenCounts {
  instances: number;
  events: number;
  outbox: number;
  timers: number;
  notifications: number;
  comments: number;
}

/**
 * Writes simulated cases (their events already numbered) as the application leaves them: the
 * instance with its snapshot, the case row, the event log, the timers, the outbox rows (processed
 * by the relay, or waiting for it) and the notifications the relay made, and the comments.
 * `random` decides when people read their notifications, `now` is the present.
 */
export async function writeCases(
  client: pg.ClientBase,
  cases: readonly SimulatedCase[],
  options: { random: Random; now: Date; deliveryOf: ReadonlyMap<string, 'immediate' | 'daily_digest'> },
): Promise<WrittenCounts> {
  const { random, now, deliveryOf } = options;
  await insertRows(
    client,
    'workflow_instance',
    [
      ['id', 'uuid'],
      ['workflow_id', 'text'],
      ['workflow_version', 'int'],
      ['input', 'jsonb'],
      ['snapshot', 'jsonb'],
      ['state', 'text'],
      ['status', 'text'],
      ['revision', 'int'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    cases.map((c) => [c.seed.id, WORKFLOW_ID, c.version, json(c.input), json(c.snapshot), c.state, c.status, c.revision, iso(c.seed.createdAt), iso(c.events[c.events.length - 1]!.occurredAt)]),
  );
  await insertRows(
    client,
    'improvement_case',
    [
      ['id', 'uuid'],
      ['reference', 'text'],
      ['title', 'text'],
      ['description', 'text'],
      ['problem', 'text'],
      ['process_id', 'uuid'],
      ['reporting_unit_id', 'uuid'],
      ['reporter_id', 'uuid'],
      ['significant_it_component', 'boolean'],
      ['expected_benefits', 'text'],
      ['strategic_goals', 'smallint[]'],
      ['estimated_size', 'text'],
      ['cost_benefit', 'jsonb'],
      ['duplicate_of', 'uuid[]'],
      ['state', 'text'],
      ['proposed_at', 'timestamptz'],
      ['escalated_to_programme_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    cases.map((c) => [
      c.seed.id,
      c.seed.reference,
      c.seed.text.title,
      c.seed.text.description,
      c.seed.text.problem,
      c.seed.process.id,
      c.seed.unit.id,
      c.seed.reporter.id,
      c.significantItComponent,
      c.seed.text.expectedBenefits,
      arrayLiteral(c.seed.strategicGoals),
      c.estimatedSize,
      json(c.costBenefit),
      arrayLiteral(c.duplicateOf),
      c.state,
      iso(c.proposedAt),
      iso(c.escalatedToProgrammeAt),
      iso(c.seed.createdAt),
      iso(c.updatedAt),
    ]),
  );
  const events = cases.flatMap((c) => c.events).sort((a, b) => a.id - b.id);
  await insertRows(
    client,
    'workflow_event',
    [
      ['id', 'bigint'],
      ['instance_id', 'uuid'],
      ['revision', 'int'],
      ['type', 'text'],
      ['payload', 'jsonb'],
      ['actor_id', 'uuid'],
      ['actor_roles', 'text[]'],
      ['facts', 'jsonb'],
      ['authority', 'jsonb'],
      ['from_state', 'text'],
      ['to_state', 'text'],
      ['idempotency_key', 'text'],
      ['occurred_at', 'timestamptz'],
    ],
    events.map((e) => [e.id, e.instanceId, e.revision, e.type, json(e.payload ?? null), e.actorId, arrayLiteral(e.actorRoles), json(e.facts), json(e.authority), e.from, e.to, e.idempotencyKey, iso(e.occurredAt)]),
  );
  const timers = cases.flatMap((c) => c.timers);
  await insertRows(
    client,
    'workflow_timer',
    [
      ['instance_id', 'uuid'],
      ['timer_id', 'text'],
      ['generation', 'int'],
      ['delay_name', 'text'],
      ['event', 'jsonb'],
      ['due_at', 'timestamptz'],
      ['status', 'text'],
      ['scheduled_by', 'bigint'],
      ['settled_by', 'bigint'],
    ],
    timers.map((t) => [t.scheduledBy.instanceId, t.timerId, t.generation, t.delayName, json(t.event), iso(t.dueAt), t.status, t.scheduledBy.id, t.settledBy?.id ?? null]),
  );

  const relayed = new Set(cases.filter((c) => c.relayed).map((c) => c.seed.id));
  const outbox: unknown[][] = [];
  const notifications: unknown[][] = [];
  for (const e of events) {
    const done = relayed.has(e.instanceId);
    e.actions.forEach((action, i) => {
      const key = `${e.id}/${i + 1}`;
      const dead = done && action.dead !== null;
      outbox.push([e.instanceId, e.id, action.kind, key, json(action.params), iso(e.occurredAt), dead ? 1 : 0, dead ? action.dead : null, done && !dead ? iso(action.relayedAt) : null, dead ? iso(action.relayedAt) : null]);
      if (!done || dead || !action.notificationParams) return;
      for (const userId of action.recipients) {
        const created = action.relayedAt;
        const delivery = deliveryOf.get(userId) ?? 'immediate';
        const age = now.getTime() - created.getTime();
        const read = random.chance(age > 30 * 86_400_000 ? 0.85 : age > 3 * 86_400_000 ? 0.6 : 0.3);
        const readAt = read ? new Date(Math.min(now.getTime() - 1000, created.getTime() + random.logNormal(5, 1.5) * 3_600_000)) : null;
        const emailedAt =
          delivery === 'immediate' ? new Date(created.getTime() + random.int(1500, 25_000)) : atTimeOfDay(addDays(osloDay(created), 1), '07:00');
        const emailed = emailedAt < now ? emailedAt : null;
        notifications.push([
          userId,
          WORKFLOW_ID,
          e.instanceId,
          e.id,
          e.type.startsWith('xstate.after.'),
          action.params.template,
          json(action.notificationParams),
          key,
          delivery === 'daily_digest' ? 'digest' : 'immediate',
          iso(created),
          iso(readAt),
          iso(emailed),
          emailed ? 1 : 0,
        ]);
      }
    });
    for (const row of e.timerRows) outbox.push([e.instanceId, e.id, row.kind, row.key, json(row.payload), iso(e.occurredAt), 0, null, done ? iso(new Date(e.occurredAt.getTime() + random.int(40, 1500))) : null, null]);
  }
  await insertRows(
    client,
    'workflow_outbox',
    [
      ['instance_id', 'uuid'],
      ['event_id', 'bigint'],
      ['kind', 'text'],
      ['key', 'text'],
      ['payload', 'jsonb'],
      ['created_at', 'timestamptz'],
      ['attempts', 'int'],
      ['last_error', 'text'],
      ['processed_at', 'timestamptz'],
      ['dead_at', 'timestamptz'],
    ],
    outbox,
  );
  await insertRows(
    client,
    'notification',
    [
      ['user_id', 'uuid'],
      ['workflow_id', 'text'],
      ['instance_id', 'uuid'],
      ['event_id', 'bigint'],
      ['by_deadline', 'boolean'],
      ['template', 'text'],
      ['params', 'jsonb'],
      ['source_key', 'text'],
      ['email_due', 'text'],
      ['created_at', 'timestamptz'],
      ['read_at', 'timestamptz'],
      ['emailed_at', 'timestamptz'],
      ['email_attempts', 'int'],
    ],
    notifications,
  );
  const comments = cases.flatMap((c) => c.comments.map((m) => [c.seed.id, m.authorId, m.body, iso(m.createdAt)]));
  await insertRows(
    client,
    'case_comment',
    [
      ['case_id', 'uuid'],
      ['author_id', 'uuid'],
      ['body', 'text'],
      ['created_at', 'timestamptz'],
    ],
    comments,
  );
  return { instances: cases.length, events: events.length, outbox: outbox.length, timers: timers.length, notifications: notifications.length, comments: comments.length };
}

/** The organisation as stored, read back: what the API benchmark needs to make fresh cases the way the seed makes them. */
export async function readOrganisation(client: pg.ClientBase, today: string): Promise<ScaleOrganisation> {
  const q = async <T>(text: string) => (await client.query(text)).rows as T[];
  const units = await q<ScaleOrganisation['units'][number]>(
    `SELECT id, code, name_nb AS "nameNb", name_en AS "nameEn", kind, parent_id AS "parentId", path FROM unit ORDER BY array_length(path, 1), code`,
  );
  const users = await q<ScaleOrganisation['users'][number]>(
    `SELECT id, email, name, unit_id AS "unitId", locale, notification_delivery AS delivery, (created_at AT TIME ZONE 'Europe/Oslo')::date::text AS "createdOn",
            (ended_at AT TIME ZONE 'Europe/Oslo')::date::text AS "endedOn" FROM app_user`,
  );
  const processes = await q<ScaleOrganisation['processes'][number]>(
    `SELECT p.id, p.code, p.name_nb AS "nameNb", p.name_en AS "nameEn", p.description, p.owning_unit_id AS "owningUnitId", count(c.id)::int AS weight
       FROM process p LEFT JOIN improvement_case c ON c.process_id = p.id GROUP BY p.id`,
  );
  const teamMembers = await q<{ processId: string; userId: string }>(`SELECT process_id AS "processId", user_id AS "userId" FROM process_team_member`);
  const assignments = await q<ScaleOrganisation['assignments'][number]>(
    `SELECT id, user_id AS "userId", role, scope_kind AS "scopeKind", unit_id AS "unitId", process_id AS "processId", valid_from::text AS "validFrom", valid_to::text AS "validTo"
       FROM role_assignment WHERE ended_at IS NULL`,
  );
  const mandates = await q<ScaleOrganisation['mandates'][number]>(
    `SELECT id, process_id AS "processId", holder_id AS "holderId", deputy_id AS "deputyId", delegated_by AS "delegatedBy", valid_from::text AS "validFrom",
            valid_to::text AS "validTo", description FROM mandate WHERE ended_at IS NULL`,
  );
  const absences = await q<ScaleOrganisation['absences'][number]>(
    `SELECT id, mandate_id AS "mandateId", starts_on::text AS "startsOn", ends_on::text AS "endsOn", reason, created_by AS "createdBy" FROM mandate_absence`,
  );
  const [{ launch }] = await q<{ launch: string }>(`SELECT (min(created_at) AT TIME ZONE 'Europe/Oslo')::date::text AS launch FROM unit`);
  return { today, launch: launch!, units, users, processes, teamMembers, assignments, mandates, absences };
}
