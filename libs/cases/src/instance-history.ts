import { RUNTIME_EVENTS, type TransactionSql, type WorkflowInstances } from '#flyt/workflow-runtime';
import type { HistoryEntryView } from './case.dto.js';

/** What the history calls the runtime's own entries, beside the machine's events. */
const ENTRY_TYPES: Record<string, string> = {
  [RUNTIME_EVENTS.start]: 'CREATED',
  [RUNTIME_EVENTS.held]: 'HELD',
  [RUNTIME_EVENTS.resumed]: 'RESUMED',
  [RUNTIME_EVENTS.migrated]: 'MIGRATED',
  [RUNTIME_EVENTS.changed]: 'EDITED',
};

/**
 * The event log of a workflow instance (a case, a project, a follow-up), oldest first, for people:
 * who did what under which authority, edits, the deadlines that passed, and the messages to and
 * from other workflows.
 */
export async function instanceHistory(
  sql: TransactionSql,
  instances: WorkflowInstances,
  id: string,
  labelOf: (state: string) => { nb: string; en: string },
): Promise<HistoryEntryView[]> {
  const entries = await instances.history(id);
  const actorIds = [...new Set(entries.map((e) => e.actorId).filter((a): a is string => a !== null))];
  const people = actorIds.length ? await sql.query<{ id: string; name: string }>(`SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`, [actorIds]) : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  return entries.map((e) => ({
    revision: e.revision,
    type: ENTRY_TYPES[e.type] ?? e.type,
    payload: e.type === RUNTIME_EVENTS.start ? null : e.payload,
    actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? '' } : null,
    actorRoles: e.actorRoles,
    authority: e.authority ? { role: e.authority.role, basis: e.authority.basis } : null,
    from: e.from,
    to: e.to,
    toLabel: labelOf(e.to),
    occurredAt: e.occurredAt,
    receivedFrom: e.receivedFrom,
    messagesSent: e.messagesSent.map((m) => ({ kind: m.kind, type: m.type, toInstanceId: m.toInstanceId, toWorkflowId: m.toWorkflowId, deliveredAt: m.deliveredAt })),
  }));
}
