import { Injectable } from '@nestjs/common';
import type { Principal } from '#flyt/access';
import { Conflict, type FieldError, InputInvalid, NotPermitted, RevisionConflict } from '#flyt/kernel';
import type { TransactionSql } from '#flyt/workflow-runtime';
import { WorkflowRuntime } from '#flyt/workflow-runtime';
import { type ArtefactKind, parseArtefact, usersNamedIn } from './domain/index.js';
import { type ProjectData } from './project-store.js';
import { ProjectsService } from './projects.service.js';

/** A field of an artefact as the API names it: `content.members[0].userId`, `content[2].ownerId`. */
const fieldOf = (path: string) => (path === '' ? 'content' : path.startsWith('[') ? `content${path}` : `content.${path}`);

/** Who works on a project through an artefact: the steering group, and the benefit owners and responsible line managers of the plan. */
const MEMBER_ROLES_OF: Partial<Record<ArtefactKind, (content: unknown) => { userId: string; role: string }[]>> = {
  steeringGroup: (content) => ((content as { members?: { userId: string }[] }).members ?? []).map((m) => ({ userId: m.userId, role: 'steeringGroup' })),
  benefitPlan: (content) =>
    ((content as { benefits?: { responsibleManagerId: string; benefitOwnerIds: string[] }[] }).benefits ?? []).flatMap((b) => [
      { userId: b.responsibleManagerId, role: 'responsibleManager' },
      ...b.benefitOwnerIds.map((userId) => ({ userId, role: 'benefitOwner' })),
    ]),
};

/**
 * The project's artefacts as structured records (docs/projects.md, "Artefacts"): the project
 * manager and the project owner write them until the gate that checks them passes; then they are
 * frozen with the decision. Each write is logged in the project's history.
 */
@Injectable()
export class ProjectArtefactsService {
  constructor(
    private readonly projects: ProjectsService,
    private readonly runtime: WorkflowRuntime,
  ) {}

  async put(id: string, kind: ArtefactKind, body: { content: unknown; expectedVersion?: number | undefined }, principal: Principal) {
    const parsed = parseArtefact(kind, body.content);
    if (!parsed.ok) {
      throw new InputInvalid(parsed.problems.map((p) => ({ field: fieldOf(p.field), reason: p.reason })));
    }
    const content: unknown = parsed.content;
    await this.projects.underLock(id, principal, async (sql, data) => {
      const { roles, grants } = this.projects.rolesOf(principal, data);
      const role = roles.find((r) => r === 'projectManager' || r === 'projectOwner');
      if (!role) {
        throw new NotPermitted('projects.editArtefacts', ['project manager', 'project owner'], 'Only the project manager or the project owner may change the project’s artefacts.');
      }
      if (data.project.endedAt) throw new Conflict('The project has ended: its artefacts are kept as they were decided on.');
      const current = data.artefacts.find((a) => a.kind === kind);
      if (current?.frozenAtGate) {
        throw new Conflict(
          `The ${kind} was frozen when ${current.frozenAtGate} was passed: it is part of that decision. Record changes in the artefacts of the phase you are in.`,
          'kind',
        );
      }
      if (body.expectedVersion !== undefined && body.expectedVersion !== (current?.version ?? 0)) {
        throw new RevisionConflict(`the ${kind} of project`, id, current?.version ?? 0, body.expectedVersion);
      }
      await this.checkPeople(sql, content);
      await sql.query(
        `INSERT INTO project_artefact (project_id, kind, content, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (project_id, kind) DO UPDATE SET content = EXCLUDED.content, version = project_artefact.version + 1, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [id, kind, JSON.stringify(content), principal.userId],
      );
      await this.syncMembers(sql, data, kind, content);
      const grant = grants.find((g) => g.role === role) ?? null;
      await this.runtime.recordChangeIn(sql, {
        instanceId: id,
        actor: { userId: principal.userId, roles },
        authority: grant,
        changes: [{ field: `artefacts.${kind}`, from: current ? { version: current.version } : null, to: { version: (current?.version ?? 0) + 1 } }],
      });
    });
    return this.projects.detail(id, principal);
  }

  /** Everyone an artefact names must be a user who works here now. */
  private async checkPeople(sql: TransactionSql, content: unknown): Promise<void> {
    const named = usersNamedIn(content);
    if (!named.length) return;
    const rows = await sql.query<{ id: string; ended: boolean }>(`SELECT id, ended_at IS NOT NULL AS ended FROM app_user WHERE id = ANY($1::uuid[])`, [
      [...new Set(named.map((n) => n.userId))],
    ]);
    const found = new Map(rows.map((r) => [r.id, r.ended]));
    const errors: FieldError[] = named.flatMap(({ userId, field }) =>
      !found.has(userId)
        ? [{ field: fieldOf(field), reason: 'no user has this id' }]
        : found.get(userId)
          ? [{ field: fieldOf(field), reason: 'this user has left: name someone who works here now' }]
          : [],
    );
    if (errors.length) throw new InputInvalid(errors);
  }

  private async syncMembers(sql: TransactionSql, data: ProjectData, kind: ArtefactKind, content: unknown): Promise<void> {
    const membersOf = MEMBER_ROLES_OF[kind];
    if (!membersOf) return;
    const members = membersOf(content);
    const roles = [...new Set(kind === 'steeringGroup' ? ['steeringGroup'] : ['benefitOwner', 'responsibleManager'])];
    await sql.query(`DELETE FROM project_member WHERE project_id = $1 AND role = ANY($2::text[])`, [data.project.id, roles]);
    if (!members.length) return;
    await sql.query(
      `INSERT INTO project_member (project_id, case_id, user_id, role)
       SELECT $1, $2, m.user_id, m.role FROM unnest($3::uuid[], $4::text[]) AS m(user_id, role) ON CONFLICT DO NOTHING`,
      [data.project.id, data.project.caseId, members.map((m) => m.userId), members.map((m) => m.role)],
    );
  }
}
