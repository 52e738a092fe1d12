import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MachineRegistry } from '../domain/machine-registry.js';
import { MACHINE_REGISTRY, WorkflowRuntime } from '../workflow-runtime.service.js';

export interface MigrationRequest {
  workflowId: string;
  toVersion: number;
  dryRun: boolean;
  /** Who runs it, as recorded in each instance's history. */
  ranBy: string;
}

export interface MigrationReport {
  workflowId: string;
  toVersion: number;
  dryRun: boolean;
  moved: { instanceId: string; fromVersion: number; fromState: string; toState: string }[];
  refused: { instanceId: string; fromVersion: number; state: string; reason: string }[];
  /** Instances that have ended stay on the version they ended on: nothing more happens to them. */
  ended: number;
}

/**
 * `npm run migrate-instances`: moves the running instances of a workflow onto a newer version of its
 * machine, each in a transaction of its own (docs/adding-a-workflow.md, "A new version").
 */
@Injectable()
export class InstanceMigrator {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MACHINE_REGISTRY) private readonly registry: MachineRegistry,
    private readonly runtime: WorkflowRuntime,
  ) {}

  async migrate(request: MigrationRequest): Promise<MigrationReport> {
    this.registry.get(request.workflowId, request.toVersion);
    const candidates: { id: string; status: string }[] = await this.db.query(
      `SELECT id, status FROM workflow_instance WHERE workflow_id = $1 AND workflow_version < $2 ORDER BY created_at, id`,
      [request.workflowId, request.toVersion],
    );
    const report: MigrationReport = { workflowId: request.workflowId, toVersion: request.toVersion, dryRun: request.dryRun, moved: [], refused: [], ended: 0 };
    for (const { id, status } of candidates) {
      if (status === 'done') {
        report.ended += 1;
        continue;
      }
      const outcome = await this.runtime.migrate(id, request.toVersion, { ranBy: request.ranBy, dryRun: request.dryRun });
      if (outcome.kind === 'moved') report.moved.push({ instanceId: id, fromVersion: outcome.version, fromState: outcome.state, toState: outcome.toState });
      if (outcome.kind === 'refused') report.refused.push({ instanceId: id, fromVersion: outcome.version, state: outcome.state, reason: outcome.reason });
    }
    return report;
  }
}

/** The report as an operator reads it: what moved (or would), what was refused and why. */
export function describeMigrationReport(report: MigrationReport): string[] {
  const verb = report.dryRun ? 'would move' : 'moved';
  const lines = [
    `${report.workflowId}: ${verb} ${report.moved.length} instance(s) to version ${report.toVersion}; refused ${report.refused.length}; ${report.ended} ended instance(s) stay as they are.`,
  ];
  for (const m of report.moved) lines.push(`  ${verb} ${m.instanceId}: v${m.fromVersion} ${m.fromState} → v${report.toVersion} ${m.toState}`);
  for (const r of report.refused) lines.push(`  refused ${r.instanceId} (v${r.fromVersion} ${r.state}): ${r.reason}`);
  return lines;
}
