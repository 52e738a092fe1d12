import type { MachineVersion, SendOutcome, TransactionSql, WorkflowRegistration } from '#flyt/workflow-runtime';
import { ERRAND_V1, type ErrandContext, errandDefinition } from './errand.machine.js';

/*
 * What the errand's own lib would hold: its read model (the `errand` table, made by the tests, as a
 * migration would for a real workflow) and the hooks over it. Registered from this folder only: the
 * tests hand it to the apps (`createApiApp(config, { workflows })`), nothing else names it.
 */

/** The errand's read model; a real workflow's lib ships this as a migration in libs/persistence. */
export const ERRAND_TABLE = `
  CREATE TABLE IF NOT EXISTS errand (
    id uuid PRIMARY KEY REFERENCES workflow_instance(id),
    reference text NOT NULL UNIQUE,
    title text NOT NULL,
    owner_id uuid NOT NULL REFERENCES app_user(id),
    case_id uuid NOT NULL,
    state text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE SEQUENCE IF NOT EXISTS errand_reference_seq`;

async function projectErrand(tx: TransactionSql, outcome: SendOutcome): Promise<void> {
  const context = outcome.state.context as ErrandContext;
  await tx.query(
    `WITH projected AS (
       INSERT INTO errand (id, reference, title, owner_id, case_id, state)
       VALUES ($1, 'ERRAND-' || nextval('errand_reference_seq'), $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()
       RETURNING 1
     )
     SELECT 1 FROM projected`,
    [outcome.instanceId, context.title, context.ownerId, context.caseId, outcome.to],
  );
}

export function errandRegistration(versions: readonly MachineVersion[] = [ERRAND_V1]): WorkflowRegistration {
  return {
    ...errandDefinition(versions),
    projection: projectErrand,
    subject: async (sql, id) => (await sql.query<{ reference: string; title: string }>(`SELECT reference, title FROM errand WHERE id = $1`, [id]))[0] ?? null,
    recipients: async (sql, { instanceId, to }) => {
      if (to !== 'owner') return [];
      const [row] = await sql.query<{ owner_id: string }>(
        `SELECT e.owner_id FROM errand e JOIN app_user u ON u.id = e.owner_id WHERE e.id = $1 AND u.ended_at IS NULL`,
        [instanceId],
      );
      return row ? [row.owner_id] : [];
    },
    path: (id) => `/api/workflows/instances/${id}`,
  };
}
