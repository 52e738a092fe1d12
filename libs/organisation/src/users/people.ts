import { type EntityManager, In } from 'typeorm';
import { UserEntity } from '../entities/user.entity.js';
import type { PersonView } from './user.dto.js';

export function toPerson(user: Pick<UserEntity, 'id' | 'name' | 'email'>): PersonView {
  return { id: user.id, name: user.name, email: user.email };
}

/** The users with these ids as other records name them, ended users included. */
export async function peopleByIds(manager: EntityManager, ids: Iterable<string>): Promise<Map<string, PersonView>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await manager.find(UserEntity, { where: { id: In(unique) }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, toPerson(u)]));
}
