import { Inject, Injectable } from '@nestjs/common';
import { effectActionsOf } from '../domain/effects.js';
import { MachineRegistry } from '../domain/machine-registry.js';
import { IN_TRANSACTION_ACTIONS } from '../domain/platform-actions.js';
import { MACHINE_REGISTRY } from '../workflow-runtime.service.js';
import { EFFECT_HANDLERS, type EffectHandler } from './effect-handler.js';

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
 * The handlers of every outbox kind, keyed by action name: the platform's (timers, messages,
 * notifications) and each workflow registration's own `effects`. Built at start-up, and checked
 * against the actions of every registered machine version.
 */
@Injectable()
export class EffectRegistry {
  private readonly byAction = new Map<string, EffectHandler>();

  constructor(@Inject(MACHINE_REGISTRY) registry: MachineRegistry, @Inject(EFFECT_HANDLERS) handlers: EffectHandler[]) {
    const add = (handler: EffectHandler, from: string) => {
      if (this.byAction.has(handler.action)) throw new Error(`Two effect handlers for action ${handler.action} (the second from ${from})`);
      this.byAction.set(handler.action, handler);
    };
    for (const handler of handlers) add(handler, 'EFFECT_HANDLERS');
    for (const workflow of registry.workflows()) {
      for (const [action, handle] of Object.entries(workflow.effects ?? {})) {
        add({ action, handle: (sql, row) => handle(sql, { key: row.key, instanceId: row.instanceId, eventId: row.eventId, params: row.payload }) }, `workflow ${workflow.id}`);
      }
    }
    const missing: string[] = [];
    for (const registration of registry.all()) {
      for (const [action, where] of effectActionsOf(registration.machine)) {
        if (IN_TRANSACTION_ACTIONS.includes(action) || this.byAction.has(action)) continue;
        missing.push(`action "${action}" of workflow ${registration.id} v${registration.version} (in ${where.join(', ')})`);
      }
    }
    if (missing.length) throw new EffectHandlerMissing(missing);
  }

  handlerFor(kind: string): EffectHandler | undefined {
    return this.byAction.get(kind);
  }

  actions(): string[] {
    return [...this.byAction.keys()].sort();
  }
}
