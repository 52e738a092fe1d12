import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { type JobHandler, type JobOutcome, RecurringSchedules } from '#flyt/queue';
import { deadLetterJobId } from '../outbox/job-ids.js';
import { JobQueues, timerJob } from '../outbox/job-queues.js';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';
import { TimerStore } from './timer-store.js';

export const TIMER_SWEEP_SCHEDULER = 'timers-sweep';
const CHUNK = 500;

export interface SweepReport {
  pending: number;
  recreated: number;
  retried: number;
  stuckOutboxRows: number;
  /** Dead outbox rows, each shown in the dashboard's dead-letters queue (added again if its job went missing). */
  deadOutboxRows: number;
}

/**
 * PostgreSQL is the truth about deadlines; Redis only holds the jobs that fire them. The sweep
 * makes sure every pending timer has its job (re-created delayed to its due time, or at once when
 * overdue) and that a job which ran out of retries is tried again, then nudges the relay for
 * outbox rows left pending. After Redis lost its data, the next sweep puts everything back.
 */
@Injectable()
export class TimersSweepJob implements JobHandler<'timers.sweep'>, OnApplicationBootstrap {
  readonly job = 'timers.sweep';
  private readonly logger = new Logger('timers');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    private readonly queues: JobQueues,
    private readonly relay: OutboxRelay,
    private readonly timers: TimerStore,
    private readonly schedules: RecurringSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep({
      id: TIMER_SWEEP_SCHEDULER,
      job: this.job,
      repeat: { every: this.config.worker.timerSweepEveryMs },
      opts: { removeOnComplete: 10, removeOnFail: 50 },
    });
    const report = await this.sweep();
    this.logger.log(report, 'Timers swept at start');
  }

  async handle(): Promise<JobOutcome> {
    const report = await this.sweep();
    return { done: true, detail: JSON.stringify(report) };
  }

  /**
   * Every dead outbox row has its failed job in the dead-letters queue, so admins see it in the
   * dashboard even when the relay died before adding it, or Redis lost it. The job id is the row's
   * and its death's: adding one that is there already adds nothing.
   */
  private async showDeadRows(): Promise<number> {
    const dead: { id: string; dead_at: Date }[] = await this.db.query(`SELECT id::text AS id, dead_at FROM workflow_outbox WHERE dead_at IS NOT NULL ORDER BY id`);
    for (const row of dead) {
      await this.queues.add('outbox.dead', { outboxId: row.id }, deadLetterJobId(row.id, row.dead_at.toISOString()), 0, { attempts: 1 });
    }
    return dead.length;
  }

  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { pending: 0, recreated: 0, retried: 0, stuckOutboxRows: 0, deadOutboxRows: 0 };
    const queue = this.queues.queue('timers');
    let cursor: { instanceId: string; timerId: string } | null = null;
    for (;;) {
      const timers = await this.timers.pendingPage(cursor, CHUNK);
      if (timers.length === 0) break;
      report.pending += timers.length;
      const now = Date.now();
      const jobs = timers.map((t) => timerJob(t.instanceId, t, now));
      const states = await Promise.all(jobs.map((job) => queue.getJobState(job.jobId)));
      for (const [i, job] of jobs.entries()) {
        if (states[i] === 'unknown') {
          await this.queues.add('timer.fire', job.data, job.jobId, job.delay);
          report.recreated += 1;
          this.logger.warn({ jobId: job.jobId, ...job.data, delay: job.delay }, 'Timer job was missing from Redis; re-created');
        } else if (states[i] === 'failed') {
          await (await queue.getJob(job.jobId))?.retry('failed');
          report.retried += 1;
          this.logger.warn({ jobId: job.jobId, ...job.data }, 'Timer job had failed for good; retried');
        }
      }
      const last = timers[timers.length - 1]!;
      cursor = { instanceId: last.instanceId, timerId: last.timerId };
    }
    const [{ stuck }] = await this.db.query(
      `SELECT count(*)::int AS stuck FROM workflow_outbox WHERE processed_at IS NULL AND dead_at IS NULL AND created_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [this.config.worker.timerSweepEveryMs],
    );
    report.stuckOutboxRows = stuck;
    if (stuck > 0) this.logger.warn({ stuck }, 'Outbox rows pending for longer than a sweep period; relaying');
    await this.relay.drainNow();
    report.deadOutboxRows = await this.showDeadRows();
    return report;
  }
}
