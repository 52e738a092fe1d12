import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Conflict, NotFound } from '#flyt/kernel';

/** An outbox row that could not be carried out, as admins see it. */
export interface DeadOutboxRow {
  id: string;
  kind: string;
  key: string;
  instanceId: string;
  workflowId: string;
  eventId: string;
  payload: Record<string, unknown>;
  attempts: number;
  reason: string;
  createdAt: string;
  deadAt: string;
}

const ID = /^\d{1,18}$/;

/** The dead rows of the outbox: listed for admins, and brought back to be tried again once the cause is fixed. */
@Injectable()
export class DeadOutboxRows {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(page: { limit: number; offset: number }): Promise<{ items: DeadOutboxRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT o.id, o.kind, o.key, o.instance_id, i.workflow_id, o.event_id, o.payload, o.attempts, o.last_error, o.created_at, o.dead_at
           FROM workflow_outbox o JOIN workflow_instance i ON i.id = o.instance_id
          WHERE o.dead_at IS NOT NULL ORDER BY o.dead_at DESC, o.id DESC LIMIT $1 OFFSET $2`,
        [page.limit, page.offset],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM workflow_outbox WHERE dead_at IS NOT NULL`),
    ]);
    return {
      total,
      items: rows.map((r: Record<string, unknown>) => ({
        id: String(r.id),
        kind: r.kind as string,
        key: r.key as string,
        instanceId: r.instance_id as string,
        workflowId: r.workflow_id as string,
        eventId: String(r.event_id),
        payload: r.payload as Record<string, unknown>,
        attempts: r.attempts as number,
        reason: (r.last_error as string | null) ?? '',
        createdAt: (r.created_at as Date).toISOString(),
        deadAt: (r.dead_at as Date).toISOString(),
      })),
    };
  }

  async get(id: string): Promise<{ dead: boolean; reason: string | null } | null> {
    if (!ID.test(id)) return null;
    const [row] = await this.db.query(`SELECT dead_at, last_error FROM workflow_outbox WHERE id = $1`, [id]);
    return row ? { dead: row.dead_at !== null, reason: row.last_error } : null;
  }

  /** The row is pending again and the relay tries it at once; if it fails for good again, it dies again. */
  async revive(id: string): Promise<void> {
    if (!ID.test(id)) throw new NotFound('outbox row', id);
    const [row] = await this.db.query(
      `WITH revived AS (
         UPDATE workflow_outbox SET dead_at = NULL, attempts = 0, next_attempt_at = NULL WHERE id = $1 AND dead_at IS NOT NULL RETURNING id
       )
       SELECT (SELECT count(*) FROM revived)::int AS revived, (SELECT count(*) FROM workflow_outbox WHERE id = $1)::int AS found`,
      [id],
    );
    if (!row.found) throw new NotFound('outbox row', id);
    if (!row.revived) throw new Conflict(`outbox row ${id} is not dead: there is nothing to retry`);
    // Wakes the relay (the outbox trigger fires on inserts only).
    await this.db.query(`SELECT pg_notify('workflow_outbox', '')`);
  }
}
