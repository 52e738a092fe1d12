import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { type AssignmentRecord, type Grant, grantsInForce, type MandateRecord, type Scope } from '#flyt/access';
import { MandateAbsenceEntity, MandateEntity } from '../entities/mandate.entity.js';
import { ProcessEntity } from '../entities/process.entity.js';
import { UnitEntity } from '../entities/unit.entity.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { UserEntity } from '../entities/user.entity.js';

function scopeOf(a: RoleAssignmentEntity): Scope {
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

  /** The grants a user holds on `day` (YYYY-MM-DD, Europe/Oslo). */
  async grantsFor(userId: string, day: string): Promise<Grant[]> {
    const [assignments, mandates] = await Promise.all([
      this.db.getRepository(RoleAssignmentEntity).findBy({ userId, endedAt: IsNull() }),
      this.db.getRepository(MandateEntity).find({ where: [{ holderId: userId, endedAt: IsNull() }, { deputyId: userId, endedAt: IsNull() }] }),
    ]);
    const absences = mandates.length
      ? await this.db.getRepository(MandateAbsenceEntity).findBy({ mandateId: In(mandates.map((m) => m.id)) })
      : [];
    const assignmentRecords: AssignmentRecord[] = assignments.map((a) => ({
      id: a.id,
      role: a.role,
      scope: scopeOf(a),
      validFrom: a.validFrom,
      validTo: a.validTo,
      ended: a.endedAt !== null,
    }));
    const mandateRecords: MandateRecord[] = mandates.map((m) => ({
      id: m.id,
      processId: m.processId,
      holderId: m.holderId,
      deputyId: m.deputyId,
      validFrom: m.validFrom,
      validTo: m.validTo,
      ended: m.endedAt !== null,
      absences: absences.filter((a) => a.mandateId === m.id).map((a) => ({ id: a.id, startsOn: a.startsOn, endsOn: a.endsOn })),
    }));
    return grantsInForce(userId, assignmentRecords, mandateRecords, day);
  }
}
