import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '#flyt/access';
import { RUNTIME_EVENTS, TimerStore, WorkflowInstances } from '#flyt/workflow-runtime';
import { CaseAccess } from './case-access.js';
import type { HistoryEntryView } from './case.dto.js';
import { stateLabel } from './case-repository.js';

/** What the history calls the runtime's own entries, beside the machine's events. */
const ENTRY_TYPES: Record<string, string> = {
  [RUNTIME_EVENTS.start]: 'CREATED',
  [RUNTIME_EVENTS.held]: 'HELD',
  [RUNTIME_EVENTS.resumed]: 'RESUMED',
  [RUNTIME_EVENTS.migrated]: 'MIGRATED',
  [RUNTIME_EVENTS.changed]: 'EDITED',
};

/** A case's history: its event log, with the deadlines moved by hand and the messages to and from other workflows. */
@Injectable()
export class CaseHistory {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly instances: WorkflowInstances,
    private readonly timers: TimerStore,
  ) {}

  /** Oldest first; a deadline moved by hand stands after the event it followed. */
  async of(id: string, principal: Principal): Promise<HistoryEntryView[]> {
    await this.access.visibleCase(id, principal);
    const [entries, moves] = await Promise.all([this.instances.history(id), this.timers.moves(id)]);
    const actorIds = [...new Set([...entries.map((e) => e.actorId), ...moves.map((m) => m.movedBy)].filter((a): a is string => a !== null))];
    const people: { id: string; name: string }[] = actorIds.length ? await this.db.query(`SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`, [actorIds]) : [];
    const names = new Map(people.map((p) => [p.id, p.name]));
    const events: HistoryEntryView[] = entries.map((e) => ({
      revision: e.revision,
      type: ENTRY_TYPES[e.type] ?? e.type,
      payload: e.type === RUNTIME_EVENTS.start ? null : e.payload,
      actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? '' } : null,
      actorRoles: e.actorRoles,
      authority: e.authority ? { role: e.authority.role, basis: e.authority.basis } : null,
      from: e.from,
      to: e.to,
      toLabel: stateLabel(e.to),
      occurredAt: e.occurredAt,
      receivedFrom: e.receivedFrom,
      messagesSent: e.messagesSent.map((m) => ({ kind: m.kind, type: m.type, toInstanceId: m.toInstanceId, toWorkflowId: m.toWorkflowId, deliveredAt: m.deliveredAt })),
    }));
    const merged = [...events];
    for (const m of moves) {
      const before = events.filter((e) => e.occurredAt <= m.movedAt).at(-1) ?? events.at(-1)!;
      const at = merged.findIndex((e) => e.occurredAt > m.movedAt);
      merged.splice(at === -1 ? merged.length : at, 0, {
        revision: before.revision,
        type: 'DEADLINE_MOVED',
        payload: { timerId: m.timerId, delayName: m.delayName, fromDueAt: m.fromDueAt, toDueAt: m.toDueAt, reason: m.reason },
        actor: m.movedBy ? { id: m.movedBy, name: names.get(m.movedBy) ?? '' } : null,
        actorRoles: [],
        authority: null,
        from: before.to,
        to: before.to,
        toLabel: stateLabel(before.to),
        occurredAt: m.movedAt,
        receivedFrom: null,
        messagesSent: [],
      });
    }
    return merged;
  }
}
