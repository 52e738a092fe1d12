/** SQL in the caller's transaction (a workflow hook's, the outbox relay's). */
interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * People who hold `role` by a role assignment on `today`, not ended: globally, or (given a process)
 * for that process or globally. Workflows' notifications go to them: the programme's secretariat
 * and council, the rector, the process owner of a project's process.
 */
export async function holdersOfRole(sql: Sql, role: string, today: string, processId?: string): Promise<string[]> {
  const rows = await sql.query<{ user_id: string }>(
    `SELECT DISTINCT ra.user_id FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id
      WHERE ra.role = $1 AND ra.ended_at IS NULL AND u.ended_at IS NULL
        AND (ra.scope_kind = 'global' OR ($3::uuid IS NOT NULL AND ra.scope_kind = 'process' AND ra.process_id = $3::uuid))
        AND ra.valid_from <= $2::date AND (ra.valid_to IS NULL OR ra.valid_to >= $2::date)
      ORDER BY ra.user_id`,
    [role, today, processId ?? null],
  );
  return rows.map((r) => r.user_id);
}
