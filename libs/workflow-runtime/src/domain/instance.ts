import type { PersistedSnapshot } from './stepping.js';
import type { AuthorityGrant } from './workflow-event.js';

/**
 * Statements inside a transaction: the runtime's own (a pg client of the data source's pool), a
 * TypeORM EntityManager or QueryRunner, or the outbox relay's. Every statement answers rows.
 */
export interface TransactionSql {
  /** `prepareAs` names a statement run on every event, so the server plans it once per connection. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], prepareAs?: string): Promise<T[]>;
}

/** An instance as stored, at its current revision. */
export interface InstanceState {
  id: string;
  workflowId: string;
  version: number;
  state: string;
  status: 'active' | 'done';
  revision: number;
  snapshot: PersistedSnapshot;
  context: unknown;
  /** Set while the instance is on hold: its deadlines are stopped. */
  heldSince: string | null;
  /** Who holds it: its own workflow (a decision such as a gate's HOLD), an operator, or both; deadlines run when neither does. */
  heldBy: HoldSource[];
  /** The instance that started this one, if another workflow did. */
  parentInstanceId: string | null;
}

export interface SendOutcome {
  instanceId: string;
  revision: number;
  /** null for the start of an instance. */
  from: string | null;
  to: string;
  eventId: string;
  /** The idempotency key had been used: nothing was applied this time. */
  duplicate: boolean;
  state: InstanceState;
}

/**
 * Writes that keep a workflow's read model in step with its instances (the case row for cases), in
 * the transaction of every event, whoever sends it: a person, a timer, another workflow. Also run
 * when an instance starts (`from` null).
 */
export type Projection = (tx: TransactionSql, outcome: SendOutcome) => Promise<void>;

/** A message this instance sent to another one, or received. */
export interface MessageView {
  kind: 'start' | 'event';
  /** The event type delivered (`xstate.init` for a start). */
  type: string;
  fromInstanceId: string;
  toInstanceId: string;
  toWorkflowId: string;
  sentAt: string;
  deliveredAt: string | null;
  /** The event the message became in the receiver's log. */
  deliveredEventId: string | null;
}

export interface EventLogEntry {
  id: string;
  revision: number;
  type: string;
  payload: unknown;
  actorId: string | null;
  actorRoles: string[];
  facts: Record<string, unknown>;
  authority: AuthorityGrant | null;
  from: string | null;
  to: string;
  idempotencyKey: string | null;
  occurredAt: string;
  /** The message this event was delivered from, if another instance sent it. */
  receivedFrom: { instanceId: string; workflowId: string } | null;
  /** The messages this event sent to other instances. */
  messagesSent: MessageView[];
}

export interface PendingTimer {
  timerId: string;
  delayName: string;
  generation: number;
  dueAt: string;
}

/** A deadline of an instance on hold: it does not run, and keeps what it had left. */
export interface HeldTimer {
  timerId: string;
  delayName: string;
  /** The due time it had when it was held. */
  dueAt: string;
  left: TimeLeft;
}

/** Who put an instance on hold: the workflow itself (`holdDeadlines`) or an operator (the runtime's hold). */
export type HoldSource = 'workflow' | 'operator';

/** What a held deadline had left: working days in the calendar its rule counts in, or plain milliseconds. */
export type TimeLeft = { workingDays: number } | { ms: number };

/** A deadline of the instance's current state that passed: its event (a reminder, an escalation) was sent. */
export interface PassedDeadline {
  timerId: string;
  delayName: string;
  dueAt: string;
  firedAt: string;
  /** The deadline's event in the log; its effects' outbox keys start with this id. */
  eventId: string;
}

/** A deadline moved by hand: who, why, from when to when. */
export interface TimerMove {
  timerId: string;
  delayName: string;
  fromDueAt: string;
  toDueAt: string;
  movedBy: string | null;
  reason: string;
  movedAt: string;
}

export interface AllowedEvent {
  type: string;
  payloadSchema: Record<string, unknown>;
}

/** An event the caller's roles allow but the instance's data does not yet, and what is missing. */
export interface BlockedEvent {
  type: string;
  reason: string;
}

/** Instances linked to one: its parent, its children, and those it exchanged messages with. */
export interface InstanceLink {
  relation: 'parent' | 'child' | 'sentTo' | 'receivedFrom';
  instanceId: string;
  workflowId: string;
  /** null while a child is not started yet (its start message is still on its way). */
  state: string | null;
  stateLabel: { nb: string; en: string } | null;
}

/** Runtime entries of the event log, beside the machine's own events: no machine may use these types. */
export const RUNTIME_EVENTS = {
  /** Revision 0: the instance started. */
  start: 'xstate.init',
  held: 'flyt.held',
  resumed: 'flyt.resumed',
  migrated: 'flyt.migrated',
  /** The instance's own data changed (a case's text), not its state. */
  changed: 'flyt.changed',
} as const;
/** The event that records an instance's start; it is revision 0 of the log. */
export const START_EVENT = RUNTIME_EVENTS.start;
