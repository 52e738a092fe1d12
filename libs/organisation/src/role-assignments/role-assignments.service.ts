import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { assertAllowed, decideAction, type Principal } from '#flyt/access';
import type { Page } from '#flyt/http';
import { Conflict, type FieldError, InputInvalid, NotFound } from '#flyt/kernel';
import { isExclusionViolation } from '#flyt/persistence';
import { assertPeriod, assignmentInForce, type OwnerInTheWay, processOwnerOverlapConflict, scopeOfAssignment } from '../domain/role-assignment-rules.js';
import { ProcessEntity } from '../entities/process.entity.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { UnitEntity } from '../entities/unit.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import type {
  CreateRoleAssignment,
  ListRoleAssignmentsQuery,
  RoleAssignmentScopeView,
  RoleAssignmentView,
  UpdateRoleAssignment,
} from './role-assignment.dto.js';

/**
 * The exclusion constraint that keeps two open process-owner assignments of one process off the
 * same days. The service checks first to name the owner in the way; the constraint decides races
 * and writers that bypass the service.
 */
export const PROCESS_OWNER_OVERLAP_CONSTRAINT = 'role_assignment_one_process_owner';

/**
 * Serialises writes to one user's assignments, so two overlapping duplicates cannot both pass the
 * check; and, for a process owner, writes to the owners of that process. The user's lock is always
 * taken first, so two writers never wait for each other in a circle.
 */
async function lockAssignmentsOf(manager: EntityManager, userId: string, ownerOfProcess: string | null): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`role_assignment:${userId}`]);
  if (ownerOfProcess) await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`process_owner:${ownerOfProcess}`]);
}

/** The period a write asks an assignment to have, kept to name what is in the way if the constraint refuses it. */
interface Attempt {
  id: string | null;
  role: string;
  processId: string | null;
  validFrom: string;
  validTo: string | null;
}

