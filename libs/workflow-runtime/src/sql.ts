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

/** The end of the last statement asked of each connection (a pg client, a TypeORM query runner). */
const lastStatement = new WeakMap<object, Promise<unknown>>();

/**
 * One connection runs one statement at a time. Callers may still ask for several at once (reads
 * sent together with Promise.all inside a transaction): they are queued, in the order asked, as pg
 * would queue them itself, without the concurrent `client.query` calls pg deprecates.
 */
function oneAtATime<A extends unknown[], R>(connection: object, run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => {
    const result = (lastStatement.get(connection) ?? Promise.resolve()).then(() => run(...args));
    lastStatement.set(connection, result.catch(() => undefined));
    return result;
  };
}

export const sqlOfClient = (client: PoolClient): TransactionSql => {
  const query = oneAtATime(client, (text: string, params?: unknown[], prepareAs?: string) =>
    prepareAs ? client.query({ name: prepareAs, text, values: params }) : client.query(text, params),
  );
  return { query: async <T>(text: string, params?: unknown[], prepareAs?: string) => (await query(text, params, prepareAs)).rows as T[] };
};

/**
 * `EntityManager.query` (and a QueryRunner's) answers rows for every statement written as SELECT or
 * wrapped in a CTE. A query runner, and a transaction's manager through its runner, holds one
 * connection, so their statements are queued; the data source's own manager takes a connection from
 * the pool for each statement and runs them side by side.
 */
export const sqlOfManager = (manager: Pick<EntityManager, 'query'> & { queryRunner?: object; release?: unknown }): TransactionSql => {
  const query = (text: string, params?: unknown[]) => manager.query(text, params) as Promise<unknown[]>;
  const connection = manager.queryRunner ?? (typeof manager.release === 'function' ? manager : undefined);
  const run = connection ? oneAtATime(connection, query) : query;
  return { query: <T>(text: string, params?: unknown[]) => run(text, params) as Promise<T[]> };
};
