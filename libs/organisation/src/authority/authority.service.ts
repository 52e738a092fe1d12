import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { type AssignmentRecord, type Grant, grantsInForce, type MandateRecord, type Scope } from '#flyt/access';
import { ProcessEntity } from '../entities/process.entity.js';
import { UnitEntity } from '../entities/unit.entity.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { UserEntity } from '../entities/user.entity.js';

function scopeOf(a: Pick<RoleAssignmentEntity, 'scopeKind' | 'unitId' | 'processId'>): Scope {
  if (a.scopeKind === 'unit') return { kind: 'unit', unitId: a.unitId! };
  if (a.scopeKind === 'process') return { kind: 'process', processId: a.processId! };
  return { kind: 'global' };
}

/** Reads who holds which role now, from role assignments and delegated mandates. */
@Injectable()
export class AuthorityService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findActiveUserBy(where: { email: string } | { externalSubject: string } | { id: string }): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ ...where, endedAt: IsNull() });
  }

  /** Display names of units and processes that grants refer to. */
  async scopeNames(unitIds: string[], processIds: string[]): Promise<{ units: Map<string, UnitEntity>; processes: Map<string, ProcessEntity> }> {
    const [units, processes] = await Promise.all([
      unitIds.length ? this.db.getRepository(UnitEntity).findBy({ id: In(unitIds) }) : [],
      processIds.length ? this.db.getRepository(ProcessEntity).findBy({ id: In(processIds) }) : [],
    ]);
    return { units: new Map(units.map((u) => [u.id, u])), processes: new Map(processes.map((p) => [p.id, p])) };
  }

  /**
   * An active user and the grants they hold on `day` (YYYY-MM-DD, Europe/Oslo), or null when no
   * active user answers to `where`. One statement, as every authenticated request asks it: the
   * role assignments and the mandates with their absences come back as JSON beside the user.
   */
  async activeUserWithGrants(
    where: { email: string } | { externalSubject: string } | { id: string },
    day: string,
  ): Promise<{ user: Pick<UserEntity, 'id' | 'email' | 'name' | 'unitId'>; grants: Grant[] } | null> {
    const [column, value] = 'id' in where ? ['id', where.id] : 'email' in where ? ['email', where.email] : ['external_subject', where.externalSubject];
    const [row] = (await this.db.query(
      `SELECT u.id, u.email, u.name, u.unit_id,
              (SELECT coalesce(json_agg(json_build_object('id', a.id, 'role', a.role, 'scopeKind', a.scope_kind, 'unitId', a.unit_id, 'processId', a.process_id,
                                                          'validFrom', a.valid_from, 'validTo', a.valid_to) ORDER BY a.valid_from, a.id), '[]')
                 FROM role_assignment a WHERE a.user_id = u.id AND a.ended_at IS NULL) AS assignments,
              (SELECT coalesce(json_agg(json_build_object('id', m.id, 'processId', m.process_id, 'holderId', m.holder_id, 'deputyId', m.deputy_id,
                                                          'validFrom', m.valid_from, 'validTo', m.valid_to,
                                                          'absences', (SELECT coalesce(json_agg(json_build_object('id', b.id, 'startsOn', b.starts_on, 'endsOn', b.ends_on) ORDER BY b.starts_on), '[]')
                                                                         FROM mandate_absence b WHERE b.mandate_id = m.id)) ORDER BY m.valid_from, m.id), '[]')
                 FROM mandate m WHERE (m.holder_id = u.id OR m.deputy_id = u.id) AND m.ended_at IS NULL) AS mandates
         FROM app_user u
        WHERE u.${column} = $1 AND u.ended_at IS NULL`,
      [value],
    )) as {
      id: string;
      email: string;
      name: string;
      unit_id: string;
      assignments: Pick<RoleAssignmentEntity, 'id' | 'role' | 'scopeKind' | 'unitId' | 'processId' | 'validFrom' | 'validTo'>[];
      mandates: Omit<MandateRecord, 'ended'>[];
    }[];
    if (!row) return null;
    const assignments: AssignmentRecord[] = row.assignments.map((a) => ({
      id: a.id,
      role: a.role,
      scope: scopeOf(a),
      validFrom: a.validFrom,
      validTo: a.validTo,
      ended: false,
    }));
    const mandates: MandateRecord[] = row.mandates.map((m) => ({ ...m, ended: false }));
    return { user: { id: row.id, email: row.email, name: row.name, unitId: row.unit_id }, grants: grantsInForce(row.id, assignments, mandates, day) };
  }
}