/** Roles held in a scope (global, a unit subtree, a process), with their period of validity. */
@Injectable()
export class RoleAssignmentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Admins and the programme secretariat see every assignment; anyone else only their own. */
  async list(query: ListRoleAssignmentsQuery, actor: Principal): Promise<Page<RoleAssignmentView>> {
    let userId = query.userId;
    if (!decideAction(actor, 'roleAssignments.read').allowed) {
      if (userId && userId !== actor.userId) assertAllowed(actor, 'roleAssignments.read', { ownerUserId: userId });
      userId = actor.userId;
    }
    const qb = this.db
      .getRepository(RoleAssignmentEntity)
      .createQueryBuilder('ra')
      .innerJoin(UserEntity, 'u', 'u.id = ra.user_id');
    if (userId) qb.andWhere('ra.user_id = :userId', { userId });
    if (query.role) qb.andWhere('ra.role = :role', { role: query.role });
    if (query.unitId) qb.andWhere('ra.unit_id = :unitId', { unitId: query.unitId });
    if (query.processId) qb.andWhere('ra.process_id = :processId', { processId: query.processId });
    if (!query.includeEnded) qb.andWhere('ra.ended_at IS NULL');
    if (query.inForce !== undefined) {
      const inForce = `(ra.ended_at IS NULL AND ra.valid_from <= :day AND (ra.valid_to IS NULL OR ra.valid_to >= :day))`;
      qb.andWhere(query.inForce ? inForce : `NOT ${inForce}`, { day: actor.day });
    }
    const [assignments, total] = await qb
      .orderBy('u.name')
      .addOrderBy('ra.role')
      .addOrderBy('ra.valid_from')
      .addOrderBy('ra.id')
      .offset(query.offset)
      .limit(query.limit)
      .getManyAndCount();
    return { items: await this.views(this.db.manager, assignments, actor.day), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, actor: Principal): Promise<RoleAssignmentView> {
    const assignment = await this.find(this.db.manager, id);
    assertAllowed(actor, 'roleAssignments.read', { ownerUserId: assignment.userId });
    return this.view(this.db.manager, assignment, actor.day);
  }

  async create(input: CreateRoleAssignment, actor: Principal): Promise<RoleAssignmentView> {
    const scopeKind = scopeOfAssignment(input.role, input);
    const validFrom = input.validFrom ?? actor.day;
    assertPeriod(validFrom, input.validTo);
    const attempt: Attempt = { id: null, role: input.role, processId: input.processId ?? null, validFrom, validTo: input.validTo };
    return this.refusingOwnerOverlaps(attempt, async (manager) => {
      await lockAssignmentsOf(manager, input.userId, input.role === 'process_owner' ? (input.processId ?? null) : null);
      const errors: FieldError[] = [];
      const user = await manager.findOneBy(UserEntity, { id: input.userId });
      if (!user) errors.push({ field: 'userId', reason: `no user has id ${input.userId}` });
      else if (user.endedAt) errors.push({ field: 'userId', reason: `${user.name} is no longer an active user` });
      if (input.unitId) {
        const unit = await manager.findOneBy(UnitEntity, { id: input.unitId });
        if (!unit) errors.push({ field: 'unitId', reason: `no unit has id ${input.unitId}` });
        else if (unit.endedAt) errors.push({ field: 'unitId', reason: `the unit ${unit.nameNb} has ended` });
      }
      if (input.processId) {
        const process = await manager.findOneBy(ProcessEntity, { id: input.processId });
        if (!process) errors.push({ field: 'processId', reason: `no process has id ${input.processId}` });
        else if (process.endedAt) errors.push({ field: 'processId', reason: `the process ${process.nameNb} has ended` });
      }
      if (errors.length) throw new InputInvalid(errors);
      const assignment = manager.create(RoleAssignmentEntity, {
        userId: input.userId,
        role: input.role,
        scopeKind,
        unitId: input.unitId ?? null,
        processId: input.processId ?? null,
        validFrom,
        validTo: input.validTo,
        createdBy: actor.userId,
        endedAt: null,
        endedBy: null,
        endReason: null,
      });
      await this.assertNoOverlappingDuplicate(manager, assignment);
      await this.assertNoOtherOwner(manager, assignment);
      await manager.save(assignment);
      return this.view(manager, assignment, actor.day);
    });
  }

  /** Moves the period of an assignment that has not been ended. */
  async update(id: string, changes: UpdateRoleAssignment, actor: Principal): Promise<RoleAssignmentView> {
    const found = await this.find(this.db.manager, id);
    const attempt: Attempt = {
      id,
      role: found.role,
      processId: found.processId,
      validFrom: changes.validFrom ?? found.validFrom,
      validTo: changes.validTo === undefined ? found.validTo : changes.validTo,
    };
    return this.refusingOwnerOverlaps(attempt, async (manager) => {
      await lockAssignmentsOf(manager, found.userId, found.role === 'process_owner' ? found.processId : null);
      const assignment = await this.find(manager, id, true);
      if (assignment.endedAt) throw new Conflict('the role assignment has been ended and can no longer be changed');
      const validFrom = changes.validFrom ?? assignment.validFrom;
      const validTo = changes.validTo === undefined ? assignment.validTo : changes.validTo;
      assertPeriod(validFrom, validTo);
      Object.assign(assignment, { validFrom, validTo });
      await this.assertNoOverlappingDuplicate(manager, assignment);
      await this.assertNoOtherOwner(manager, assignment);
      await manager.save(assignment);
      return this.view(manager, assignment, actor.day);
    });
  }

  /** Ends an assignment from now on; it stays on record with who ended it and why. */
  async end(id: string, reason: string | undefined, actor: Principal): Promise<RoleAssignmentView> {
    return this.db.transaction(async (manager) => {
      const assignment = await this.find(manager, id, true);
      if (assignment.endedAt) throw new Conflict(`the role assignment was already ended at ${assignment.endedAt.toISOString()}`);
      Object.assign(assignment, { endedAt: new Date(), endedBy: actor.userId, endReason: reason ?? null });
      await manager.save(assignment);
      return this.view(manager, assignment, actor.day);
    });
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<RoleAssignmentEntity> {
    const assignment = await manager.findOne(RoleAssignmentEntity, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!assignment) throw new NotFound('role assignment', id);
    return assignment;
  }

  /** The same role in the same scope for the same user may be held only once on any day. */
  private async assertNoOverlappingDuplicate(manager: EntityManager, a: RoleAssignmentEntity): Promise<void> {
    const [clash] = (await manager.query(
      `SELECT id, valid_from, valid_to FROM role_assignment
        WHERE user_id = $1 AND role = $2 AND scope_kind = $3
          AND unit_id IS NOT DISTINCT FROM $4::uuid AND process_id IS NOT DISTINCT FROM $5::uuid
          AND ended_at IS NULL AND ($6::uuid IS NULL OR id <> $6::uuid)
          AND daterange(valid_from, valid_to, '[]') && daterange($7::date, $8::date, '[]')
        LIMIT 1`,
      [a.userId, a.role, a.scopeKind, a.unitId, a.processId, a.id ?? null, a.validFrom, a.validTo],
    )) as Array<{ id: string; valid_from: string; valid_to: string | null }>;
    if (clash) {
      throw new Conflict(
        `the user already holds ${a.role} in this scope from ${clash.valid_from} to ${clash.valid_to ?? 'further notice'} (role assignment ${clash.id}); change or end that one instead`,
      );
    }
  }

  /** A process has one process owner on any day. */
  private async assertNoOtherOwner(manager: EntityManager, a: RoleAssignmentEntity): Promise<void> {
    const attempt: Attempt = { id: a.id ?? null, role: a.role, processId: a.processId, validFrom: a.validFrom, validTo: a.validTo };
    const clash = await this.ownerInTheWay(manager, attempt);
    if (clash) throw processOwnerOverlapConflict(await this.processName(manager, a.processId!), clash);
  }

  private async ownerInTheWay(manager: EntityManager, attempt: Attempt): Promise<OwnerInTheWay | undefined> {
    if (attempt.role !== 'process_owner' || attempt.processId === null) return undefined;
    const [clash] = (await manager.query(
      `SELECT ra.id, ra.user_id AS "userId", u.name AS "userName", ra.valid_from AS "validFrom", ra.valid_to AS "validTo"
         FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id
        WHERE ra.role = 'process_owner' AND ra.process_id = $1 AND ra.ended_at IS NULL AND ($2::uuid IS NULL OR ra.id <> $2::uuid)
          AND daterange(ra.valid_from, ra.valid_to, '[]') && daterange($3::date, $4::date, '[]')
        ORDER BY ra.valid_from
        LIMIT 1`,
      [attempt.processId, attempt.id, attempt.validFrom, attempt.validTo],
    )) as OwnerInTheWay[];
    return clash;
  }

  private async processName(manager: EntityManager, processId: string): Promise<string> {
    return (await manager.findOneBy(ProcessEntity, { id: processId }))?.nameNb ?? 'the process';
  }

  /**
   * Runs a write in a transaction and turns the owner constraint's refusal into the same 409 the
   * check gives: another writer committed an overlapping process owner after the check looked.
   */
  private async refusingOwnerOverlaps(attempt: Attempt, write: (manager: EntityManager) => Promise<RoleAssignmentView>): Promise<RoleAssignmentView> {
    try {
      return await this.db.transaction(write);
    } catch (error) {
      if (!isExclusionViolation(error, PROCESS_OWNER_OVERLAP_CONSTRAINT)) throw error;
      const clash = await this.ownerInTheWay(this.db.manager, attempt);
      if (clash) throw processOwnerOverlapConflict(await this.processName(this.db.manager, attempt.processId!), clash);
      throw new Conflict('another process owner of the process was assigned for some of these days at the same moment; reload and try again');
    }
  }

  private async view(manager: EntityManager, assignment: RoleAssignmentEntity, day: string): Promise<RoleAssignmentView> {
    const [view] = await this.views(manager, [assignment], day);
    return view!;
  }

  private async views(manager: EntityManager, assignments: RoleAssignmentEntity[], day: string): Promise<RoleAssignmentView[]> {
    const ids = (pick: (a: RoleAssignmentEntity) => string | null) => [...new Set(assignments.map(pick).filter((id): id is string => id !== null))];
    const [userIds, unitIds, processIds] = [ids((a) => a.userId), ids((a) => a.unitId), ids((a) => a.processId)];
    // One after another: inside a transaction the manager has a single connection, which runs one query at a time.
    const users = userIds.length ? await manager.findBy(UserEntity, { id: In(userIds) }) : [];
    const units = unitIds.length ? await manager.findBy(UnitEntity, { id: In(unitIds) }) : [];
    const processes = processIds.length ? await manager.findBy(ProcessEntity, { id: In(processIds) }) : [];
    const userById = new Map(users.map((u) => [u.id, u]));
    const unitById = new Map(units.map((u) => [u.id, u]));
    const processById = new Map(processes.map((p) => [p.id, p]));
    return assignments.map((a) => {
      const scope: RoleAssignmentScopeView =
        a.scopeKind === 'unit'
          ? { kind: 'unit', unitId: a.unitId!, unitName: unitById.get(a.unitId!)?.nameNb ?? '' }
          : a.scopeKind === 'process'
            ? { kind: 'process', processId: a.processId!, processName: processById.get(a.processId!)?.nameNb ?? '' }
            : { kind: 'global' };
      return {
        id: a.id,
        user: { id: a.userId, name: userById.get(a.userId)?.name ?? '' },
        role: a.role,
        scope,
        validFrom: a.validFrom,
        validTo: a.validTo,
        inForce: assignmentInForce({ validFrom: a.validFrom, validTo: a.validTo, ended: a.endedAt !== null }, day),
        createdAt: a.createdAt.toISOString(),
        endedAt: a.endedAt?.toISOString() ?? null,
        endReason: a.endReason,
      };
    });
  }
}
