import type { DataSource, EntityManager } from 'typeorm';
import type { TransactionSql } from './domain/instance.js';

/** A client of the data source's own pg pool: the runtime's hot path runs on it without TypeORM's per-query overhead. */
export interface PoolClient {
  query(text: string | { name: string; text: string; values?: unknown[] }, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  release(destroy?: boolean): void;
}

export function poolOf(db: DataSource): { connect(): Promise<PoolClient> } {
  return (db.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
}

export const sqlOfClient = (client: PoolClient): TransactionSql => ({
  query: async <T>(text: string, params?: unknown[], prepareAs?: string) =>
    (await (prepareAs ? client.query({ name: prepareAs, text, values: params }) : client.query(text, params))).rows as T[],
});

/** `EntityManager.query` (and a QueryRunner's) answers rows for every statement written as SELECT or wrapped in a CTE. */
export const sqlOfManager = (manager: Pick<EntityManager, 'query'>): TransactionSql => ({
  query: <T>(text: string, params?: unknown[]) => manager.query(text, params) as Promise<T[]>,
});
