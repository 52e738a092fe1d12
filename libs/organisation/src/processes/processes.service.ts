import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import type { Page } from '#flyt/http';
import { Conflict, type FieldError, InputInvalid, NotFound } from '#flyt/kernel';
import { containsPattern, isUniqueViolation } from '#flyt/persistence';
import { assertProcessMayEnd, deputyStandInOn, mandateInForce, PROCESS_ENDED_REASON } from '../domain/process-rules.js';
import { MandateEntity } from '../entities/mandate.entity.js';
import { ProcessEntity } from '../entities/process.entity.js';
import { UnitEntity } from '../entities/unit.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { peopleByIds } from '../users/people.js';
import type { PersonView } from '../users/user.dto.js';
import { mandateTerms } from './mandate-terms.js';
import type { CreateProcessInput, ListProcessesQuery, ProcessDetailView, ProcessView, UpdateProcessInput } from './process.dto.js';

export function toProcessView(process: ProcessEntity, owningUnit: Pick<UnitEntity, 'id' | 'nameNb'>): ProcessView {
  return {
    id: process.id,
    code: process.code,
    nameNb: process.nameNb,
    nameEn: process.nameEn,
    description: process.description,
    owningUnit: { id: owningUnit.id, nameNb: owningUnit.nameNb },
    endedAt: process.endedAt?.toISOString() ?? null,
  };
}

type PersonRow = PersonView & { role: 'process_owner' | 'process_adviser' };

