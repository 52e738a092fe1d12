import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { ACTION_RULES, assertAllowed, type Principal, unitsCoveredBy } from '#flyt/access';
import type { Page } from '#flyt/http';
import { Conflict, type FieldError, InputInvalid, NotFound } from '#flyt/kernel';
import { containsPattern, isUniqueViolation } from '#flyt/persistence';
import { deputyStandInOn, mandateInForce } from '../domain/process-rules.js';
import { assertUserMayEnd, assignmentsEndingWithUser, USER_ENDED_REASON, userVisibility } from '../domain/user-rules.js';
import { MandateEntity } from '../entities/mandate.entity.js';
import { ProcessEntity } from '../entities/process.entity.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { UnitEntity } from '../entities/unit.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { mandateTerms } from '../processes/mandate-terms.js';
import { peopleByIds } from './people.js';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput, UserDetailView, UserView } from './user.dto.js';

export function toUserView(user: UserEntity, unit: Pick<UnitEntity, 'id' | 'nameNb'>): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    unit: { id: unit.id, nameNb: unit.nameNb },
    locale: user.locale,
    externalSubject: user.externalSubject,
    endedAt: user.endedAt?.toISOString() ?? null,
  };
}

/** The unique keys of app_user, and the input field each one belongs to. */
const UNIQUE_FIELDS: Record<string, 'email' | 'externalSubject'> = {
  app_user_email_key: 'email',
  app_user_external_subject_key: 'externalSubject',
};

/** Holds a role on :day — process_responsible through a mandate (or as deputy standing in), any other role through an assignment. */
const HOLDS_ASSIGNED_ROLE = `EXISTS (
  SELECT 1 FROM role_assignment ra
   WHERE ra.user_id = u.id AND ra.role = :role AND ra.ended_at IS NULL
     AND ra.valid_from <= :day AND (ra.valid_to IS NULL OR ra.valid_to >= :day))`;
const HOLDS_MANDATE = `EXISTS (
  SELECT 1 FROM mandate m
   WHERE m.ended_at IS NULL AND m.valid_from <= :day AND m.valid_to >= :day
     AND (m.holder_id = u.id
          OR (m.deputy_id = u.id AND EXISTS (
                SELECT 1 FROM mandate_absence a WHERE a.mandate_id = m.id AND a.starts_on <= :day AND a.ends_on >= :day))))`;

