import { Injectable } from '@nestjs/common';
import type { Principal } from '#flyt/access';
import { NotificationsService } from '#flyt/notifications';
import { type InstanceState, type PassedDeadline, pathOf, stateNodesOf, TimerStore, WorkflowInstances } from '#flyt/workflow-runtime';
import { improvementCaseMachine } from '#workflows/improvement-case/improvement-case.machine';
import { CaseAccess } from './case-access.js';
import type { InboxItemView, InboxPage } from './case.dto.js';
import { type CaseRow, CaseRepository, factsOf, toSummary, VISIBILITY_COLUMNS } from './case-repository.js';
import { caseRoleScope, visibilityWhere } from './domain/visibility.js';
import { IMPROVEMENT_CASE_REGISTRATION } from './improvement-case.registration.js';

/** The states a case ends in: nothing waits for anyone there. */
const FINAL_STATES = stateNodesOf(improvementCaseMachine)
  .filter((node) => node.type === 'final')
  .map(pathOf);

/** A case in the caller's inbox, with the decisions they may take in it now (possibly none). */
interface InboxCase {
  row: CaseRow;
  instance: InstanceState;
  events: string[];
}

/**
 * What waits for a user: the cases where they may take a decision now, and those where a deadline
 * of the current state told them (a reminder, an escalation), each with its deadlines.
 */
@Injectable()
export class CaseInbox {
  constructor(
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly instances: WorkflowInstances,
    private readonly timers: TimerStore,
    private readonly notifications: NotificationsService,
  ) {}

  /** The decisions the caller may take in the case now: its allowed events, withdrawing aside. */
  private decisionsFor(principal: Principal, row: CaseRow, instance: InstanceState): string[] {
    const { roles } = this.access.rolesFor(principal, row);
    if (roles.length === 0) return [];
    return this.instances
      .allowedEvents(instance, { userId: principal.userId, roles }, factsOf(row.cost_benefit))
      .map((e) => e.type)
      .filter((type) => type !== 'WITHDRAW');
  }

  private async withDecisions(principal: Principal, rows: CaseRow[]): Promise<InboxCase[]> {
    const instances = await this.instances.getMany(rows.map((r) => r.id));
    return rows.flatMap((row) => {
      const instance = instances.get(row.id);
      return instance ? [{ row, instance, events: this.decisionsFor(principal, row, instance) }] : [];
    });
  }

  /** Open visible cases where the caller may take a decision now. */
  private async waitingFor(principal: Principal): Promise<InboxCase[]> {
    const visibility = visibilityWhere(await this.access.visibilityOf(principal), VISIBILITY_COLUMNS, 'vis');
    const scope = visibilityWhere(caseRoleScope(principal.userId, principal.grants), VISIBILITY_COLUMNS, 'scope');
    const open = { sql: 'NOT (c.state = ANY(CAST(:finalStates AS text[])))', params: { finalStates: FINAL_STATES } };
    const rows = await this.cases.findWhere([visibility, scope, open]);
    return (await this.withDecisions(principal, rows)).filter((c) => c.events.length > 0);
  }

  /**
   * The cases waiting for a decision of the caller, and those where a deadline of the current state
   * told the caller, though they may not decide there themselves (the process owner told that
   * triage is overdue, the secretariat that the owner's decision is). With each, the deadlines of
   * its current state that passed and whether they told the caller.
   */
  private async inboxCases(principal: Principal): Promise<(InboxCase & { passed: (PassedDeadline & { notifiedMe: boolean })[] })[]> {
    const waiting = await this.waitingFor(principal);
    const told = await this.notifications.deadlineNotices(principal.userId, IMPROVEMENT_CASE_REGISTRATION.id);
    const toldMe = new Set(told.map((t) => `${t.instanceId}/${t.eventId}`));
    const waitingIds = new Set(waiting.map((w) => w.row.id));
    const candidates = [...new Set(told.map((t) => t.instanceId))].filter((id) => !waitingIds.has(id));
    // A deadline of an earlier state does not count: only those that passed in the state the case is in now.
    const passed = await this.timers.passed([...waitingIds, ...candidates]);
    const alertedIds = candidates.filter((id) => (passed.get(id) ?? []).some((d) => toldMe.has(`${id}/${d.eventId}`)));
    let alerted: InboxCase[] = [];
    if (alertedIds.length) {
      const visibility = visibilityWhere(await this.access.visibilityOf(principal), VISIBILITY_COLUMNS, 'vis');
      const rows = await this.cases.findWhere([{ sql: 'c.id = ANY(CAST(:ids AS uuid[]))', params: { ids: alertedIds } }, visibility]);
      alerted = await this.withDecisions(principal, rows);
    }
    return [...waiting, ...alerted].map((c) => ({
      ...c,
      passed: (passed.get(c.row.id) ?? []).map((d) => ({ ...d, notifiedMe: toldMe.has(`${c.row.id}/${d.eventId}`) })),
    }));
  }

  /** The ids of the cases in the caller's inbox (the `assignedToMe` filter of the case list). */
  async caseIds(principal: Principal): Promise<string[]> {
    return (await this.inboxCases(principal)).map((c) => c.row.id);
  }

  /**
   * A page of the caller's inbox, with each case's pending deadlines and the reminders and
   * escalations sent in its current state; overdue cases first, then by the next deadline; and how
   * many of each kind the whole inbox holds.
   */
  async page(principal: Principal, page: { limit: number; offset: number }): Promise<InboxPage> {
    const items = await this.items(principal);
    return {
      items: items.slice(page.offset, page.offset + page.limit),
      total: items.length,
      limit: page.limit,
      offset: page.offset,
      counts: {
        decisions: items.filter((i) => i.allowedEvents.length > 0).length,
        alerts: items.filter((i) => i.allowedEvents.length === 0).length,
        overdue: items.filter((i) => i.passedDeadlines.length > 0).length,
      },
    };
  }

  private async items(principal: Principal): Promise<InboxItemView[]> {
    const cases = await this.inboxCases(principal);
    const timers = await this.timers.pending(cases.map((c) => c.row.id));
    const items = cases.map(({ row, instance, events, passed }) => {
      const deadlines = (timers.get(row.id) ?? []).map((t) => ({ delayName: t.delayName, dueAt: t.dueAt })).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      const passedDeadlines = passed.map((d) => ({ delayName: d.delayName, dueAt: d.dueAt, firedAt: d.firedAt, notifiedMe: d.notifiedMe }));
      return { case: toSummary(row), revision: instance.revision, allowedEvents: events, deadlines, nextDeadline: deadlines[0]?.dueAt ?? null, passedDeadlines };
    });
    // A passed deadline is due in the past, so an overdue case sorts before any with only pending deadlines.
    const urgency = (item: (typeof items)[number]) => item.passedDeadlines[0]?.dueAt ?? item.nextDeadline ?? '9999';
    return items.sort((a, b) => urgency(a).localeCompare(urgency(b)) || a.case.updatedAt.localeCompare(b.case.updatedAt) || a.case.id.localeCompare(b.case.id));
  }
}
