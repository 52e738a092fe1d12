import type pg from 'pg';

/**
 * A column of a bulk insert: its name, the PostgreSQL type of one value, and whether the value is
 * sent as the text of an array (`{a,b}`) and cast, because `unnest` flattens arrays of arrays.
 */
export type BulkColumn = readonly [name: string, type: string];

const ARRAY_TYPE = /\[\]$/;

/**
 * One INSERT … SELECT FROM unnest($1::t1[], $2::t2[], …): one parameter per column however many
 * rows, so a statement carries thousands of rows in one round trip. Table and column names come
 * from the seed's own code, never from input.
 */
export async function insertRows(client: pg.ClientBase, table: string, columns: readonly BulkColumn[], rows: ReadonlyArray<readonly unknown[]>, batch = 20_000): Promise<void> {
  for (let start = 0; start < rows.length; start += batch) {
    const part = rows.slice(start, start + batch);
    const params = columns.map((_, i) => part.map((row) => row[i] ?? null));
    const unnestTypes = columns.map(([, type], i) => `$${i + 1}::${ARRAY_TYPE.test(type) ? 'text' : type}[]`);
    const names = columns.map(([name]) => name);
    const select = columns.map(([name, type]) => (ARRAY_TYPE.test(type) ? `u.${name}::${type}` : `u.${name}`));
    await client.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${unnestTypes.join(', ')}) AS u(${names.join(', ')})`, params);
  }
}

/** The text of a PostgreSQL array of simple values (uuids, words, numbers). */
export function arrayLiteral(values: ReadonlyArray<string | number>): string {
  return `{${values.join(',')}}`;
}
