import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { sqlOfManager } from '../sql.js';
import { type AfterCommit, EffectFailedForGood, type OutboxRow } from './effect-handler.js';
import { EffectRegistry } from './effect-registry.js';
import { JobQueues } from './job-queues.js';
import { deadLetterJobId } from './job-ids.js';
import { describeError, outboxRetryDelayMs } from './retry.js';

/** The channel the outbox's insert trigger notifies (migration 1764000000200). */
export const OUTBOX_CHANNEL = 'workflow_outbox';

interface ClaimedRow {
  id: string;
  instance_id: string;
  event_id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Redis went away during a batch: the whole batch rolls back and stays pending, no row is blamed. */
class RedisUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Redis is unavailable: ${describeError(cause)}`);
    this.name = 'RedisUnavailable';
  }
}

/**
 * The outbox relay (docs/architecture.md): claims a batch of pending rows with FOR UPDATE SKIP
 * LOCKED, hands each to the effect handler of its kind, and marks them processed in the same
 * transaction. Several workers may relay at once: each claims rows the others have not locked. A
 * crash before the commit leaves the rows pending; carrying them out again is harmless, because
 * every job id, notification and message idempotency key is derived from the row. A row that can
 * never be carried out is marked dead with its reason; one that failed otherwise is retried with
 * backoff. Woken by LISTEN/NOTIFY on a connection of its own, and by a poll as a fallback.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('outbox');
  private stopped = true;
  private wakeRequested = false;
  private draining?: Promise<void>;
  private poll?: NodeJS.Timeout;
  private listener?: pg.Client;
  private reconnect?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    private readonly effects: EffectRegistry,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  /** Stops claiming before the queue workers close; the batch in progress finishes and commits. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
    await this.queues.close();
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.listen();
    this.poll = setInterval(() => this.wake(), this.config.worker.outboxPollMs);
    this.poll.unref();
    this.wake();
    this.logger.log({ batchSize: this.config.worker.outboxBatchSize, pollMs: this.config.worker.outboxPollMs }, 'Outbox relay started');
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.reconnect);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.draining;
    this.logger.log('Outbox relay stopped');
  }

  /** Asks for a drain; wake-ups during a drain make it look once more, never run two at once. */
  wake(): void {
    if (this.stopped) return;
    this.wakeRequested = true;
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Relays until no claimable row is left; for tests and the sweeper. */
  async drainNow(): Promise<void> {
    this.wake();
    await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.wakeRequested && !this.stopped) {
      this.wakeRequested = false;
      try {
        while (!this.stopped && (await this.relayBatch()) === this.config.worker.outboxBatchSize);
      } catch (error) {
        // PostgreSQL or Redis unreachable: the rows stay pending and the next poll tries again.
        this.logger.error({ err: error }, 'Outbox batch rolled back; its rows stay pending');
        return;
      }
    }
  }

  /** One transaction: claim, carry out, mark. Answers the number of rows claimed. */
  async relayBatch(): Promise<number> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows: ClaimedRow[] = await runner.query(
        `SELECT id, instance_id, event_id, kind, key, payload, attempts FROM workflow_outbox
          WHERE processed_at IS NULL AND dead_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.worker.outboxBatchSize],
      );
      const sql = sqlOfManager(runner);
      const processed: string[] = [];
      const failed: { row: ClaimedRow; error: unknown }[] = [];
      const dead: { row: ClaimedRow; reason: string }[] = [];
      const afterCommit: AfterCommit[] = [];
      for (const row of rows) {
        // A failing statement of one row must not abort the others' transaction.
        await runner.query('SAVEPOINT outbox_row');
        try {
          const handler = this.effects.handlerFor(row.kind);
          if (!handler) throw new EffectFailedForGood(`no effect handler for ${row.kind} in this worker (handlers: ${this.effects.actions().join(', ')})`);
          const after = await handler.handle(sql, toOutboxRow(row));
          await runner.query('RELEASE SAVEPOINT outbox_row');
          processed.push(String(row.id));
          if (after) afterCommit.push(after);
        } catch (error) {
          await runner.query('ROLLBACK TO SAVEPOINT outbox_row');
          if (!this.queues.redisReady()) throw new RedisUnavailable(error);
          if (error instanceof EffectFailedForGood) dead.push({ row, reason: error.reason });
          else failed.push({ row, error });
        }
      }
      if (processed.length) {
        await runner.query(`UPDATE workflow_outbox SET processed_at = now() WHERE id = ANY($1::bigint[])`, [processed]);
      }
      for (const { row, error } of failed) {
        const attempts = row.attempts + 1;
        const retryInMs = outboxRetryDelayMs(attempts);
        await runner.query(
          `UPDATE workflow_outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::double precision / 1000) WHERE id = $1`,
          [row.id, attempts, describeError(error), retryInMs],
        );
        this.logger.error(
          { outboxId: String(row.id), kind: row.kind, key: row.key, attempts, retryInMs, err: error },
          'Outbox row failed; it stays pending and is retried',
        );
      }
      const deaths: { id: string; deadAt: string }[] = [];
      for (const { row, reason } of dead) {
        const [marked] = await runner.query(
          `WITH dead AS (UPDATE workflow_outbox SET attempts = attempts + 1, last_error = $2, dead_at = now() WHERE id = $1 RETURNING dead_at) SELECT dead_at FROM dead`,
          [row.id, reason],
        );
        deaths.push({ id: String(row.id), deadAt: new Date(marked.dead_at).toISOString() });
        this.logger.error({ outboxId: String(row.id), kind: row.kind, key: row.key, instanceId: row.instance_id, reason }, 'Outbox row is dead: it cannot be carried out and is not retried');
      }
      await runner.commitTransaction();
      for (const after of afterCommit) {
        await after().catch((err: unknown) => this.logger.error({ err }, 'Work after an outbox batch failed; the sweeps make up for it'));
      }
      for (const death of deaths) {
        // The dashboard shows it as a failed job of the dead-letters queue; the API lists it too.
        await this.queues
          .add('outbox.dead', { outboxId: death.id }, deadLetterJobId(death.id, death.deadAt), 0, { attempts: 1 })
          .catch((err: unknown) => this.logger.error({ err, outboxId: death.id }, 'Dead outbox row not shown in the dashboard'));
      }
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.database.url, application_name: 'flyt-outbox-listener' });
    const lost = (error?: unknown) => {
      if (this.stopped || this.listener !== client) return;
      this.listener = undefined;
      this.logger.warn({ err: error }, 'Outbox listener lost its connection; polling until it is back');
      client.end().catch(() => undefined);
      this.reconnect = setTimeout(() => {
        this.listen()
          .then(() => this.wake())
          .catch((err: unknown) => this.logger.warn({ err }, 'Outbox listener could not reconnect'));
      }, this.config.worker.outboxPollMs);
      this.reconnect.unref();
    };
    client.on('notification', () => this.wake());
    client.on('error', lost);
    client.on('end', () => lost());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      lost(error);
    }
  }
}

function toOutboxRow(row: ClaimedRow): OutboxRow {
  return {
    id: String(row.id),
    instanceId: row.instance_id,
    eventId: String(row.event_id),
    kind: row.kind,
    key: row.key,
    payload: row.payload,
    attempts: row.attempts,
  };
}
