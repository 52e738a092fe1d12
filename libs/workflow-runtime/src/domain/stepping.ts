import { type AnyMachineSnapshot, initialTransition, type StateValue, transition } from 'xstate';
import { RUNTIME_EVENTS } from './instance.js';
import { type MigratedPayload, migrateThrough, migrationPath } from './instance-migration.js';
import type { MachineRegistration } from './machine-registration.js';
import type { MachineRegistry } from './machine-registry.js';
import type { WorkflowActor, WorkflowEvent } from './workflow-event.js';

/** What the runtime stores of a snapshot: XState's persisted form, as JSON. */
export interface PersistedSnapshot {
  status: 'active' | 'done' | 'error' | 'stopped';
  value: StateValue;
  context: unknown;
  [key: string]: unknown;
}

type Action = { type: string; params?: unknown };

const DELAYED_EVENT_PREFIX = 'xstate.after.';

export const isDelayedEvent = (type: string) => type.startsWith(DELAYED_EVENT_PREFIX);

/** The active leaf states as dotted paths from the root: `localImprovement.plan`; parallel regions joined by commas, each with its full path (`active.phase.concept.working,active.reporting.awaitingReport`). */
export function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, child]) => (child === undefined || (typeof child === 'object' && Object.keys(child).length === 0) ? key : stateName(child).split(',').map((region) => `${key}.${region}`).join(',')))
    .join(',');
}

export function persist(registration: MachineRegistration, snapshot: AnyMachineSnapshot): PersistedSnapshot {
  return JSON.parse(JSON.stringify(registration.machine.getPersistedSnapshot(snapshot))) as PersistedSnapshot;
}

export function restore(registration: MachineRegistration, persisted: PersistedSnapshot): AnyMachineSnapshot {
  const snapshot = registration.machine.resolveState({ value: persisted.value, context: persisted.context as never }) as AnyMachineSnapshot;
  if (snapshot.status === 'error') throw new Error(`The stored state ${stateName(persisted.value)} no longer exists in ${registration.id} v${registration.version}`);
  return snapshot;
}

export function startSnapshot(registration: MachineRegistration, input: unknown): { snapshot: AnyMachineSnapshot; actions: Action[] } {
  const [snapshot, actions] = initialTransition(registration.machine, input as never);
  return { snapshot: snapshot as AnyMachineSnapshot, actions: actions as Action[] };
}

/** Event types some transition of the active states listens for, whatever its guard says. */
export function candidateEventTypes(snapshot: AnyMachineSnapshot): string[] {
  const types = new Set<string>();
  for (const node of snapshot._nodes) {
    for (const type of node.transitions.keys()) if (type && !type.startsWith('xstate.')) types.add(type);
  }
  return [...types];
}

function enabled(registration: MachineRegistration, snapshot: AnyMachineSnapshot, event: WorkflowEvent): boolean {
  return registration.machine.getTransitionData(snapshot as never, event as never).length > 0;
}

const withRoles = (event: WorkflowEvent, roles: readonly string[]): WorkflowEvent => ({ ...event, actor: { ...event.actor, roles } });

export type Decision =
  | { kind: 'applied'; next: AnyMachineSnapshot; actions: Action[]; authorityRole: string | null }
  | { kind: 'not_permitted'; requiredRoles: string[] }
  | { kind: 'rejected'; reason: 'not_in_state' | 'refused_by_data' };

/**
 * One event against one snapshot, without executing anything. Refusals say why: an event the
 * state does not listen for, one the actor's roles do not allow (and which roles would), or one
 * the instance's data does not allow yet.
 */
export function decide(registration: MachineRegistration, snapshot: AnyMachineSnapshot, event: WorkflowEvent): Decision {
  if (enabled(registration, snapshot, event)) {
    const [next, actions] = transition(registration.machine, snapshot as never, event as never);
    const { roles } = event.actor;
    const authorityRole = roles.length === 1 ? roles[0]! : (roles.find((role) => enabled(registration, snapshot, withRoles(event, [role]))) ?? null);
    return { kind: 'applied', next: next as AnyMachineSnapshot, actions: actions as Action[], authorityRole };
  }
  const listens = isDelayedEvent(event.type)
    ? snapshot._nodes.some((node: { transitions: Map<string, unknown> }) => node.transitions.has(event.type))
    : candidateEventTypes(snapshot).includes(event.type);
  if (!listens) return { kind: 'rejected', reason: 'not_in_state' };
  if (enabled(registration, snapshot, withRoles(event, registration.roles))) {
    const requiredRoles = registration.roles.filter((role) => enabled(registration, snapshot, withRoles(event, [role])));
    return { kind: 'not_permitted', requiredRoles };
  }
  return { kind: 'rejected', reason: 'refused_by_data' };
}

/** The events this actor may send now, given the instance's facts. Guards never read payloads. */
export function allowedEventTypes(registration: MachineRegistration, snapshot: AnyMachineSnapshot, actor: WorkflowActor, facts: unknown): string[] {
  return candidateEventTypes(snapshot).filter((type) =>
    enabled(registration, snapshot, { type, payload: {}, actor, facts: facts as Record<string, unknown> }),
  );
}

/**
 * Rebuilds a snapshot from the instance's input and its event log, as the runtime applied them: the
 * machine's events stepped in order on the version the instance started on; a `flyt.migrated`
 * entry moves the rebuilt snapshot on to the next version by that version's declared mapping, as
 * the migration did; the other runtime entries (held, resumed) leave the snapshot as it is.
 */
export function rebuild(
  registry: MachineRegistry,
  workflowId: string,
  startVersion: number,
  input: unknown,
  events: readonly WorkflowEvent[],
): { snapshot: PersistedSnapshot; version: number } {
  let registration = registry.get(workflowId, startVersion);
  let { snapshot } = startSnapshot(registration, input);
  for (const event of events) {
    if (event.type === RUNTIME_EVENTS.migrated) {
      const { fromVersion, toVersion } = event.payload as MigratedPayload;
      const steps = migrationPath(registry, workflowId, fromVersion, toVersion);
      if (!steps || fromVersion !== registration.version) throw new Error(`The log migrates ${workflowId} from v${fromVersion} to v${toVersion}, which replay cannot follow`);
      const moved = migrateThrough(steps, persist(registration, snapshot));
      if (moved.kind === 'unmapped') throw new Error(`The log migrates ${workflowId} from state ${moved.state}, which v${toVersion} does not map`);
      registration = steps[steps.length - 1]!;
      snapshot = restore(registration, moved.snapshot);
    } else if (!isRuntimeEntry(event.type)) {
      [snapshot] = transition(registration.machine, snapshot as never, event as never) as [AnyMachineSnapshot, unknown];
    }
  }
  return { snapshot: persist(registration, snapshot), version: registration.version };
}

/** Entries the runtime writes to the log itself (start, hold, resume, migration), not events of the machine. */
export const isRuntimeEntry = (type: string) => type === RUNTIME_EVENTS.start || type.startsWith('flyt.');

/** The version an instance started on: the first migration's origin, else the version it is on. */
export function startVersionOf(currentVersion: number, events: readonly { type: string; payload: unknown }[]): number {
  const firstMigration = events.find((e) => e.type === RUNTIME_EVENTS.migrated);
  return firstMigration ? (firstMigration.payload as MigratedPayload).fromVersion : currentVersion;
}

/** JSON with object keys sorted, so two snapshots compare by content. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
