import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#flyt/access';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { NotificationsService } from '#flyt/notifications';
import { type InstanceState, type PassedDeadline, pathOf, type PendingTimer, stateNodesOf, TimerStore, WorkflowInstances } from '#flyt/workflow-runtime';
import { improvementCaseMachine } from '#workflows/improvement-case/improvement-case.machine';
import { CaseAccess } from './case-access.js';
import type { InboxItemView, InboxPage } from './case.dto.js';
import { type CaseFilter, type CaseForDecisionRow, CaseRepository, caseRowFacts, toSummary, VISIBILITY_COLUMNS } from './case-repository.js';
import { caseRoleScope, visibilityWhere } from './domain/visibility.js';
import { IMPROVEMENT_CASE_REGISTRATION } from './improvement-case.registration.js';

/** The states a case ends in: nothing waits for anyone there. */
const FINAL_STATES = stateNodesOf(improvementCaseMachine)
  .filter((node) => node.type === 'final')
  .map(pathOf);

/** A case in the caller's inbox, with the decisions they may take in it now (possibly none). */
interface InboxCase {
  row: CaseForDecisionRow;
  instance: InstanceState;
  events: string[];
  /** The caller's roles in the case. */
  roles: string[];
}

/** A case of the inbox with what orders it and what its item shows, but not yet its summary. */
interface InboxEntry extends InboxCase {
  passed: (PassedDeadline & { notifiedMe: boolean })[];
  pending: PendingTimer[];
}

/**
 * What waits for a user: the cases where they may take a decision now, and those where a deadline
 * of the current state told them (a reminder, an escalation), each with its deadlines.
 *
 * Whether a case waits for the caller is the machine's answer (its guards, for the caller's roles in
 * that case), so every open case within the caller's reach is weighed, but only with what deciding
 * reads; the summaries are read for the page alone (docs/architecture.md, "Authorization").
 */
@Injectable()
export class CaseInbox {
  constructor(
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly instances: WorkflowInstances,
    private readonly timers: TimerStore,
    private readonly notifications: NotificationsService,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
  ) {}

  /** The decisions the caller may take in the case now (its allowed events, withdrawing aside), and the roles they hold in it. */
  private decisionsFor(principal: Principal, row: CaseForDecisionRow, instance: InstanceState): { events: string[]; roles: string[] } {
    const { roles } = this.access.rolesFor(principal, row);
    if (roles.length === 0) return { events: [], roles: [] };
    const events = this.instances
      .allowedEvents(instance, { userId: principal.userId, roles }, caseRowFacts(row, this.config.localImprovement))
      .map((e) => e.type)
      .filter((type) => type !== 'WITHDRAW');
    return { events, roles: [...roles] };
  }

  private async withDecisions(principal: Principal, rows: CaseForDecisionRow[]): Promise<InboxCase[]> {
    const instances = await this.instances.getMany(rows.map((r) => r.id));
    return rows.flatMap((row) => {
      const instance = instances.get(row.id);
      return instance ? [{ row, instance, ...this.decisionsFor(principal, row, instance) }] : [];
    });
  }

