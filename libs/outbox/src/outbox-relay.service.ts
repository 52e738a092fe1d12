import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import type { OutboxRow } from './domain/outbox-row.js';
import { describeError, outboxRetryDelayMs } from './domain/retry.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';

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
 * The outbox relay (DESIGN.md §3): claims a batch of pending rows with FOR UPDATE SKIP LOCKED,
 * dispatches each by its kind, and marks them processed in the same transaction. Several workers
 * may relay at once: each claims rows the others have not locked. A crash before the commit
 * leaves the rows pending; dispatching them again is harmless because every job id is derived
 * from the row. Woken by LISTEN/NOTIFY on a connection of its own, and by a poll as a fallback.
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
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  /** Stops claiming before the queue workers close; the batch in progress finishes and commits. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
    await this.dispatcher.close();
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

  /** One transaction: claim, dispatch, mark. Answers the number of rows claimed. */
  async relayBatch(): Promise<number> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows: ClaimedRow[] = await runner.query(
        `SELECT id, instance_id, event_id, kind, key, payload, attempts FROM workflow_outbox
          WHERE processed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.worker.outboxBatchSize],
      );
      const processed: string[] = [];
      const failed: { row: ClaimedRow; error: unknown }[] = [];
      const emails: string[] = [];
      for (const row of rows) {
        // A failing statement of one row must not abort the others' transaction; only `notify` writes rows.
        const writes = row.kind === 'notify';
        if (writes) await runner.query('SAVEPOINT outbox_row');
        try {
          emails.push(...(await this.dispatcher.dispatch(toOutboxRow(row), runner)));
          if (writes) await runner.query('RELEASE SAVEPOINT outbox_row');
          processed.push(String(row.id));
        } catch (error) {
          if (writes) await runner.query('ROLLBACK TO SAVEPOINT outbox_row');
          if (!this.dispatcher.redisReady()) throw new RedisUnavailable(error);
          failed.push({ row, error });
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
          'Outbox row failed to dispatch; it stays pending and is retried',
        );
      }
      await runner.commitTransaction();
      await this.dispatcher.enqueueEmails(emails).catch((err: unknown) =>
        this.logger.error({ err, notifications: emails.length }, 'E-mail jobs not enqueued; the notification sweep will enqueue them'),
      );
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
