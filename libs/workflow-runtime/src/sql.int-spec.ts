import { createTestEnvironment, type TestEnvironment } from '#flyt/testing';
import { type PoolClient, poolOf, sqlOfClient, sqlOfManager } from './sql.js';

/**
 * Reads sent together inside a transaction run one after another on its connection, in the order
 * asked: pg deprecates calling `query` on a client that is still running one.
 */
describe('statements asked together of one connection', () => {
  let env: TestEnvironment;
  beforeAll(async () => (env = await createTestEnvironment()));
  afterAll(() => env.drop());

  /** Counts how many statements the pg client was running at once, at most. */
  function watch(client: { query: (...args: never[]) => Promise<unknown> }): { most: number } {
    const seen = { most: 0 };
    let running = 0;
    const query = client.query.bind(client);
    client.query = (...args: never[]) => {
      seen.most = Math.max(seen.most, ++running);
      return query(...args).finally(() => running--);
    };
    return seen;
  }

  // Each statement sleeps a little and answers its own number.
  const ask = (sql: { query<T>(text: string, params?: unknown[]): Promise<T[]> }) =>
    Promise.all([3, 1, 2, 0].map(async (n) => (await sql.query<{ n: number }>(`SELECT $1::int AS n, pg_sleep(0.01 * $1::int)`, [n]))[0]!.n));

  it('a pool client in a transaction runs them one at a time, each answering its own rows; a failed one fails alone', async () => {
    const client = await poolOf(env.db).connect();
    try {
      const seen = watch(client as PoolClient & { query: (...args: never[]) => Promise<unknown> });
      await client.query('BEGIN');
      const sql = sqlOfClient(client);
      expect(await ask(sql)).toEqual([3, 1, 2, 0]);
      expect(seen.most).toBe(1);
      const [bad, after] = await Promise.allSettled([sql.query('SELECT 1/0'), sql.query('SELECT 1')]);
      expect(bad).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: 'division by zero' }) });
      // The next statement still ran, and PostgreSQL answered it: the transaction is aborted.
      expect(after).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringContaining('current transaction is aborted') }) });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('a TypeORM transaction’s manager too, and the data source’s own manager (a connection for each) answers the same', async () => {
    await env.db.transaction(async (manager) => {
      const connection = (manager.queryRunner as unknown as { databaseConnection: { query: (...args: never[]) => Promise<unknown> } }).databaseConnection;
      const seen = watch(connection);
      expect(await ask(sqlOfManager(manager))).toEqual([3, 1, 2, 0]);
      expect(seen.most).toBe(1);
    });
    expect(await ask(sqlOfManager(env.db.manager))).toEqual([3, 1, 2, 0]);
  });

  it('a TypeORM query runner of its own (the outbox relay’s) as well', async () => {
    const runner = env.db.createQueryRunner();
    await runner.connect();
    try {
      const seen = watch((runner as unknown as { databaseConnection: { query: (...args: never[]) => Promise<unknown> } }).databaseConnection);
      await runner.startTransaction();
      expect(await ask(sqlOfManager(runner))).toEqual([3, 1, 2, 0]);
      expect(seen.most).toBe(1);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});
