import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Rows for tests, with defaults for everything a test does not care about. */
export class Factories {
  private sequence = 0;
  constructor(private readonly db: DataSource) {}

  private next(): number {
    this.sequence += 1;
    return this.sequence;
  }

  async unit(overrides: { id?: string; code?: string; nameNb?: string; kind?: string; parent?: { id: string; path: string[] } | null } = {}) {
    const id = overrides.id ?? randomUUID();
    const n = this.next();
    const path = [...(overrides.parent?.path ?? []), id];
    const row = {
      id,
      code: overrides.code ?? `U${n}`,
      nameNb: overrides.nameNb ?? `Enhet ${n}`,
      kind: overrides.kind ?? (overrides.parent ? 'department' : 'university'),
      parentId: overrides.parent?.id ?? null,
      path,
    };
    await this.db.query(`INSERT INTO unit (id, code, name_nb, name_en, kind, parent_id, path) VALUES ($1, $2, $3, $3, $4, $5, $6)`, [
      row.id,
      row.code,
      row.nameNb,
      row.kind,
      row.parentId,
      row.path,
    ]);
    return row;
  }

  async user(overrides: { id?: string; email?: string; name?: string; unitId: string }) {
    const n = this.next();
    const row = { id: overrides.id ?? randomUUID(), email: overrides.email ?? `person${n}@universitet.example`, name: overrides.name ?? `Person ${n}`, unitId: overrides.unitId };
    await this.db.query(`INSERT INTO app_user (id, email, name, unit_id) VALUES ($1, $2, $3, $4)`, [row.id, row.email, row.name, row.unitId]);
    return row;
  }

  async process(overrides: { id?: string; code?: string; nameNb?: string; owningUnitId: string }) {
    const n = this.next();
    const row = { id: overrides.id ?? randomUUID(), code: overrides.code ?? `P${n}`, nameNb: overrides.nameNb ?? `Prosess ${n}`, owningUnitId: overrides.owningUnitId };
    await this.db.query(`INSERT INTO process (id, code, name_nb, name_en, owning_unit_id) VALUES ($1, $2, $3, $3, $4)`, [
      row.id,
      row.code,
      row.nameNb,
      row.owningUnitId,
    ]);
    return row;
  }

  async role(userId: string, role: string, scope: { unitId?: string; processId?: string } = {}, period: { validFrom?: string; validTo?: string | null } = {}) {
    const kind = scope.unitId ? 'unit' : scope.processId ? 'process' : 'global';
    const [row] = await this.db.query(
      `INSERT INTO role_assignment (user_id, role, scope_kind, unit_id, process_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [userId, role, kind, scope.unitId ?? null, scope.processId ?? null, period.validFrom ?? '2000-01-01', period.validTo ?? null],
    );
    return row.id as string;
  }

  /** By default in force from a year before today to two years after: the database takes no mandate of 25 years or more. */
  async mandate(m: { processId: string; holderId: string; delegatedBy: string; deputyId?: string; validFrom?: string; validTo?: string }) {
    const [row] = await this.db.query(
      `INSERT INTO mandate (process_id, holder_id, deputy_id, delegated_by, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, coalesce($5::date, current_date - 365), coalesce($6::date, current_date + 730)) RETURNING id`,
      [m.processId, m.holderId, m.deputyId ?? null, m.delegatedBy, m.validFrom ?? null, m.validTo ?? null],
    );
    return row.id as string;
  }
}
