import type { AnyStateMachine } from 'xstate';
import type { ZodType } from 'zod';
import type { Projection, TransactionSql } from './instance.js';
import type { InstanceMigration, Localised, WorkflowDefinition } from './workflow-definition.js';

/** How people refer to one instance in notifications: its reference and its title. */
export interface InstanceSubject {
  reference: string;
  title: string;
}

/** What the effect handler of an action this workflow alone uses gets: the outbox row, in the relay's transaction. */
export interface WorkflowEffect {
  key: string;
  instanceId: string;
  eventId: string;
  params: Record<string, unknown>;
}

/**
 * The hooks a workflow's own lib adds to its definition: plain functions over SQL in the caller's
 * transaction, so the platform (notifications, the outbox relay, the runtime) can serve the
 * workflow without importing it or knowing its tables.
 */
export interface WorkflowHooks {
  /** The read model the lib keeps, written in the transaction of every event. */
  projection?: Projection;
  /** Reference and title of an instance; null when there is no such instance. Needed when the machine notifies. */
  subject?: (sql: TransactionSql, instanceId: string) => Promise<InstanceSubject | null>;
  /** The path under APP_URL where people open an instance, e.g. `/cases/<id>`, a page of the web app; links in notifications point there. */
  path?: (instanceId: string) => string;
  /**
   * The users a `notify` effect's recipient (one of `notifications.recipients`) means for this
   * instance on `today` (YYYY-MM-DD, Oslo); `event` is the log entry that asked for it.
   */
  recipients?: (sql: TransactionSql, request: { instanceId: string; to: string; today: string; event: { type: string; payload: unknown } | null }) => Promise<readonly string[]>;
  /**
   * The facts about an instance's data its guards read, for events sent without them (deadlines,
   * messages from other workflows, and whatever the workflow's own lib sends that way): read in the
   * event's transaction, under the instance's lock. `event` is the event about to be applied, its
   * payload validated; without one (listing what a user may send), the facts of any such event.
   */
  facts?: (sql: TransactionSql, instanceId: string, event?: { type: string; payload: unknown }) => Promise<Record<string, unknown>>;
  /** Handlers of actions only this workflow's machine names, keyed by action name; each runs in the relay's transaction. */
  effects?: Readonly<Record<string, (sql: TransactionSql, effect: WorkflowEffect) => Promise<void>>>;
}

/** Everything the platform knows about a workflow: its definition (from `workflows/`) and its lib's hooks. */
export type WorkflowRegistration = WorkflowDefinition & WorkflowHooks;

/**
 * One version of a registered workflow as the runtime steps it: pinned by id and version, with the
 * role vocabulary its guards check and the payload schema of every event a person or the system may send.
 */
export interface MachineRegistration<TMachine extends AnyStateMachine = AnyStateMachine> {
  id: string;
  version: number;
  machine: TMachine;
  roles: readonly string[];
  events: Readonly<Record<string, ZodType>>;
  input?: ZodType;
  migrateFrom?: InstanceMigration;
  /** What an instance is called in messages to people: "case" (the English noun). */
  resourceName: string;
  workflow: WorkflowRegistration;
}

export type { Localised };
