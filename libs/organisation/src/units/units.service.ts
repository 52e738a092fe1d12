import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Page } from '#flyt/http';
import { Conflict, InputInvalid, NotFound } from '#flyt/kernel';
import { containsPattern, isUniqueViolation } from '#flyt/persistence';
import { assertPlacement, pathUnder, type TreeNode } from '../domain/unit-tree.js';
import { UnitEntity } from '../entities/unit.entity.js';
import type { ListUnitsQuery, UnitView } from './unit.dto.js';

export function toUnitView(unit: UnitEntity): UnitView {
  return {
    id: unit.id,
    code: unit.code,
    nameNb: unit.nameNb,
    nameEn: unit.nameEn,
    kind: unit.kind,
    parentId: unit.parentId,
    path: unit.path,
    endedAt: unit.endedAt?.toISOString() ?? null,
  };
}

function node(unit: UnitEntity): TreeNode {
  return { id: unit.id, kind: unit.kind, path: unit.path, ended: unit.endedAt !== null };
}

@Injectable()
export class UnitsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: ListUnitsQuery): Promise<Page<UnitView>> {
    const qb = this.db.getRepository(UnitEntity).createQueryBuilder('u');
    if (query.parentId) qb.andWhere('u.parent_id = :parentId', { parentId: query.parentId });
    if (query.within) qb.andWhere(':within = ANY(u.path)', { within: query.within });
    if (query.kind) qb.andWhere('u.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere('(u.code ILIKE :q OR u.name_nb ILIKE :q OR u.name_en ILIKE :q)', { q: containsPattern(query.q) });
    if (!query.includeEnded) qb.andWhere('u.ended_at IS NULL');
    const [units, total] = await qb
      .orderBy('array_length(u.path, 1)')
      .addOrderBy('u.code')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: units.map(toUnitView), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, manager: EntityManager = this.db.manager): Promise<UnitEntity> {
    const unit = await manager.findOneBy(UnitEntity, { id });
    if (!unit) throw new NotFound('unit', id);
    return unit;
  }

  /** The ids from the root down to the unit, for scope checks. */
  async pathOf(id: string): Promise<string[]> {
    return (await this.get(id)).path;
  }

  async create(input: Pick<UnitEntity, 'code' | 'nameNb' | 'nameEn' | 'kind' | 'parentId'>): Promise<UnitView> {
    return this.db.transaction(async (manager) => {
      const parent = input.parentId ? await this.parentFor(manager, input.parentId) : null;
      if (input.kind === 'university' && (await manager.existsBy(UnitEntity, { kind: 'university' }))) {
        throw new Conflict('there is already a university at the root of the tree', 'kind');
      }
      assertPlacement(input.kind, parent && node(parent));
      await this.assertCodeFree(manager, input.code);
      const unit = manager.create(UnitEntity, { ...input, path: [] });
      await this.saveUnique(manager, unit);
      unit.path = pathUnder(parent && node(parent), unit.id);
      await manager.update(UnitEntity, { id: unit.id }, { path: unit.path });
      return toUnitView(unit);
    });
  }

  async update(id: string, changes: Partial<Pick<UnitEntity, 'code' | 'nameNb' | 'nameEn' | 'parentId'>>): Promise<UnitView> {
    return this.db.transaction(async (manager) => {
      const unit = await manager.findOne(UnitEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw new NotFound('unit', id);
      if (unit.endedAt) throw new Conflict('the unit has ended and can no longer be changed');
      if (changes.code && changes.code !== unit.code) await this.assertCodeFree(manager, changes.code);
      if (changes.parentId !== undefined && changes.parentId !== unit.parentId) {
        const parent = await this.parentFor(manager, changes.parentId);
        assertPlacement(unit.kind, node(parent), node(unit));
        const newPath = pathUnder(node(parent), unit.id);
        // Re-root the whole subtree: every descendant's path starts with this unit's old path.
        await manager.query(
          `UPDATE unit SET path = $1::uuid[] || path[$2 + 1:], updated_at = now() WHERE path[$2] = $3`,
          [newPath, unit.path.length, unit.id],
        );
        unit.parentId = parent.id;
        unit.path = newPath;
      }
      Object.assign(unit, { code: changes.code ?? unit.code, nameNb: changes.nameNb ?? unit.nameNb, nameEn: changes.nameEn ?? unit.nameEn });
      await this.saveUnique(manager, unit);
      return toUnitView(unit);
    });
  }

  /** Ends a unit that no longer holds anything: no active sub-units, users, processes or role assignments. */
  async end(id: string): Promise<UnitView> {
    return this.db.transaction(async (manager) => {
      const unit = await manager.findOne(UnitEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw new NotFound('unit', id);
      if (unit.endedAt) throw new Conflict(`unit ${unit.code} has already ended`);
      const [holdings] = await manager.query(
        `SELECT
           (SELECT count(*) FROM unit WHERE parent_id = $1 AND ended_at IS NULL)::int AS units,
           (SELECT count(*) FROM app_user WHERE unit_id = $1 AND ended_at IS NULL)::int AS users,
           (SELECT count(*) FROM process WHERE owning_unit_id = $1 AND ended_at IS NULL)::int AS processes,
           (SELECT count(*) FROM role_assignment WHERE unit_id = $1 AND ended_at IS NULL
              AND (valid_to IS NULL OR valid_to >= current_date))::int AS assignments`,
        [id],
      );
      const blocking = Object.entries(holdings as Record<string, number>).filter(([, count]) => count > 0);
      if (blocking.length) {
        throw new Conflict(`the unit still has active ${blocking.map(([what, count]) => `${what} (${count})`).join(', ')}; move or end them first`);
      }
      unit.endedAt = new Date();
      await manager.save(unit);
      return toUnitView(unit);
    });
  }

  private async parentFor(manager: EntityManager, parentId: string | null): Promise<UnitEntity> {
    if (!parentId) throw new InputInvalid([{ field: 'parentId', reason: 'only the university is without a parent unit' }]);
    const parent = await manager.findOneBy(UnitEntity, { id: parentId });
    if (!parent) throw new InputInvalid([{ field: 'parentId', reason: `no unit has id ${parentId}` }]);
    return parent;
  }

  private async assertCodeFree(manager: EntityManager, code: string): Promise<void> {
    if (await manager.existsBy(UnitEntity, { code })) throw new Conflict(`a unit with code ${code} already exists`, 'code');
  }

  private async saveUnique(manager: EntityManager, unit: UnitEntity): Promise<void> {
    try {
      await manager.save(unit);
    } catch (error) {
      if (isUniqueViolation(error)) throw new Conflict(`a unit with code ${unit.code} already exists`, 'code');
      throw error;
    }
  }
}
