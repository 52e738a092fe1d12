import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '#flyt/access';
import { sqlOfManager, TimerStore, WorkflowInstances } from '#flyt/workflow-runtime';
import { CaseAccess } from './case-access.js';
import type { HistoryEntryView } from './case.dto.js';
import { stateLabel } from './case-repository.js';
import { instanceHistory } from './instance-history.js';

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
    const sql = sqlOfManager(this.db.manager);
    const [events, moves] = await Promise.all([instanceHistory(sql, this.instances, id, stateLabel), this.timers.moves(id)]);
    const moverIds = [...new Set(moves.map((m) => m.movedBy).filter((a): a is string => a !== null))];
    const people: { id: string; name: string }[] = moverIds.length ? await this.db.query(`SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`, [moverIds]) : [];
    const names = new Map(people.map((p) => [p.id, p.name]));
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
