import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { assertAllowed, type Principal } from '#flyt/access';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import type { Page } from '#flyt/http';
import { Conflict, type FieldError, InputInvalid, NotFound } from '#flyt/kernel';
import { isExclusionViolation } from '#flyt/persistence';
import {
  absenceCovering,
  assertAbsenceFits,
  assertAbsencesWithin,
  type MandateInTheWay,
  type MandateState,
  mandateInForce,
  mandateLengthErrors,
  mandateOverlapConflict,
  mandateTermsErrors,
} from '../domain/mandate-rules.js';
import { MandateAbsenceEntity, MandateEntity } from '../entities/mandate.entity.js';
import { ProcessEntity } from '../entities/process.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import type { CreateMandate, ListMandatesQuery, MandateView, RecordAbsence, UpdateMandate } from './mandate.dto.js';

function stateOf(m: MandateEntity): MandateState {
  return { holderId: m.holderId, deputyId: m.deputyId, validFrom: m.validFrom, validTo: m.validTo, ended: m.endedAt !== null };
}

/**
 * The exclusion constraint that keeps two open mandates of one process off the same days. The
 * service checks first to name the mandate in the way; the constraint decides races and writers
 * that bypass the service.
 */
export const MANDATE_OVERLAP_CONSTRAINT = 'mandate_one_per_process';

/** Serialises writes to one process's mandates, so two overlapping mandates cannot both pass the check. */
async function lockMandatesOf(manager: EntityManager, processId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`mandate:${processId}`]);
}

/** The dates a write asks a mandate to have, kept to name what is in the way if the constraint refuses it. */
interface Attempt {
  id: string | null;
  processId: string;
  validFrom: string;
  validTo: string;
}

