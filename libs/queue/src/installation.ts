import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * One Flyt installation: one database, wherever its processes run. Every job a process of it
 * enqueues carries the id, and the queue prefix in Redis is claimed for it.
 */
export interface Installation {
  /** Stable for a database: the same for every process of the installation, whatever its DATABASE_URL looks like. */
  id: string;
  /** The database, as an operator would recognise it in a message. */
  database: string;
}

export const INSTALLATION = Symbol('INSTALLATION');

interface Queryable {
  query(sql: string): Promise<unknown>;
}

/**
 * The installation a database belongs to: its name on its PostgreSQL server, and that server's
 * system identifier (made by initdb, kept by a standby promoted in a failover, new on a server a
 * dump is restored into). So test and staging differ even when both databases are named `flyt`,
 * and a staging database restored from production's dump is not taken for production. An id kept
 * in a table would travel with the dump instead. Where the server does not let the user read its
 * identifier, the name alone stands, and the prefix claim still keeps apart installations whose
 * databases are named apart.
 */
export async function installationOf(db: Queryable): Promise<Installation> {
  const [{ database }] = (await db.query(`SELECT current_database() AS database`)) as { database: string }[];
  const system = await db
    .query(`SELECT system_identifier::text AS system FROM pg_control_system()`)
    .then((rows) => (rows as { system: string }[])[0]?.system ?? '')
    .catch(() => '');
  const id = createHash('sha256').update(`${system}/${database}`).digest('hex').slice(0, 16);
  return { id, database: system ? `database "${database}" on the PostgreSQL server with system identifier ${system}` : `database "${database}"` };
}

export function installationKey(prefix: string): string {
  return `${prefix}:installation`;
}

/** The queue prefix holds another installation's jobs: this process must not take or add any. */
export class QueuePrefixTaken extends Error {
  constructor(prefix: string, mine: Installation, holder: Installation) {
    super(
      `The queue prefix "${prefix}" in Redis belongs to another Flyt installation (${holder.database}); this one uses ${mine.database}. ` +
        `Two installations on one prefix would take each other's jobs. Give this installation a prefix of its own with QUEUE_PREFIX. ` +
        `If the other installation is gone for good, delete the Redis key ${installationKey(prefix)}.`,
    );
    this.name = 'QueuePrefixTaken';
  }
}

/**
 * Claims the prefix for the installation, or finds it claimed by it already; throws
 * QueuePrefixTaken when it belongs to another. After Redis lost its data, the first process to
 * start (or to check again) claims it anew.
 */
export async function claimQueuePrefix(redis: Redis, prefix: string, installation: Installation): Promise<void> {
  const key = installationKey(prefix);
  await redis.set(key, JSON.stringify(installation), 'NX');
  const stored = await redis.get(key);
  const holder = stored === null ? installation : parseHolder(stored);
  if (holder.id !== installation.id) throw new QueuePrefixTaken(prefix, installation, holder);
}

function parseHolder(stored: string): Installation {
  try {
    const holder = JSON.parse(stored) as Partial<Installation>;
    if (typeof holder.id === 'string') return { id: holder.id, database: String(holder.database ?? 'a database not named') };
  } catch {
    // Not written by Flyt: nobody Flyt knows holds the prefix.
  }
  return { id: stored, database: `unknown: the key holds ${JSON.stringify(stored.slice(0, 100))}` };
}

/** A job's data with the installation that enqueues it. */
export function withInstallation<T extends object>(data: T, installation: Installation | undefined): T {
  return installation ? { ...data, installation: installation.id } : data;
}

/** The installation a job was enqueued by; absent on jobs from before installations were recorded. */
export function installationOfJob(data: unknown): string | undefined {
  const value = (data as { installation?: unknown } | null)?.installation;
  return typeof value === 'string' ? value : undefined;
}
