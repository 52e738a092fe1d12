import { Inject, Injectable, type Type } from '@nestjs/common';
import { effectActionsOf } from '../domain/effects.js';
import type { WorkflowRegistration } from '../domain/machine-registration.js';
import { MachineRegistry } from '../domain/machine-registry.js';
import { IN_TRANSACTION_ACTIONS } from '../domain/platform-actions.js';
import { MACHINE_REGISTRY } from '../workflow-runtime.service.js';
import { actionOf, EFFECT_HANDLERS, type EffectHandler } from './effect-handler.js';

/** A machine names an action that nothing in this process carries out: start-up stops, naming it. */
export class EffectHandlerMissing extends Error {
  constructor(missing: readonly string[]) {
    super(
      `No effect handler for ${missing.join('; ')}. Every named action of a machine must be an XState built-in (assign, …), ` +
        `a platform action, or have a handler: in the workflow registration's \`effects\` or among EFFECT_HANDLERS (docs/adding-a-workflow.md).`,
    );
    this.name = 'EffectHandlerMissing';
  }
}

/**
 * Throws EffectHandlerMissing unless every named action of every version of every workflow has a
 * handler: one of `handled` (the action names of the handler classes the process runs), the
 * workflow's own `effects`, or one the runtime carries out in the event's transaction.
 */
export function assertEffectsHandled(workflows: readonly WorkflowRegistration[], handled: Iterable<string>): void {
  const known = new Set(handled);
  const missing: string[] = [];
  for (const workflow of workflows) {
    for (const version of workflow.versions) {
      for (const [action, where] of effectActionsOf(version.machine)) {
        if (known.has(action) || IN_TRANSACTION_ACTIONS.includes(action) || Object.hasOwn(workflow.effects ?? {}, action)) continue;
        missing.push(`action "${action}" of workflow ${workflow.id} v${version.version} (in ${where.join(', ')})`);
      }
    }
  }
  if (missing.length) throw new EffectHandlerMissing(missing);
}

/** The actions a set of handler classes carries out, for `assertEffectsHandled` before anything is built. */
export const actionsOf = (handlers: readonly Type<EffectHandler>[]): string[] => handlers.map(actionOf);

/**
 * The handlers of every outbox kind, keyed by action name: the platform's (timers, messages,
 * notifications) and each workflow registration's own `effects`. Built at start-up, and checked
 * against the actions of every registered machine version.
 */
@Injectable()
export class EffectRegistry {
  private readonly byAction = new Map<string, EffectHandler>();

  constructor(@Inject(MACHINE_REGISTRY) registry: MachineRegistry, @Inject(EFFECT_HANDLERS) handlers: EffectHandler[]) {
    const add = (action: string, handler: EffectHandler, from: string) => {
      if (this.byAction.has(action)) throw new Error(`Two effect handlers for action ${action} (the second from ${from})`);
      this.byAction.set(action, handler);
    };
    for (const handler of handlers) add(actionOf(handler), handler, handler.constructor.name);
    for (const workflow of registry.workflows()) {
      for (const [action, handle] of Object.entries(workflow.effects ?? {})) {
        add(action, { handle: (sql, row) => handle(sql, { key: row.key, instanceId: row.instanceId, eventId: row.eventId, params: row.payload }) }, `workflow ${workflow.id}`);
      }
    }
    assertEffectsHandled(registry.workflows(), this.byAction.keys());
  }

  handlerFor(kind: string): EffectHandler | undefined {
    return this.byAction.get(kind);
  }

  actions(): string[] {
    return [...this.byAction.keys()].sort();
  }
}