/** Mandates: the process-responsible role for one process, delegated by its process owner to a named person. */
@Injectable()
export class MandatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
  ) {}

  async list(query: ListMandatesQuery, day: string): Promise<Page<MandateView>> {
    const qb = this.db.getRepository(MandateEntity).createQueryBuilder('m');
    if (query.processId) qb.andWhere('m.process_id = :processId', { processId: query.processId });
    if (query.holderId) qb.andWhere('m.holder_id = :holderId', { holderId: query.holderId });
    if (query.deputyId) qb.andWhere('m.deputy_id = :deputyId', { deputyId: query.deputyId });
    if (!query.includeEnded) qb.andWhere('m.ended_at IS NULL');
    if (query.inForce !== undefined) {
      const inForce = `(m.ended_at IS NULL AND m.valid_from <= :day AND m.valid_to >= :day)`;
      qb.andWhere(query.inForce ? inForce : `NOT ${inForce}`, { day });
    }
    const [mandates, total] = await qb
      .orderBy('m.valid_from', 'DESC')
      .addOrderBy('m.created_at', 'DESC')
      .addOrderBy('m.id')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: await this.views(this.db.manager, mandates, day), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, day: string): Promise<MandateView> {
    return this.view(this.db.manager, await this.find(this.db.manager, id), day);
  }

  async create(input: CreateMandate, actor: Principal): Promise<MandateView> {
    assertAllowed(actor, 'mandates.manage', { processId: input.processId });
    const attempt: Attempt = { id: null, processId: input.processId, validFrom: input.validFrom, validTo: input.validTo };
    return this.refusingOverlaps(attempt, async (manager) => {
      await lockMandatesOf(manager, input.processId);
      const errors: FieldError[] = [];
      const process = await manager.findOneBy(ProcessEntity, { id: input.processId });
      if (!process) errors.push({ field: 'processId', reason: `no process has id ${input.processId}` });
      else if (process.endedAt) errors.push({ field: 'processId', reason: `the process ${process.nameNb} has ended` });
      errors.push(...(await this.activeUserErrors(manager, 'holderId', input.holderId)));
      if (input.deputyId) errors.push(...(await this.activeUserErrors(manager, 'deputyId', input.deputyId)));
      errors.push(...mandateTermsErrors(input), ...mandateLengthErrors(input, this.config.mandates.maxYears));
      if (errors.length) throw new InputInvalid(errors);
      const mandate = manager.create(MandateEntity, {
        processId: input.processId,
        holderId: input.holderId,
        deputyId: input.deputyId,
        delegatedBy: actor.userId,
        validFrom: input.validFrom,
        validTo: input.validTo,
        description: input.description,
        endedAt: null,
        endedBy: null,
        endReason: null,
      });
      await this.assertNoOverlap(manager, mandate, process!.nameNb);
      await manager.save(mandate);
      return this.view(manager, mandate, actor.day);
    });
  }

  async update(id: string, changes: UpdateMandate, actor: Principal): Promise<MandateView> {
    const found = await this.find(this.db.manager, id);
    assertAllowed(actor, 'mandates.manage', { processId: found.processId });
    const attempt: Attempt = {
      id,
      processId: found.processId,
      validFrom: changes.validFrom ?? found.validFrom,
      validTo: changes.validTo ?? found.validTo,
    };
    return this.refusingOverlaps(attempt, async (manager) => {
      await lockMandatesOf(manager, found.processId);
      const mandate = await this.find(manager, id, true);
      if (mandate.endedAt) throw new Conflict('the mandate has been ended and can no longer be changed');
      const next = {
        holderId: mandate.holderId,
        deputyId: changes.deputyId === undefined ? mandate.deputyId : changes.deputyId,
        validFrom: changes.validFrom ?? mandate.validFrom,
        validTo: changes.validTo ?? mandate.validTo,
      };
      const errors = mandateTermsErrors(next);
      // The limit applies to the dates being set: naming a deputy on a mandate delegated under an
      // older, longer limit does not oblige the process owner to shorten it.
      if (changes.validFrom !== undefined || changes.validTo !== undefined) errors.push(...mandateLengthErrors(next, this.config.mandates.maxYears));
      if (next.deputyId && next.deputyId !== mandate.deputyId) errors.push(...(await this.activeUserErrors(manager, 'deputyId', next.deputyId)));
      if (errors.length) throw new InputInvalid(errors);
      assertAbsencesWithin(next, await this.absencesOf(manager, [mandate.id]));
      Object.assign(mandate, { ...next, description: changes.description ?? mandate.description });
      const process = await manager.findOneByOrFail(ProcessEntity, { id: mandate.processId });
      await this.assertNoOverlap(manager, mandate, process.nameNb);
      await manager.save(mandate);
      return this.view(manager, mandate, actor.day);
    });
  }

  /** Ends a mandate now: from this moment neither the holder nor the deputy holds the role through it. */
  async end(id: string, reason: string | undefined, actor: Principal): Promise<MandateView> {
    return this.db.transaction(async (manager) => {
      const mandate = await this.find(manager, id, true);
      assertAllowed(actor, 'mandates.manage', { processId: mandate.processId });
      if (mandate.endedAt) throw new Conflict(`the mandate was already ended at ${mandate.endedAt.toISOString()}`);
      Object.assign(mandate, { endedAt: new Date(), endedBy: actor.userId, endReason: reason ?? null });
      await manager.save(mandate);
      return this.view(manager, mandate, actor.day);
    });
  }

  /** Records a period when the holder is away; the deputy holds the role on those days. */
  async recordAbsence(id: string, input: RecordAbsence, actor: Principal): Promise<MandateView> {
    return this.db.transaction(async (manager) => {
      const mandate = await this.mandateForAbsences(manager, id, actor);
      assertAbsenceFits(mandate, input, await this.absencesOf(manager, [mandate.id]));
      await manager.insert(MandateAbsenceEntity, {
        mandateId: mandate.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        reason: input.reason,
        createdBy: actor.userId,
      });
      return this.view(manager, mandate, actor.day);
    });
  }

  async removeAbsence(id: string, absenceId: string, actor: Principal): Promise<void> {
    await this.db.transaction(async (manager) => {
      const mandate = await this.mandateForAbsences(manager, id, actor);
      const { affected } = await manager.delete(MandateAbsenceEntity, { id: absenceId, mandateId: mandate.id });
      if (!affected) throw new NotFound('absence of the mandate', absenceId);
    });
  }

  /** The mandate, locked, once the actor may record its absences and it is still open to them. */
  private async mandateForAbsences(manager: EntityManager, id: string, actor: Principal): Promise<MandateEntity> {
    const mandate = await this.find(manager, id, true);
    assertAllowed(actor, 'mandates.recordAbsence', { processId: mandate.processId, ownerUserId: mandate.holderId });
    if (mandate.endedAt) throw new Conflict('the mandate has been ended; its absences can no longer be changed');
    return mandate;
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<MandateEntity> {
    const mandate = await manager.findOne(MandateEntity, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!mandate) throw new NotFound('mandate', id);
    return mandate;
  }

  private async activeUserErrors(manager: EntityManager, field: string, userId: string): Promise<FieldError[]> {
    // Shared lock: ending the user (which takes the row for update) waits for this mandate, or
    // this waits for the end and then sees it; a mandate never lands on an ended user.
    const user = await manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_read' } });
    if (!user) return [{ field, reason: `no user has id ${userId}` }];
    if (user.endedAt) return [{ field, reason: `${user.name} is no longer an active user` }];
    return [];
  }

  /** A process has at most one open mandate on any day, whoever holds it. */
  private async assertNoOverlap(manager: EntityManager, m: MandateEntity, processName: string): Promise<void> {
    const clash = await this.mandateInTheWay(manager, { id: m.id ?? null, processId: m.processId, validFrom: m.validFrom, validTo: m.validTo });
    if (clash) throw mandateOverlapConflict(processName, clash);
  }

  private async mandateInTheWay(manager: EntityManager, attempt: Attempt): Promise<MandateInTheWay | undefined> {
    const [clash] = (await manager.query(
      `SELECT m.id, m.holder_id AS "holderId", u.name AS "holderName", m.valid_from AS "validFrom", m.valid_to AS "validTo"
         FROM mandate m JOIN app_user u ON u.id = m.holder_id
        WHERE m.process_id = $1 AND m.ended_at IS NULL AND ($2::uuid IS NULL OR m.id <> $2::uuid)
          AND daterange(m.valid_from, m.valid_to, '[]') && daterange($3::date, $4::date, '[]')
        ORDER BY m.valid_from
        LIMIT 1`,
      [attempt.processId, attempt.id, attempt.validFrom, attempt.validTo],
    )) as MandateInTheWay[];
    return clash;
  }

  /**
   * Runs a write in a transaction and turns the overlap constraint's refusal into the same 409 the
   * check gives: another writer committed an overlapping mandate after the check looked.
   */
  private async refusingOverlaps(attempt: Attempt, write: (manager: EntityManager) => Promise<MandateView>): Promise<MandateView> {
    try {
      return await this.db.transaction(write);
    } catch (error) {
      if (!isExclusionViolation(error, MANDATE_OVERLAP_CONSTRAINT)) throw error;
      const clash = await this.mandateInTheWay(this.db.manager, attempt);
      const process = await this.db.manager.findOneBy(ProcessEntity, { id: attempt.processId });
      if (clash) throw mandateOverlapConflict(process?.nameNb ?? 'the process', clash);
      throw new Conflict('another mandate for the process covered some of these days at the same moment; reload the mandates and try again');
    }
  }

  private absencesOf(manager: EntityManager, mandateIds: string[]): Promise<MandateAbsenceEntity[]> {
    if (!mandateIds.length) return Promise.resolve([]);
    return manager.find(MandateAbsenceEntity, { where: { mandateId: In(mandateIds) }, order: { startsOn: 'ASC' } });
  }

  private async view(manager: EntityManager, mandate: MandateEntity, day: string): Promise<MandateView> {
    const [view] = await this.views(manager, [mandate], day);
    return view!;
  }

  private async views(manager: EntityManager, mandates: MandateEntity[], day: string): Promise<MandateView[]> {
    const userIds = [...new Set(mandates.flatMap((m) => [m.holderId, m.delegatedBy, ...(m.deputyId ? [m.deputyId] : [])]))];
    const processIds = [...new Set(mandates.map((m) => m.processId))];
    // One after another: inside a transaction the manager has a single connection, which runs one query at a time.
    const users = userIds.length ? await manager.findBy(UserEntity, { id: In(userIds) }) : [];
    const processes = processIds.length ? await manager.findBy(ProcessEntity, { id: In(processIds) }) : [];
    const absences = await this.absencesOf(
      manager,
      mandates.map((m) => m.id),
    );
    const userById = new Map(users.map((u) => [u.id, u]));
    const processById = new Map(processes.map((p) => [p.id, p]));
    const person = (id: string) => {
      const user = userById.get(id);
      return { id, name: user?.name ?? '', email: user?.email ?? '' };
    };
    return mandates.map((m) => {
      const own = absences.filter((a) => a.mandateId === m.id);
      return {
        id: m.id,
        process: { id: m.processId, nameNb: processById.get(m.processId)?.nameNb ?? '' },
        holder: person(m.holderId),
        deputy: m.deputyId ? person(m.deputyId) : null,
        delegatedBy: { id: m.delegatedBy, name: userById.get(m.delegatedBy)?.name ?? '' },
        validFrom: m.validFrom,
        validTo: m.validTo,
        description: m.description,
        inForce: mandateInForce(stateOf(m), day),
        deputyStandsInToday: absenceCovering(stateOf(m), own, day) !== undefined,
        absences: own.map((a) => ({ id: a.id, startsOn: a.startsOn, endsOn: a.endsOn, reason: a.reason })),
        createdAt: m.createdAt.toISOString(),
        endedAt: m.endedAt?.toISOString() ?? null,
        endReason: m.endReason,
      };
    });
  }
}