/** The people who use Flyt, each with a home unit. */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The users the reader may see: everyone, or those of the reader's unit subtrees and the reader themself. */
  async list(query: ListUsersQuery, reader: Principal): Promise<Page<UserView>> {
    const visibility = userVisibility(unitsCoveredBy(ACTION_RULES['users.read'], reader), reader.userId);
    const qb = this.db.getRepository(UserEntity).createQueryBuilder('u').innerJoin(UnitEntity, 'home', 'home.id = u.unit_id');
    if (visibility.kind === 'scoped') {
      qb.andWhere('(u.id = :selfId OR home.path && CAST(:visibleUnitIds AS uuid[]))', {
        selfId: visibility.selfId,
        visibleUnitIds: visibility.unitIds,
      });
    }
    if (query.unitId) qb.andWhere(':unitId = ANY(home.path)', { unitId: query.unitId });
    if (query.q) qb.andWhere('(u.name ILIKE :q OR u.email ILIKE :q)', { q: containsPattern(query.q) });
    if (query.role) qb.andWhere(query.role === 'process_responsible' ? HOLDS_MANDATE : HOLDS_ASSIGNED_ROLE, { role: query.role, day: reader.day });
    if (!query.includeEnded) qb.andWhere('u.ended_at IS NULL');
    const [users, total] = await qb
      .orderBy('u.name')
      .addOrderBy('u.email')
      .addOrderBy('u.id')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    const units = await this.unitsByIds(this.db.manager, users.map((u) => u.unitId));
    return { items: users.map((u) => toUserView(u, units.get(u.unitId)!)), total, limit: query.limit, offset: query.offset };
  }

  /** One user with the role assignments and mandates in force on the reader's day; readers outside the user's unit get 403. */
  async detail(id: string, reader: Principal): Promise<UserDetailView> {
    const manager = this.db.manager;
    const user = await this.find(manager, id);
    const unit = await manager.findOneByOrFail(UnitEntity, { id: user.unitId });
    assertAllowed(reader, 'users.read', { unitPath: unit.path, ownerUserId: user.id });
    const [roleAssignments, mandates] = await Promise.all([this.assignmentsOn(manager, id, reader.day), this.mandatesOn(manager, id, reader.day)]);
    return { ...toUserView(user, unit), day: reader.day, roleAssignments, mandates };
  }

  async create(input: CreateUserInput): Promise<UserView> {
    return this.db.transaction(async (manager) => {
      const unit = await this.homeUnit(manager, input.unitId);
      await this.assertUnique(manager, { email: input.email, externalSubject: input.externalSubject });
      const user = manager.create(UserEntity, { ...input, endedAt: null });
      await this.saveUnique(manager, user);
      return toUserView(user, unit);
    });
  }

  async update(id: string, changes: UpdateUserInput): Promise<UserView> {
    return this.db.transaction(async (manager) => {
      const user = await this.find(manager, id, true);
      if (user.endedAt) throw new Conflict('the user has ended and can no longer be changed');
      const unit = await this.homeUnit(manager, changes.unitId ?? user.unitId, changes.unitId !== undefined && changes.unitId !== user.unitId);
      await this.assertUnique(
        manager,
        {
          email: changes.email !== undefined && changes.email !== user.email ? changes.email : undefined,
          externalSubject: changes.externalSubject !== undefined && changes.externalSubject !== user.externalSubject ? changes.externalSubject : undefined,
        },
        id,
      );
      Object.assign(user, {
        email: changes.email ?? user.email,
        name: changes.name ?? user.name,
        unitId: unit.id,
        locale: changes.locale ?? user.locale,
        externalSubject: changes.externalSubject === undefined ? user.externalSubject : changes.externalSubject,
      });
      await this.saveUnique(manager, user);
      return toUserView(user, unit);
    });
  }

  /**
   * Deactivates a user: they can no longer sign in, and their role assignments in force or to
   * come end with them. Refused while they hold a mandate, which their process owner must end first.
   */
  async end(id: string, actor: Principal): Promise<UserView> {
    return this.db.transaction(async (manager) => {
      const user = await this.find(manager, id, true);
      if (user.endedAt) throw new Conflict(`the user was already ended at ${user.endedAt.toISOString()}`);
      const held = await manager.query<Array<{ id: string; valid_from: string; valid_to: string; code: string; name_nb: string }>>(
        `SELECT m.id, m.valid_from::text, m.valid_to::text, p.code, p.name_nb
           FROM mandate m JOIN process p ON p.id = m.process_id
          WHERE m.holder_id = $1 AND m.ended_at IS NULL
          ORDER BY m.valid_from, p.code`,
        [id],
      );
      assertUserMayEnd(
        held.map((m) => ({ id: m.id, validFrom: m.valid_from, validTo: m.valid_to, ended: false, processCode: m.code, processName: m.name_nb })),
        actor.day,
      );
      const endedAt = new Date();
      const assignments = await manager.find(RoleAssignmentEntity, { where: { userId: id, endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      const ending = assignmentsEndingWithUser(
        assignments.map((a) => ({ id: a.id, validTo: a.validTo, ended: false })),
        actor.day,
      );
      if (ending.length) {
        await manager.update(RoleAssignmentEntity, { id: In(ending) }, { endedAt, endedBy: actor.userId, endReason: USER_ENDED_REASON });
      }
      user.endedAt = endedAt;
      await manager.save(user);
      const unit = await manager.findOneByOrFail(UnitEntity, { id: user.unitId });
      return toUserView(user, unit);
    });
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<UserEntity> {
    const user = await manager.findOne(UserEntity, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!user) throw new NotFound('user', id);
    return user;
  }

  /** The home unit must exist and, when it is being set, must not have ended. */
  private async homeUnit(manager: EntityManager, unitId: string, checkActive = true): Promise<UnitEntity> {
    const unit = await manager.findOneBy(UnitEntity, { id: unitId });
    const errors: FieldError[] = [];
    if (!unit) errors.push({ field: 'unitId', reason: `no unit has id ${unitId}` });
    else if (checkActive && unit.endedAt) errors.push({ field: 'unitId', reason: `unit ${unit.code} has ended` });
    if (errors.length) throw new InputInvalid(errors);
    return unit!;
  }

  private async assertUnique(manager: EntityManager, keys: { email?: string; externalSubject?: string | null }, exceptId?: string): Promise<void> {
    const taken = async (column: 'email' | 'external_subject', value: string) => {
      const [row] = await manager.query<Array<{ taken: boolean }>>(
        `SELECT EXISTS (SELECT 1 FROM app_user WHERE ${column} = $1 AND id IS DISTINCT FROM $2::uuid) AS taken`,
        [value, exceptId ?? null],
      );
      return row!.taken;
    };
    if (keys.email !== undefined && (await taken('email', keys.email))) {
      throw new Conflict(`a user with e-mail ${keys.email} already exists`, 'email');
    }
    if (keys.externalSubject != null && (await taken('external_subject', keys.externalSubject))) {
      throw new Conflict('another user is already linked to this subject at the identity provider', 'externalSubject');
    }
  }

  private async saveUnique(manager: EntityManager, user: UserEntity): Promise<void> {
    try {
      await manager.save(user);
    } catch (error) {
      const field = Object.entries(UNIQUE_FIELDS).find(([constraint]) => isUniqueViolation(error, constraint))?.[1];
      if (field === 'email') throw new Conflict(`a user with e-mail ${user.email} already exists`, 'email');
      if (field === 'externalSubject') throw new Conflict('another user is already linked to this subject at the identity provider', 'externalSubject');
      throw error;
    }
  }

  private async assignmentsOn(manager: EntityManager, userId: string, day: string): Promise<UserDetailView['roleAssignments']> {
    const assignments = await manager
      .getRepository(RoleAssignmentEntity)
      .createQueryBuilder('ra')
      .where('ra.user_id = :userId AND ra.ended_at IS NULL', { userId })
      .andWhere('ra.valid_from <= :day AND (ra.valid_to IS NULL OR ra.valid_to >= :day)', { day })
      .orderBy('ra.role')
      .addOrderBy('ra.valid_from')
      .addOrderBy('ra.id')
      .getMany();
    const [units, processes] = await Promise.all([
      this.unitsByIds(manager, assignments.flatMap((a) => (a.unitId ? [a.unitId] : []))),
      this.processesByIds(manager, assignments.flatMap((a) => (a.processId ? [a.processId] : []))),
    ]);
    return assignments.map((a) => {
      const unit = a.unitId ? units.get(a.unitId) : undefined;
      const process = a.processId ? processes.get(a.processId) : undefined;
      const scope: UserDetailView['roleAssignments'][number]['scope'] =
        a.scopeKind === 'unit'
          ? { kind: 'unit', unitId: a.unitId!, unitName: unit?.nameNb ?? '' }
          : a.scopeKind === 'process'
            ? { kind: 'process', processId: a.processId!, processCode: process?.code ?? '', processName: process?.nameNb ?? '' }
            : { kind: 'global' };
      return { id: a.id, role: a.role, scope, validFrom: a.validFrom, validTo: a.validTo };
    });
  }

  private async mandatesOn(manager: EntityManager, userId: string, day: string): Promise<UserDetailView['mandates']> {
    const mandates = (
      await manager.find(MandateEntity, {
        where: [
          { holderId: userId, endedAt: IsNull() },
          { deputyId: userId, endedAt: IsNull() },
        ],
        order: { validFrom: 'ASC', createdAt: 'ASC' },
      })
    ).filter((m) => mandateInForce({ ...m, ended: false }, day));
    const [terms, people, processes] = await Promise.all([
      mandateTerms(manager, mandates),
      peopleByIds(manager, mandates.flatMap((m) => (m.deputyId ? [m.holderId, m.deputyId] : [m.holderId]))),
      this.processesByIds(manager, mandates.map((m) => m.processId)),
    ]);
    return mandates.map((m) => {
      const process = processes.get(m.processId)!;
      return {
        id: m.id,
        process: { id: process.id, code: process.code, nameNb: process.nameNb },
        capacity: m.holderId === userId ? ('holder' as const) : ('deputy' as const),
        holder: people.get(m.holderId)!,
        deputy: m.deputyId ? people.get(m.deputyId)! : null,
        validFrom: m.validFrom,
        validTo: m.validTo,
        deputyStandsIn: deputyStandInOn(terms.get(m.id)!, day) !== null,
      };
    });
  }

  private async unitsByIds(manager: EntityManager, ids: string[]): Promise<Map<string, UnitEntity>> {
    const unique = [...new Set(ids)];
    const units = unique.length ? await manager.findBy(UnitEntity, { id: In(unique) }) : [];
    return new Map(units.map((u) => [u.id, u]));
  }

  private async processesByIds(manager: EntityManager, ids: string[]): Promise<Map<string, ProcessEntity>> {
    const unique = [...new Set(ids)];
    const processes = unique.length ? await manager.findBy(ProcessEntity, { id: In(unique) }) : [];
    return new Map(processes.map((p) => [p.id, p]));
  }
}
