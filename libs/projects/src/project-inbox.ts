import { Injectable } from '@nestjs/common';
import type { Principal } from '#flyt/access';
import { type OtherWorkItem, type OtherWorkSource, OtherWorkSources } from '#flyt/cases';
import type { TransactionSql } from '#flyt/workflow-runtime';
import type { FollowupContext } from '#workflows/benefits-followup/benefits-followup.machine';
import type { BenefitPlan } from './domain/index.js';
import { followupData } from './benefits-followup.registration.js';
import { gateAhead, projectFacts } from './project-facts.js';
import { ProjectStore } from './project-store.js';
import { ProjectsService } from './projects.service.js';
import { followupStateLabel, projectStateLabel } from './state-labels.js';

type Task = { nb: string; en: string; dueAt: string | null };
interface Timer {
  delay_name: string;
  due_at: Date;
  status: string;
}

const dueOf = (timers: Timer[], delay: string) => {
  const timer = timers.find((t) => t.delay_name === delay && t.status === 'pending');
  return timer ? new Date(timer.due_at).toISOString() : null;
};
const fired = (timers: Timer[], delay: string) => timers.some((t) => t.delay_name === delay && t.status === 'fired');

/**
 * What waits for the caller in projects and benefits follow-up, for the inbox (docs/projects.md,
 * "Inboxes"): a team to appoint, a gate to prepare, decide or approve, a status report due or
 * overdue, a late gate escalated to its owner, a measurement due or overdue, BP6 to conclude.
 */
@Injectable()
export class ProjectInbox implements OtherWorkSource {
  constructor(
    private readonly projects: ProjectsService,
    sources: OtherWorkSources,
  ) {
    sources.add(this);
  }

  async itemsFor(principal: Principal): Promise<OtherWorkItem[]> {
    const sql = this.projects.sql;
    const ownerOf = principal.grants.flatMap((g) => (g.role === 'process_owner' ? [g.scope.kind === 'process' ? g.scope.processId : '*'] : []));
    const holds = (role: string) => principal.grants.some((g) => g.role === role);
    // Only the projects where the caller may have work: those they are on, those of processes they
    // own, and for the programme's roles only the states that wait for them (not every project).
    const rows = await sql.query<{ id: string; followup_id: string | null; followup_active: boolean }>(
      `SELECT p.id, f.id AS followup_id, (f.id IS NOT NULL AND f.concluded_at IS NULL) AS followup_active
         FROM project p LEFT JOIN benefits_followup f ON f.project_id = p.id
        WHERE (p.ended_at IS NULL OR (f.id IS NOT NULL AND f.concluded_at IS NULL))
          AND (EXISTS (SELECT 1 FROM project_member m WHERE m.project_id = p.id AND m.user_id = $1)
               OR p.process_id = ANY($2::uuid[]) OR $3
               OR ($4 AND p.state = 'mandate')
               OR ($5 AND (p.state LIKE '%.awaitingDecision%' OR p.state LIKE '%.onHold%'))
               OR ($6 AND p.state LIKE '%.awaitingApproval%'))
        ORDER BY p.created_at LIMIT 500`,
      [principal.userId, ownerOf.filter((id) => id !== '*'), ownerOf.includes('*'), holds('programme_secretariat'), holds('programme_council'), holds('rector')],
    );
    const items: OtherWorkItem[] = [];
    for (const row of rows) {
      items.push(...(await this.projectItems(sql, row.id, principal)));
      if (row.followup_id && row.followup_active) items.push(...(await this.followupItems(sql, row.followup_id, principal)));
    }
    return items;
  }