/** The process catalogue, and who holds the process roles of each process. */
@Injectable()
export class ProcessesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: ListProcessesQuery): Promise<Page<ProcessView>> {
    const qb = this.db.getRepository(ProcessEntity).createQueryBuilder('p');
    if (query.owningUnitId) qb.andWhere('p.owning_unit_id = :owningUnitId', { owningUnitId: query.owningUnitId });
    if (query.q) qb.andWhere('(p.code ILIKE :q OR p.name_nb ILIKE :q OR p.name_en ILIKE :q)', { q: containsPattern(query.q) });
    if (!query.includeEnded) qb.andWhere('p.ended_at IS NULL');
    const [processes, total] = await qb.orderBy('p.code').skip(query.offset).take(query.limit).getManyAndCount();
    const units = await this.unitsByIds(this.db.manager, processes.map((p) => p.owningUnitId));
    return { items: processes.map((p) => toProcessView(p, units.get(p.owningUnitId)!)), total, limit: query.limit, offset: query.offset };
  }

  /** The process with the holders of its roles on `day` (YYYY-MM-DD, Europe/Oslo). */
  async detail(id: string, day: string, manager: EntityManager = this.db.manager): Promise<ProcessDetailView> {
    const process = await manager.findOneBy(ProcessEntity, { id });
    if (!process) throw new NotFound('process', id);
    const [unit, assigned, team, responsibles] = await Promise.all([
      manager.findOneByOrFail(UnitEntity, { id: process.owningUnitId }),
      manager.query<PersonRow[]>(
        `SELECT DISTINCT ra.role, u.id, u.name, u.email
           FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id
          WHERE ra.process_id = $1 AND ra.role IN ('process_owner', 'process_adviser')
            AND ra.ended_at IS NULL AND ra.valid_from <= $2::date AND (ra.valid_to IS NULL OR ra.valid_to >= $2::date)
            AND u.ended_at IS NULL
          ORDER BY u.name, u.email`,
        [id, day],
      ),
      manager.query<PersonView[]>(
        `SELECT u.id, u.name, u.email
           FROM process_team_member t JOIN app_user u ON u.id = t.user_id
          WHERE t.process_id = $1 AND u.ended_at IS NULL
          ORDER BY u.name, u.email`,
        [id],
      ),
      this.responsiblesOn(manager, id, day),
    ]);
    const person = ({ id: userId, name, email }: PersonRow): PersonView => ({ id: userId, name, email });
    return {
      ...toProcessView(process, unit),
      day,
      processOwners: assigned.filter((row) => row.role === 'process_owner').map(person),
      processResponsibles: responsibles,
      processAdvisers: assigned.filter((row) => row.role === 'process_adviser').map(person),
      team,
    };
  }

  async create(input: CreateProcessInput, day: string): Promise<ProcessDetailView> {
    const id = await this.db.transaction(async (manager) => {
      await this.assertReferences(manager, { owningUnitId: input.owningUnitId, teamMemberIds: input.teamMemberIds });
      await this.assertCodeFree(manager, input.code);
      const { teamMemberIds, ...fields } = input;
      const process = manager.create(ProcessEntity, fields);
      await this.saveUnique(manager, process);
      await this.replaceTeam(manager, process.id, teamMemberIds);
      return process.id;
    });
    return this.detail(id, day);
  }

  /** Changes the process; `teamMemberIds` replaces the whole team. The caller has checked processes.update. */
  async update(id: string, changes: UpdateProcessInput, day: string): Promise<ProcessDetailView> {
    await this.db.transaction(async (manager) => {
      const process = await manager.findOne(ProcessEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!process) throw new NotFound('process', id);
      if (process.endedAt) throw new Conflict('the process has ended and can no longer be changed');
      const movesUnit = changes.owningUnitId !== undefined && changes.owningUnitId !== process.owningUnitId;
      await this.assertReferences(manager, { owningUnitId: movesUnit ? changes.owningUnitId : undefined, teamMemberIds: changes.teamMemberIds });
      if (changes.code !== undefined && changes.code !== process.code) await this.assertCodeFree(manager, changes.code);
      Object.assign(process, {
        code: changes.code ?? process.code,
        nameNb: changes.nameNb ?? process.nameNb,
        nameEn: changes.nameEn ?? process.nameEn,
        description: changes.description ?? process.description,
        owningUnitId: changes.owningUnitId ?? process.owningUnitId,
      });
      await this.saveUnique(manager, process);
      if (changes.teamMemberIds) await this.replaceTeam(manager, id, changes.teamMemberIds);
    });
    return this.detail(id, day);
  }

  /**
   * Ends a process that has no mandate in force or to come. The roles held for it (process
   * owner, adviser) end with it, so nobody keeps authority over a process that is gone.
   */
  async end(id: string, day: string, actorId: string): Promise<ProcessDetailView> {
    await this.db.transaction(async (manager) => {
      const process = await manager.findOne(ProcessEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!process) throw new NotFound('process', id);
      if (process.endedAt) throw new Conflict(`process ${process.code} has already ended`);
      const mandates = await manager.findBy(MandateEntity, { processId: id, endedAt: IsNull() });
      const holders = await peopleByIds(manager, mandates.map((m) => m.holderId));
      assertProcessMayEnd(
        process.code,
        mandates.map((m) => ({ id: m.id, validFrom: m.validFrom, validTo: m.validTo, ended: false, holderName: holders.get(m.holderId)?.name ?? m.holderId })),
        day,
      );
      process.endedAt = new Date();
      await manager.save(process);
      await manager.query(
        `UPDATE role_assignment SET ended_at = $2, ended_by = $3, end_reason = $4
          WHERE process_id = $1 AND ended_at IS NULL AND (valid_to IS NULL OR valid_to >= $5)`,
        [id, process.endedAt, actorId, PROCESS_ENDED_REASON, day],
      );
    });
    return this.detail(id, day);
  }

  private async responsiblesOn(manager: EntityManager, processId: string, day: string): Promise<ProcessDetailView['processResponsibles']> {
    const mandates = (await manager.find(MandateEntity, { where: { processId, endedAt: IsNull() }, order: { validFrom: 'ASC', createdAt: 'ASC' } })).filter(
      (m) => mandateInForce({ ...m, ended: false }, day),
    );
    const [terms, people] = await Promise.all([
      mandateTerms(manager, mandates),
      peopleByIds(
        manager,
        mandates.flatMap((m) => (m.deputyId ? [m.holderId, m.deputyId] : [m.holderId])),
      ),
    ]);
    return mandates.map((m) => {
      const absence = deputyStandInOn(terms.get(m.id)!, day);
      return {
        mandateId: m.id,
        holder: people.get(m.holderId)!,
        deputy: m.deputyId ? people.get(m.deputyId)! : null,
        validFrom: m.validFrom,
        validTo: m.validTo,
        deputyStandsIn: absence !== null,
        absence,
      };
    });
  }

  /** The owning unit exists and has not ended; every team member is an active user. All bad fields at once. */
  private async assertReferences(manager: EntityManager, refs: { owningUnitId?: string; teamMemberIds?: string[] }): Promise<void> {
    const errors: FieldError[] = [];
    if (refs.owningUnitId !== undefined) {
      const unit = await manager.findOneBy(UnitEntity, { id: refs.owningUnitId });
      if (!unit) errors.push({ field: 'owningUnitId', reason: `no unit has id ${refs.owningUnitId}` });
      else if (unit.endedAt) errors.push({ field: 'owningUnitId', reason: `unit ${unit.code} has ended` });
    }
    if (refs.teamMemberIds?.length) {
      const users = await manager.find(UserEntity, { where: { id: In(refs.teamMemberIds) }, select: { id: true, endedAt: true } });
      const byId = new Map(users.map((u) => [u.id, u]));
      refs.teamMemberIds.forEach((userId, index) => {
        const user = byId.get(userId);
        if (!user) errors.push({ field: `teamMemberIds[${index}]`, reason: `no user has id ${userId}` });
        else if (user.endedAt) errors.push({ field: `teamMemberIds[${index}]`, reason: `user ${userId} has ended` });
      });
    }
    if (errors.length) throw new InputInvalid(errors);
  }

  private async replaceTeam(manager: EntityManager, processId: string, userIds: readonly string[]): Promise<void> {
    const wanted = [...new Set(userIds)];
    // Members who stay keep the day they were added.
    await manager.query(`DELETE FROM process_team_member WHERE process_id = $1 AND NOT (user_id = ANY($2::uuid[]))`, [processId, wanted]);
    await manager.query(
      `INSERT INTO process_team_member (process_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [processId, wanted],
    );
  }

  private async unitsByIds(manager: EntityManager, ids: string[]): Promise<Map<string, UnitEntity>> {
    const unique = [...new Set(ids)];
    const units = unique.length ? await manager.findBy(UnitEntity, { id: In(unique) }) : [];
    return new Map(units.map((u) => [u.id, u]));
  }

  private async assertCodeFree(manager: EntityManager, code: string): Promise<void> {
    if (await manager.existsBy(ProcessEntity, { code })) throw new Conflict(`a process with code ${code} already exists`, 'code');
  }

  private async saveUnique(manager: EntityManager, process: ProcessEntity): Promise<void> {
    try {
      await manager.save(process);
    } catch (error) {
      if (isUniqueViolation(error)) throw new Conflict(`a process with code ${process.code} already exists`, 'code');
      throw error;
    }
  }
}