  /**
   * The cases waiting for a decision of the caller, and those where a deadline of the current state
   * told the caller, though they may not decide there themselves (the process owner told that
   * triage is overdue, the secretariat that the owner's decision is). With each, the deadlines of
   * its current state that passed and whether they told the caller, and its pending deadlines.
   */
  private async entries(principal: Principal): Promise<InboxEntry[]> {
    const [visibility, told] = await Promise.all([this.access.visibilityOf(principal), this.notifications.deadlineNotices(principal.userId, IMPROVEMENT_CASE_REGISTRATION.id)]);
    const visible = visibilityWhere(visibility, VISIBILITY_COLUMNS, 'vis');
    // Open visible cases where the caller may take a decision now.
    const scope = visibilityWhere(caseRoleScope(principal.userId, principal.grants), VISIBILITY_COLUMNS, 'scope');
    const open: CaseFilter = { sql: 'NOT (c.state = ANY(CAST(:finalStates AS text[])))', params: { finalStates: FINAL_STATES } };
    const waiting = (await this.withDecisions(principal, await this.cases.findForDecision([visible, scope, open]))).filter((c) => c.events.length > 0);

    const toldMe = new Set(told.map((t) => `${t.instanceId}/${t.eventId}`));
    const waitingIds = new Set(waiting.map((w) => w.row.id));
    const candidates = [...new Set(told.map((t) => t.instanceId))].filter((id) => !waitingIds.has(id));
    // A deadline of an earlier state does not count: only those that passed in the state the case is in now.
    const ids = [...waitingIds, ...candidates];
    const [passed, pending] = await Promise.all([this.timers.passed(ids), this.timers.pending(ids)]);
    const alertedIds = candidates.filter((id) => (passed.get(id) ?? []).some((d) => toldMe.has(`${id}/${d.eventId}`)));
    const alerted = alertedIds.length
      ? await this.withDecisions(principal, await this.cases.findForDecision([{ sql: 'c.id = ANY(CAST(:ids AS uuid[]))', params: { ids: alertedIds } }, visible]))
      : [];
    return [...waiting, ...alerted].map((c) => ({
      ...c,
      passed: (passed.get(c.row.id) ?? []).map((d) => ({ ...d, notifiedMe: toldMe.has(`${c.row.id}/${d.eventId}`) })),
      pending: pending.get(c.row.id) ?? [],
    }));
  }

  /** The ids of the cases in the caller's inbox (the `assignedToMe` filter of the case list). */
  async caseIds(principal: Principal): Promise<string[]> {
    return (await this.entries(principal)).map((c) => c.row.id);
  }

  /**
   * A page of the caller's inbox, with each case's pending deadlines and the reminders and
   * escalations sent in its current state; overdue cases first, then by the next deadline; and how
   * many of each kind the whole inbox holds.
   */
  async page(principal: Principal, page: { limit: number; offset: number }): Promise<InboxPage> {
    const entries = (await this.entries(principal)).map((entry) => {
      const deadlines = entry.pending.map((t) => ({ delayName: t.delayName, dueAt: t.dueAt })).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      // A passed deadline is due in the past, so an overdue case sorts before any with only pending deadlines.
      return { entry, deadlines, updatedAt: entry.row.updated_at.toISOString(), urgency: entry.passed[0]?.dueAt ?? deadlines[0]?.dueAt ?? '9999' };
    });
    entries.sort((a, b) => a.urgency.localeCompare(b.urgency) || a.updatedAt.localeCompare(b.updatedAt) || a.entry.row.id.localeCompare(b.entry.row.id));
    const onPage = entries.slice(page.offset, page.offset + page.limit);
    const summaries = await this.cases.summaries(onPage.map((e) => e.entry.row.id));
    const items: InboxItemView[] = onPage.flatMap(({ entry, deadlines }) => {
      const summary = summaries.get(entry.row.id);
      if (!summary) return [];
      const passedDeadlines = entry.passed.map((d) => ({ delayName: d.delayName, dueAt: d.dueAt, firedAt: d.firedAt, notifiedMe: d.notifiedMe }));
      return [{ case: toSummary(summary), revision: entry.instance.revision, myRoles: entry.roles, allowedEvents: entry.events, deadlines, nextDeadline: deadlines[0]?.dueAt ?? null, passedDeadlines }];
    });
    return {
      items,
      total: entries.length,
      limit: page.limit,
      offset: page.offset,
      counts: {
        decisions: entries.filter((e) => e.entry.events.length > 0).length,
        alerts: entries.filter((e) => e.entry.events.length === 0).length,
        overdue: entries.filter((e) => e.entry.passed.length > 0).length,
      },
    };
  }
}
