import type { AnyStateMachine } from 'xstate';
import type { ZodType } from 'zod';

/*
 * What a workflow tells the platform about itself (docs/adding-a-workflow.md). The pure part lives
 * beside the machine in `workflows/<name>/`; the workflow's own lib adds the hooks that read its
 * data (WorkflowHooks) and hands the whole WorkflowRegistration to the apps.
 */

export const LOCALES = ['nb', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** A text for people, in Norwegian bokmål and English. */
export type Localised = Readonly<Record<Locale, string>>;

/**
 * How a named delay of a machine becomes a due instant. Day-based rules fall at the configured time
 * of day in Oslo; `seconds` is for tests and short configured durations.
 */
export type DeadlineRule =
  | { workingDays: number }
  | { calendarDays: number }
  | { seconds: number }
  /**
   * A day (YYYY-MM-DD, at the configured time of day) or an instant (ISO 8601 with its offset) in
   * the instance's context, by dotted path (`localImprovement.stepDueOn`); `before` puts the
   * deadline that long before it (a reminder ahead of a closing time); the fallback, from now,
   * when the context holds no such value.
   */
  | { dueDate: string; before?: DeadlineOffset; fallback: DeadlineRule };

/** How long before a due date in the context a deadline falls. */
export type DeadlineOffset = { workingDays: number } | { calendarDays: number } | { seconds: number };

/**
 * What a state says about itself in its XState `meta`. Every state has a label; a state that waits
 * for someone names their roles (of the machine's own vocabulary), and the role in charge of its
 * deadlines, who may move them (by default the first role it waits for).
 */
export interface StateMeta {
  label: Localised;
  waitsFor?: readonly string[];
  deadlineOwner?: string;
}

/**
 * How instances of the previous version move onto this one: each state (dotted path) of the old
 * version maps onto a state of this one; a state left out cannot be migrated and its instances stay.
 * `context` turns an old context into a new one; it must be pure, as replay runs it again.
 */
export interface InstanceMigration {
  from: number;
  states: Readonly<Record<string, string>>;
  context?: (context: unknown, state: { from: string; to: string }) => unknown;
}

/** One version of a workflow's machine, with the roles its guards check and the payload schema of each event. */
export interface MachineVersion {
  version: number;
  machine: AnyStateMachine;
  roles: readonly string[];
  events: Readonly<Record<string, ZodType>>;
  /** The input a new instance needs; checked when another workflow starts one (`startWorkflow`). */
  input?: ZodType;
  migrateFrom?: InstanceMigration;
}

/** The subject and the first lines of a notification; `lead` gets the deadline it speaks of, formatted for the reader, or null. */
export interface NotificationWording {
  subject: string;
  lead: (deadline: string | null) => string;
}

export interface WorkflowNotifications {
  /** The recipients the machine's `notify` actions may name; the workflow's lib resolves each to people. */
  recipients: readonly string[];
  /** Every template the machine's `notify` actions name, in both languages. */
  templates: Readonly<Record<string, Readonly<Record<Locale, NotificationWording>>>>;
  /** The deadline (a delay name) a template speaks of: the escalation a reminder warns of, the deadline of new work. */
  deadlineOf?: Readonly<Record<string, string>>;
  /** The words before the link in a notification: `{ nb: 'Åpne saken', en: 'Open the case' }`. */
  openLink: Localised;
}

/** The pure part of a workflow's registration: everything but the hooks that read its lib's data. */
export interface WorkflowDefinition {
  id: string;
  /** What one instance is called, in lower case: `{ nb: 'sak', en: 'case' }`. */
  noun: Localised;
  /**
   * Every role of every version in words a user knows, for refusals: `{ processOwner: { nb:
   * 'prosesseieren for sakens prosess', en: "the process owner of the case's process" } }`.
   */
  roleNames: Readonly<Record<string, Localised>>;
  /**
   * Why an event its roles allow is refused by the instance's data, in words that say what to do:
   * given the context and the facts the lib computed. Null when it has nothing better to say.
   */
  explainRefusal?: Readonly<Record<string, (context: unknown, facts: Readonly<Record<string, unknown>>) => RefusalExplanation | null>>;
  /** Every version that may still have running instances. New instances take the newest. */
  versions: readonly MachineVersion[];
  /** The default rule of every named delay of every version; `DEADLINE_RULES` overrides them. */
  deadlines: Readonly<Record<string, DeadlineRule>>;
  /**
   * The delays that escalate a wait to someone above the one waited on: the role they escalate to
   * (it alone, or an admin, may move such a deadline) and the notification recipient that is that
   * role (told when someone else moves a deadline of the state).
   */
  escalations?: Readonly<Record<string, { role: string; recipient: string }>>;
  notifications: WorkflowNotifications;
}

/**
 * What a workflow says about a refused event. `waitsForData`: it becomes possible once the data is
 * complete (the case lists it as blocked, with the reason); otherwise it never will be on this instance.
 */
export interface RefusalExplanation {
  reason: string;
  waitsForData?: boolean;
}

/** A nominal length in milliseconds for a rule, for the machine's own `setup({ delays })`: a working day counts as 7/5 calendar days. */
export function nominalDelayMs(rule: DeadlineRule): number {
  const DAY_MS = 24 * 60 * 60 * 1000;
  if ('seconds' in rule) return rule.seconds * 1000;
  if ('workingDays' in rule) return Math.ceil((rule.workingDays * 7) / 5) * DAY_MS;
  if ('calendarDays' in rule) return rule.calendarDays * DAY_MS;
  return nominalDelayMs(rule.fallback);
}

/** The `delays` of a machine's `setup()`, from its deadline rules, so no length is written twice. */
export function nominalDelays<T extends Readonly<Record<string, DeadlineRule>>>(rules: T): { [K in keyof T]: number } {
  return Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, nominalDelayMs(rule)])) as { [K in keyof T]: number };
}
