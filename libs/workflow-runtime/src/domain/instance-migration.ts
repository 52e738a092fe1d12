import type { AnyMachineSnapshot } from 'xstate';
import type { MachineRegistration } from './machine-registration.js';
import type { MachineRegistry } from './machine-registry.js';
import { type PersistedSnapshot, persist, stateName } from './stepping.js';

/** What the log records when an instance moves to another version of its machine (a `flyt.migrated` entry). */
export interface MigratedPayload {
  fromVersion: number;
  toVersion: number;
  fromState: string;
  toState: string;
  /** Who ran the migration (the operator's name as they gave it). */
  ranBy: string;
}

/**
 * The versions an instance passes through from `from` to `to`, each with its `migrateFrom`: v1 → v3
 * is v2 (from 1), then v3 (from 2). Null when some step has no declared migration.
 */
export function migrationPath(registry: MachineRegistry, workflowId: string, from: number, to: number): MachineRegistration[] | null {
  const steps: MachineRegistration[] = [];
  let at = to;
  while (at !== from) {
    if (!registry.has(workflowId, at)) return null;
    const step = registry.get(workflowId, at);
    if (!step.migrateFrom || step.migrateFrom.from >= at || step.migrateFrom.from < from) return null;
    steps.unshift(step);
    at = step.migrateFrom.from;
  }
  return steps;
}

export type MigrationStep = { kind: 'mapped'; snapshot: PersistedSnapshot; from: string; to: string } | { kind: 'unmapped'; state: string };

/** One step: the snapshot of the previous version, mapped onto `target` by its declared state (and context) mapping. */
export function migrateSnapshot(target: MachineRegistration, persisted: PersistedSnapshot): MigrationStep {
  const from = stateName(persisted.value);
  const mapping = target.migrateFrom!;
  if (!Object.hasOwn(mapping.states, from)) return { kind: 'unmapped', state: from };
  const to = mapping.states[from]!;
  const context = mapping.context ? mapping.context(persisted.context, { from, to }) : persisted.context;
  const value = to.split('.').reduceRight<unknown>((inner, key) => (inner === undefined ? key : { [key]: inner }), undefined);
  const snapshot = target.machine.resolveState({ value: value as never, context: context as never }) as AnyMachineSnapshot;
  if (snapshot.status === 'error') throw new Error(`Mapping ${from} → ${to} does not give a valid state of ${target.id} v${target.version}`);
  return { kind: 'mapped', snapshot: persist(target, snapshot), from, to: stateName(snapshot.value) };
}

/** Every step from the instance's version to `steps`' last, or the first state without a mapping. */
export function migrateThrough(steps: readonly MachineRegistration[], persisted: PersistedSnapshot): MigrationStep {
  let current: MigrationStep = { kind: 'mapped', snapshot: persisted, from: stateName(persisted.value), to: stateName(persisted.value) };
  const first = current.from;
  for (const step of steps) {
    if (current.kind !== 'mapped') return current;
    const next = migrateSnapshot(step, current.snapshot);
    if (next.kind === 'unmapped') return next;
    current = { ...next, from: first };
  }
  return current;
}
