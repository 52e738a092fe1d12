import type { DataSource, EntityManager } from 'typeorm';
import { buildDemoOrganisation } from './demo-organisation.js';

type Column = readonly [name: string, sqlType: string];

/** One parameterised multi-row INSERT; table and column names come from this file, never from input. */
async function insertRows(m: EntityManager, table: string, columns: readonly Column[], rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const cells = columns.map(([, type], i) => {
      params.push(row[i]);
      return `$${params.length}::${type}`;
    });
    return `(${cells.join(', ')})`;
  });
  await m.query(`INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

/**
 * Loads the demo organisation (units, processes and people in the roles of docs/domain.md, "Roles")
 * into an empty database, in one transaction. When the `unit` table holds any row the database is
 * left as it is: demo data never mixes with real data.
 */
export async function loadDemoData(db: DataSource, today: string): Promise<{ loaded: boolean }> {
  const org = buildDemoOrganisation(today);
  return db.transaction(async (m) => {
    // Self-conflicting lock: two processes starting at once load the data once, not twice.
    await m.query(`LOCK TABLE unit IN SHARE ROW EXCLUSIVE MODE`);
    const existing: unknown[] = await m.query(`SELECT 1 FROM unit LIMIT 1`);
    if (existing.length > 0) return { loaded: false };

    await insertRows(
      m,
      'unit',
      [
        ['id', 'uuid'],
        ['code', 'text'],
        ['name_nb', 'text'],
        ['name_en', 'text'],
        ['kind', 'text'],
        ['parent_id', 'uuid'],
        ['path', 'uuid[]'],
      ],
      org.units.map((u) => [u.id, u.code, u.nameNb, u.nameEn, u.kind, u.parentId, u.path]),
    );
    await insertRows(
      m,
      'app_user',
      [
        ['id', 'uuid'],
        ['email', 'text'],
        ['name', 'text'],
        ['unit_id', 'uuid'],
        ['locale', 'text'],
      ],
      org.users.map((u) => [u.id, u.email, u.name, u.unitId, u.locale]),
    );
    await insertRows(
      m,
      'process',
      [
        ['id', 'uuid'],
        ['code', 'text'],
        ['name_nb', 'text'],
        ['name_en', 'text'],
        ['description', 'text'],
        ['owning_unit_id', 'uuid'],
      ],
      org.processes.map((p) => [p.id, p.code, p.nameNb, p.nameEn, p.description, p.owningUnitId]),
    );
    await insertRows(
      m,
      'process_team_member',
      [
        ['process_id', 'uuid'],
        ['user_id', 'uuid'],
      ],
      org.teamMembers.map((t) => [t.processId, t.userId]),
    );
    await insertRows(
      m,
      'role_assignment',
      [
        ['id', 'uuid'],
        ['user_id', 'uuid'],
        ['role', 'text'],
        ['scope_kind', 'text'],
        ['unit_id', 'uuid'],
        ['process_id', 'uuid'],
        ['valid_from', 'date'],
        ['valid_to', 'date'],
      ],
      org.roleAssignments.map((a) => [a.id, a.userId, a.role, a.scopeKind, a.unitId, a.processId, a.validFrom, a.validTo]),
    );
    await insertRows(
      m,
      'mandate',
      [
        ['id', 'uuid'],
        ['process_id', 'uuid'],
        ['holder_id', 'uuid'],
        ['deputy_id', 'uuid'],
        ['delegated_by', 'uuid'],
        ['valid_from', 'date'],
        ['valid_to', 'date'],
        ['description', 'text'],
      ],
      org.mandates.map((d) => [d.id, d.processId, d.holderId, d.deputyId, d.delegatedBy, d.validFrom, d.validTo, d.description]),
    );
    await insertRows(
      m,
      'mandate_absence',
      [
        ['id', 'uuid'],
        ['mandate_id', 'uuid'],
        ['starts_on', 'date'],
        ['ends_on', 'date'],
        ['reason', 'text'],
        ['created_by', 'uuid'],
      ],
      org.absences.map((a) => [a.id, a.mandateId, a.startsOn, a.endsOn, a.reason, a.createdBy]),
    );
    return { loaded: true };
  });
}