  private async projectItems(sql: TransactionSql, id: string, principal: Principal): Promise<OtherWorkItem[]> {
    const data = await ProjectStore.data(sql, id);
    if (!data || data.project.endedAt) return [];
    const { roles } = this.projects.rolesOf(principal, data);
    if (!roles.length) return [];
    const state = data.project.state;
    const timers = await sql.query<Timer>(`SELECT delay_name, due_at, status FROM workflow_timer WHERE instance_id = $1`, [id]);
    const gate = gateAhead(state) ?? '';
    const tasks: Task[] = [];
    const has = (...r: string[]) => r.some((role) => roles.includes(role as never));
    if (state === 'mandate' && has('processOwner', 'secretariat')) {
      tasks.push({ nb: 'Utnevn prosjekteier og prosjektleder', en: 'Appoint the project owner and the project manager', dueAt: null });
    }
    if (state.includes('.working') && has('projectManager')) {
      tasks.push({ nb: `Forbered ${gate} og legg fram til beslutning`, en: `Prepare ${gate} and submit it for decision`, dueAt: dueOf(timers, 'gateOverdue') });
    }
    if (state.includes('.awaitingDecision') || state.includes('.onHold')) {
      const large = (await projectFacts(sql, data, this.projects.config, this.projects.today())).largeProject ?? false;
      if ((large && has('council')) || (!large && has('processOwner'))) {
        tasks.push(
          state.includes('.onHold')
            ? { nb: 'Prosjektet står på vent: gjenoppta det eller stopp det', en: 'The project is on hold: resume it or stop it', dueAt: null }
            : { nb: `Ta beslutningen i ${gate}`, en: `Take the decision at ${gate}`, dueAt: dueOf(timers, 'gateOverdue') },
        );
      }
    }
    if (state.includes('.awaitingApproval') && has('rector')) {
      tasks.push({ nb: `Godkjenn programrådets beslutning i ${gate}`, en: `Approve the programme council’s decision at ${gate}`, dueAt: null });
    }
    if (has('projectManager') && (state.includes('reportOverdue') || fired(timers, 'statusReportReminder'))) {
      tasks.push({ nb: 'Skriv månedens statusrapport', en: 'Write the monthly status report', dueAt: dueOf(timers, 'statusReportOverdue') });
    }
    if (has('projectOwner') && !has('projectManager') && state.includes('reportOverdue')) {
      tasks.push({ nb: 'Statusrapporten er forsinket', en: 'The status report is overdue', dueAt: null });
    }
    if (has('projectOwner') && fired(timers, 'gateOverdue') && !state.includes('.onHold')) {
      tasks.push({ nb: `${gate} er forsinket`, en: `${gate} is late`, dueAt: null });
    }
    const stateLabel = projectStateLabel(state);
    return tasks.map((task) => ({
      workflowId: 'project',
      instanceId: id,
      reference: data.project.reference,
      title: data.project.title,
      state,
      stateLabel,
      task: { nb: task.nb, en: task.en },
      dueAt: task.dueAt,
      path: `/projects/${id}`,
    }));
  }

  private async followupItems(sql: TransactionSql, id: string, principal: Principal): Promise<OtherWorkItem[]> {
    const data = await followupData(sql, id);
    const [row] = await sql.query<{ state: string; reference: string; title: string; process_id: string }>(
      `SELECT f.state, p.reference, p.title, p.process_id FROM benefits_followup f JOIN project p ON p.id = f.project_id WHERE f.id = $1`,
      [id],
    );
    if (!data || !row) return [];
    const context: FollowupContext = data.context;
    const plan: BenefitPlan = data.plan ?? { benefits: [] };
    const point = context.points[context.current];
    const measured = new Set(context.measurements.filter((m) => m.pointIndex === context.current).map((m) => m.benefitId));
    const missing = plan.benefits.filter((b) => point?.benefitIds.includes(b.id) && !measured.has(b.id));
    const dueAt = point ? new Date(`${point.dueOn}T12:00:00Z`).toISOString() : null;
    const tasks: Task[] = [];
    const stage = row.state.split('.').pop()!;
    const measuringDue = ['due', 'overdue', 'escalated'].includes(stage);
    for (const benefit of missing) {
      if (measuringDue && benefit.benefitOwnerIds.includes(principal.userId)) {
        tasks.push({ nb: `Registrer målingen av «${benefit.title}»`, en: `Record the measurement of “${benefit.title}”`, dueAt });
      } else if (['overdue', 'escalated'].includes(stage) && benefit.responsibleManagerId === principal.userId) {
        tasks.push({ nb: `Målingen av «${benefit.title}» er forsinket`, en: `The measurement of “${benefit.title}” is overdue`, dueAt });
      }
    }
    const processOwner = principal.grants.some((g) => g.role === 'process_owner' && (g.scope.kind === 'global' || (g.scope.kind === 'process' && g.scope.processId === row.process_id)));
    if (processOwner && row.state === 'concluding') {
      tasks.push({ nb: 'Avslutt gevinstarbeidet (BP6)', en: 'Conclude the benefits work (BP6)', dueAt: null });
    }
    if (processOwner && stage === 'escalated') {
      tasks.push({ nb: 'En gevinstmåling er forsinket', en: 'A benefit measurement is overdue', dueAt });
    }
    const stateLabel = followupStateLabel(row.state);
    return tasks.map((task) => ({
      workflowId: 'benefits-followup',
      instanceId: id,
      reference: row.reference,
      title: row.title,
      state: row.state,
      stateLabel,
      task: { nb: task.nb, en: task.en },
      dueAt: task.dueAt,
      path: `/follow-ups/${id}`,
    }));
  }
}
