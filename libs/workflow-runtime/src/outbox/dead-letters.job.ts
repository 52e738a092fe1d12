import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { JobHandler, JobOutcome, JobPayloads } from '#flyt/queue';
import { DeadOutboxRows } from './dead-outbox-rows.js';

/**
 * Shows a dead outbox row in the queue dashboard: the job's first run fails with the row's reason,
 * so it stands among the failed jobs of the dead-letters queue. Retrying it there (a later run)
 * brings the row back for the relay to try again, as `POST /api/admin/outbox/{id}/retry` does.
 */
@Injectable()
export class DeadLettersJob implements JobHandler<'outbox.dead'> {
  readonly job = 'outbox.dead';

  constructor(private readonly rows: DeadOutboxRows) {}

  async handle({ outboxId }: JobPayloads['outbox.dead'], { attempt }: { attempt: number }): Promise<JobOutcome> {
    const row = await this.rows.get(outboxId);
    if (!row) return { skipped: true, reason: `outbox row ${outboxId} is gone` };
    if (!row.dead) return { skipped: true, reason: `outbox row ${outboxId} is no longer dead` };
    if (attempt > 1) {
      await this.rows.revive(outboxId);
      return { done: true, detail: `outbox row ${outboxId} is pending again` };
    }
    throw new UnrecoverableError(`Outbox row ${outboxId} is dead: ${(row.reason ?? 'unknown cause').replace(/\.+$/, '')}. Fix the cause, then retry this job (or POST /api/admin/outbox/${outboxId}/retry).`);
  }
}
