import { createHash } from 'node:crypto';

/*
 * Actions every machine may name that the platform carries out (docs/architecture.md, "Effects").
 * A machine spreads PLATFORM_ACTIONS into its `setup({ actions })` and refers to them by name with
 * params; the implementations here do nothing, because the runtime reads the actions that XState's
 * pure `transition()` returns and makes them durable: an outbox row delivered after the commit, or
 * (holding and resuming deadlines) a change to the instance's timers in the event's own transaction.
 */

/** Tell people about the instance: `to` is one of the workflow's recipients, `template` one of its notification templates. */
export interface NotifyParams {
  to: string;
  template: string;
  /** The deadline (a delay name) the text speaks of, when not the template's own `deadlineOf`. */
  delay?: string;
}

/**
 * Start an instance of another workflow, with input, as a child of this one. `key` names the child
 * among this instance's children: the child's id is derived from the parent's id and the key
 * (`childInstanceId`), so starting it again starts nothing twice and the parent can know its id.
 */
export interface StartWorkflowParams {
  workflowId: string;
  key: string;
  input: unknown;
}

/** Send an event to another instance; it arrives once, sent by the system, with an idempotency key derived from the sending event. */
export interface SendToWorkflowParams {
  workflowId: string;
  instanceId: string;
  event: { type: string; payload?: Record<string, unknown> };
}

/**
 * Send events to several instances at once, when how many depends on the data (a priority round
 * moving each of its cases): each message is carried as a `sendToWorkflow` of its own. An empty
 * list sends nothing.
 */
export interface SendManyToWorkflowsParams {
  messages: readonly SendToWorkflowParams[];
}

/** Stop the instance's pending deadlines, each keeping the time it had left; `reason` shows in its history. */
export interface HoldDeadlinesParams {
  reason?: string;
}

const effect =
  <P>() =>
  (_args: unknown, _params: P): void =>
    undefined;

export const PLATFORM_ACTIONS = {
  notify: effect<NotifyParams>(),
  startWorkflow: effect<StartWorkflowParams>(),
  sendToWorkflow: effect<SendToWorkflowParams | SendManyToWorkflowsParams>(),
  holdDeadlines: effect<HoldDeadlinesParams | undefined>(),
  resumeDeadlines: effect<HoldDeadlinesParams | undefined>(),
};
export type PlatformAction = keyof typeof PLATFORM_ACTIONS;

/** Carried out by the runtime inside the event's transaction, not through the outbox. */
export const IN_TRANSACTION_ACTIONS: readonly string[] = ['holdDeadlines', 'resumeDeadlines'] satisfies PlatformAction[];

/** Outbox kinds the runtime writes for its timers; no machine action may take these names. */
export const TIMER_EFFECT_KINDS = ['timer.schedule', 'timer.cancel'] as const;

/**
 * The id of the child a `startWorkflow` with this key starts: a name-based UUID (version 5 layout)
 * of the parent's id and the key. Pure, so a machine can store its child's id before it exists.
 */
export function childInstanceId(parentInstanceId: string, key: string): string {
  const hash = createHash('sha1').update(`flyt-child:${parentInstanceId.toLowerCase()}/${key}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
