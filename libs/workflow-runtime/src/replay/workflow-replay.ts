import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFound } from '#flyt/kernel';
import { MachineRegistry } from '../domain/machine-registry.js';
import { canonicalJson, type PersistedSnapshot, rebuild, startVersionOf } from '../domain/stepping.js';
import { MACHINE_REGISTRY } from '../workflow-runtime.service.js';

export interface ReplayResult {
  matches: boolean;
  stored: PersistedSnapshot;
  rebuilt: PersistedSnapshot;
  /** The version replay ended on; it must be the one the instance is on. */
  version: number;
}

/**
 * Replaying an instance's event log reproduces its stored snapshot exactly (docs/architecture.md):
 * `npm run replay-check` runs this over every instance, and the tests after every change.
 */
@Injectable()
export class WorkflowReplay {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MACHINE_REGISTRY) private readonly registry: MachineRegistry,
  ) {}

  /** Rebuilds the instance's snapshot from its input and event log and compares it with the stored one. */
  async replay(instanceId: string): Promise<ReplayResult> {
    const [row] = await this.db.query(`SELECT workflow_id, workflow_version, input, snapshot FROM workflow_instance WHERE id = $1`, [instanceId]);
    if (!row) throw new NotFound('workflow instance', instanceId);
    const events: Record<string, unknown>[] = await this.db.query(
      `SELECT type, payload, actor_id, actor_roles, facts FROM workflow_event WHERE instance_id = $1 AND revision > 0 ORDER BY revision`,
      [instanceId],
    );
    const log = events.map((e) => ({
      type: e.type as string,
      payload: e.payload,
      actor: { userId: e.actor_id as string | null, roles: e.actor_roles as string[] },
      facts: e.facts as Record<string, unknown>,
    }));
    const { snapshot, version } = rebuild(this.registry, row.workflow_id, startVersionOf(row.workflow_version, log), row.input, log);
    return { matches: version === row.workflow_version && canonicalJson(snapshot) === canonicalJson(row.snapshot), stored: row.snapshot, rebuilt: snapshot, version };
  }

  /** Replays every instance (of one workflow, or all): the ids whose log does not rebuild their snapshot. */
  async replayAll(workflowId?: string): Promise<{ checked: number; mismatched: string[] }> {
    const ids: { id: string }[] = await this.db.query(`SELECT id FROM workflow_instance WHERE $1::text IS NULL OR workflow_id = $1 ORDER BY created_at, id`, [
      workflowId ?? null,
    ]);
    const mismatched: string[] = [];
    for (const { id } of ids) if (!(await this.replay(id)).matches) mismatched.push(id);
    return { checked: ids.length, mismatched };
  }
}
