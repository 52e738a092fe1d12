import type { HoldSource, InstanceState } from '../domain/instance.js';
import type { PersistedSnapshot } from '../domain/stepping.js';

/** A `workflow_instance` row as the runtime reads it. */
export interface InstanceRow {
  id: string;
  workflow_id: string;
  workflow_version: number;
  snapshot: PersistedSnapshot;
  state: string;
  status: 'active' | 'done';
  revision: number;
  input: unknown;
  held_since: Date | null;
  held_by: HoldSource[];
  parent_instance_id: string | null;
}

export const INSTANCE_COLUMNS = `id, workflow_id, workflow_version, snapshot, state, status, revision, input, held_since, held_by, parent_instance_id`;
export const SELECT_INSTANCE = `SELECT ${INSTANCE_COLUMNS} FROM workflow_instance`;

export const toInstance = (row: InstanceRow): InstanceState => ({
  id: row.id,
  workflowId: row.workflow_id,
  version: row.workflow_version,
  state: row.state,
  status: row.status,
  revision: row.revision,
  snapshot: row.snapshot,
  context: row.snapshot.context,
  heldSince: row.held_since ? new Date(row.held_since).toISOString() : null,
  heldBy: [...row.held_by].sort(),
  parentInstanceId: row.parent_instance_id,
});
