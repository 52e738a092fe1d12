import type { AssignmentRecord, MandateRecord, Role, Scope } from '#flyt/access';
import type { TransactionSql } from '#flyt/workflow-runtime';
import { CASE_RECIPIENTS, type NotifyRecipient } from '#workflows/improvement-case/improvement-case.machine';
import { type Directory, recipientsFor } from './domain/recipients.js';

/**
 * The users a case's `notify` effect goes to on `today`, read in the caller's transaction (the
 * outbox relay's): the rule is in domain/recipients.ts, the facts are the case row and whoever holds
 * a role on its unit path, for its process, or globally.
 */
export async function caseRecipients(
  sql: TransactionSql,
  request: { instanceId: string; to: string; today: string; event: { type: string; payload: unknown } | null },
): Promise<string[]> {
  if (!(CASE_RECIPIENTS as readonly string[]).includes(request.to)) return [];
  const [theCase] = await sql.query<{ reporter_id: string; process_id: string; unit_path: string[] }>(
    `SELECT c.reporter_id, c.process_id, u.path AS unit_path FROM improvement_case c JOIN unit u ON u.id = c.reporting_unit_id WHERE c.id = $1`,
    [request.instanceId],
  );
  if (!theCase) return [];
  // The process a case was moved away from is in the change that moved it.
  const previous = request.to === 'previousProcessResponsible' ? previousProcessOf(request.event) : null;
  if (request.to === 'previousProcessResponsible' && !previous) return [];
  const processId = previous ?? theCase.process_id;
  return recipientsFor(
    previous ? 'processResponsible' : (request.to as NotifyRecipient),
    { reporterId: theCase.reporter_id, processId, reportingUnitPath: theCase.unit_path },
    await directory(sql, processId, theCase.unit_path, theCase.reporter_id),
    request.today,
  );
}

function previousProcessOf(event: { type: string; payload: unknown } | null): string | null {
  const changes = (event?.payload as { changes?: { field: string; from: unknown }[] } | null)?.changes ?? [];
  const moved = changes.find((c) => c.field === 'processId');
  return typeof moved?.from === 'string' ? moved.from : null;
}

/** Everyone who might be a recipient for a case: assignments on its unit path, of its process, or global; its process's mandates. */
async function directory(sql: TransactionSql, processId: string, unitPath: string[], reporterId: string): Promise<Directory> {
  const assignments = await sql.query<{
    id: string;
    user_id: string;
    role: Role;
    scope_kind: string;
    unit_id: string | null;
    process_id: string | null;
    valid_from: string;
    valid_to: string | null;
  }>(
    `SELECT id, user_id, role, scope_kind, unit_id, process_id, valid_from::text AS valid_from, valid_to::text AS valid_to
       FROM role_assignment
      WHERE ended_at IS NULL AND role IN ('line_manager', 'process_owner', 'programme_secretariat')
        AND (scope_kind = 'global' OR unit_id = ANY($1::uuid[]) OR process_id = $2)`,
    [unitPath, processId],
  );
  const mandates = await sql.query<{ id: string; holder_id: string; deputy_id: string | null; valid_from: string; valid_to: string; absences: MandateRecord['absences'] }>(
    `SELECT m.id, m.holder_id, m.deputy_id, m.valid_from::text AS valid_from, m.valid_to::text AS valid_to,
            coalesce(json_agg(json_build_object('id', a.id, 'startsOn', a.starts_on::text, 'endsOn', a.ends_on::text)) FILTER (WHERE a.id IS NOT NULL), '[]') AS absences
       FROM mandate m LEFT JOIN mandate_absence a ON a.mandate_id = m.id
      WHERE m.process_id = $1 AND m.ended_at IS NULL
      GROUP BY m.id`,
    [processId],
  );
  const people = [reporterId, ...assignments.map((a) => a.user_id), ...mandates.flatMap((m) => [m.holder_id, m.deputy_id ?? m.holder_id])];
  const ended = await sql.query<{ id: string }>(`SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND ended_at IS NOT NULL`, [[...new Set(people)]]);
  const scopeOf = (a: (typeof assignments)[number]): Scope =>
    a.scope_kind === 'unit' ? { kind: 'unit', unitId: a.unit_id! } : a.scope_kind === 'process' ? { kind: 'process', processId: a.process_id! } : { kind: 'global' };
  return {
    assignments: assignments.map((a): AssignmentRecord & { userId: string } => ({
      id: a.id,
      userId: a.user_id,
      role: a.role,
      scope: scopeOf(a),
      validFrom: a.valid_from,
      validTo: a.valid_to,
      ended: false,
    })),
    mandates: mandates.map((m): MandateRecord => ({
      id: m.id,
      processId,
      holderId: m.holder_id,
      deputyId: m.deputy_id,
      validFrom: m.valid_from,
      validTo: m.valid_to,
      ended: false,
      absences: m.absences,
    })),
    endedUserIds: new Set(ended.map((u) => u.id)),
  };
}
