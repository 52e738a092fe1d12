import type { Grant } from '#flyt/access';
import type { ActingRoles } from '#flyt/workflow-runtime';
import type { VisibilityColumns } from './visibility.js';

/** The columns the inbox's scope reads: visibility's and the case's state. */
export interface InboxScopeColumns extends Pick<VisibilityColumns, 'reporterId' | 'processId' | 'proposedAt'> {
  /** The reporting unit's id: the units in a line manager's subtree are looked up in \`unit\`, so an index on the case's unit serves. */
  reportingUnitId: string;
  state: string;
}

/**
 * The cases where a user may be allowed a decision now, as a WHERE fragment with named parameters:
 * for each case role the user can hold (as `caseRolesFor` derives them), the cases where they hold
 * it and whose state has a transition guarded by that role. A superset: the machine's guards on the
 * case's data still decide for each case found. The project's owner and manager are left out: they
 * send the case no event, their work waits for them in the project. With no `acting` (a machine the
 * transitions cannot be read off), the role alone decides which cases are weighed.
 */
export function inboxScopeWhere(
  userId: string,
  grants: readonly Grant[],
  acting: ActingRoles | null,
  columns: InboxScopeColumns,
  prefix = 'inbox',
): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const holding = (role: string, condition: string | null, values: Record<string, unknown> = {}) => {
    if (condition === null) return;
    const states = acting ? [...new Set([...(acting.byRole.get(role) ?? []), ...acting.anyRole])].sort() : null;
    if (states?.length === 0) return;
    Object.assign(params, values);
    if (!states) return void parts.push(`(${condition})`);
    params[`${prefix}_${role}`] = states;
    parts.push(`(${condition} AND ${columns.state} = ANY(CAST(:${prefix}_${role} AS text[])))`);
  };
  const scoped = (roles: readonly string[], kind: 'unit' | 'process', column: string, name: string): [string | null, Record<string, unknown>] => {
    const held = grants.filter((g) => roles.includes(g.role));
    if (held.some((g) => g.scope.kind === 'global')) return ['TRUE', {}];
    const ids = [...new Set(held.flatMap((g) => (g.scope.kind === 'unit' && kind === 'unit' ? [g.scope.unitId] : g.scope.kind === 'process' && kind === 'process' ? [g.scope.processId] : [])))].sort();
    if (ids.length === 0) return [null, {}];
    const param = `${prefix}_${name}`;
    return [
      kind === 'unit' ? `${column} IN (SELECT u.id FROM unit u WHERE u.path && CAST(:${param} AS uuid[]))` : `${column} = ANY(CAST(:${param} AS uuid[]))`,
      { [param]: ids },
    ];
  };

  holding('reporter', `${columns.reporterId} = :${prefix}_me`, { [`${prefix}_me`]: userId });
  holding('lineManager', ...scoped(['line_manager'], 'unit', columns.reportingUnitId, 'units'));
  holding('processResponsible', ...scoped(['process_responsible'], 'process', columns.processId, 'responsibleFor'));
  holding('processOwner', ...scoped(['process_owner'], 'process', columns.processId, 'ownerOf'));
  holding('programme', grants.some((g) => g.role === 'programme_secretariat') ? `${columns.proposedAt} IS NOT NULL` : null);
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}
