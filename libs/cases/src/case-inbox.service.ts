import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Principal } from '#flyt/access';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { NotificationsService } from '#flyt/notifications';
import { type ActingRoles, actingRolesOfAll, pathOf, stateNodesOf, TimerStore, WorkflowInstances } from '#flyt/workflow-runtime';
import { improvementCaseMachine } from '#workflows/improvement-case/improvement-case.machine';
import { CaseAccess } from './case-access.js';
import type { InboxItemView, InboxPage } from './case.dto.js';
import { type CaseFilter, type CaseForDecisionRow, CaseRepository, caseRowFacts, toSummary, VISIBILITY_COLUMNS } from './case-repository.js';
import { inboxScopeWhere } from './domain/inbox-scope.js';
import { visibilityWhere } from './domain/visibility.js';
import { IMPROVEMENT_CASE_REGISTRATION } from './improvement-case.registration.js';

/** The states a case ends in: nothing waits for anyone there. */
const FINAL_STATES = stateNodesOf(improvementCaseMachine)
  .filter((node) => node.type === 'final')
  .map(pathOf);

/** Withdrawing is open to the reporter in most states and never waits for anyone: the inbox leaves it out. */
const NOT_A_DECISION = ['WITHDRAW'];

/** How many decisions an API process keeps: a few hundred bytes each, for the cases its users' inboxes weigh. */
const DECISIONS_KEPT = 50_000;

/**
 * What a decision on a case depends on: the machine (version), its snapshot (revision), the facts
 * the guards read (computed from the case's row: its version) and the actor (who, with which
 * roles). The same key always gets the same answer from the machine.
 */
export function decisionKey(row: Pick<CaseForDecisionRow, 'id' | 'workflow_version' | 'revision' | 'row_version'>, userId: string, roles: readonly string[]): string {
  return [row.id, row.workflow_version, row.revision, row.row_version, userId, [...roles].sort().join('+')].join('|');
}

/** A case in the caller's inbox, with the decisions they may take in it now (possibly none). */
interface InboxCase {
  row: CaseForDecisionRow;
  /** The revision of the instance the events were allowed at. */
  revision: number;
  events: string[];
  /** The caller's roles in the case. */
  roles: string[];
}

/**
 * What waits for a user: the cases where they may take a decision now, and those where a deadline
 * of the current state told them (a reminder, an escalation), each with its deadlines.
 *
 * Whether a case waits for the caller is the machine's answer (its guards, for the caller's roles in
 * that case). Only the cases where the caller holds a role whose guards some transition of the
 * case's state names are weighed (`inboxScopeWhere`), with only what deciding reads; the summaries
 * are read for the page alone (docs/architecture.md, "The inbox").
 */
@Injectable()
export class CaseInbox {
  /** Where each case role can act, over every version of the case's machine an instance may still live on. */
  private readonly acting: ActingRoles | null;
  /** The allowed events the machine gave for a decision key: a pure function of the key, so never stale. */
  private readonly decided = new LRUCache<string, string[]>({ max: DECISIONS_KEPT });

  constructor(
    private readonly cases: CaseRepository,
    private readonly access: CaseAccess,
    private readonly instances: WorkflowInstances,
    private readonly timers: TimerStore,
    private readonly notifications: NotificationsService,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
  ) {
    const { versions } = instances.registry.workflow(IMPROVEMENT_CASE_REGISTRATION.id);
    this.acting = actingRolesOfAll(versions.map((v) => v.machine), NOT_A_DECISION);
  }

  /**
   * The decisions the caller may take in each case now (its allowed events, withdrawing aside) and
   * the roles they hold in it. The machine decides once per key (decisionKey); a case whose
   * instance or data changed since gets a new key, so only those are read in full and weighed.
   */
  private async withDecisions(principal: Principal, rows: CaseForDecisionRow[]): Promise<InboxCase[]> {
    const weighed = rows.map((row) => {
      const { roles } = this.access.rolesFor(principal, row);
      const key = roles.length ? decisionKey(row, principal.userId, roles) : '';
      return { row, roles: [...roles], key, revision: row.revision, events: roles.length ? this.decided.get(key) : [] };
    });
    const unknown = weighed.filter((w) => w.events === undefined);
    if (unknown.length) {
      const ids = unknown.map((w) => w.row.id);
      const [instances, sources] = await Promise.all([this.instances.getMany(ids), this.cases.factsSources(ids)]);
      for (const w of unknown) {
        const instance = instances.get(w.row.id);
        const source = sources.get(w.row.id);
        if (!instance || !source) continue;
        const actor = { userId: principal.userId, roles: w.roles };
        w.events = this.instances
          .allowedEvents(instance, actor, caseRowFacts(source, this.config.localImprovement))
          .map((e) => e.type)
          .filter((type) => !NOT_A_DECISION.includes(type));
        // Kept only when what was decided on is what the key names (the case may have moved on between the reads).
        const readAs = decisionKey({ ...w.row, ...source, workflow_version: instance.version, revision: instance.revision }, principal.userId, w.roles);
        if (readAs === w.key && source.revision === instance.revision) this.decided.set(w.key, w.events);
        w.revision = instance.revision;
      }
    }
    return weighed.flatMap((w) => (w.events === undefined ? [] : [{ row: w.row, revision: w.revision, events: w.events, roles: w.roles }]));
  }

  /**
   * The cases waiting for a decision of the caller, and those where a deadline of the current state
   * told the caller, though they may not decide there themselves (the process owner told that
   * triage is overdue, the secretariat that the owner's decision is).
   */
  private async entries(principal: Principal): Promise<{ cases: InboxCase[]; toldMe: Set<string> }> {
    const [visibility, told] = await Promise.all([this.access.visibilityOf(principal), this.notifications.deadlineNotices(principal.userId, IMPROVEMENT_CASE_REGISTRATION.id)]);
    const visible = visibilityWhere(visibility, VISIBILITY_COLUMNS, 'vis');
    // Open visible cases where the caller may take a decision now; beside them, the deadlines that
    // passed in the current state of the cases a deadline told the caller about (an earlier state's do not count).
    const scope = inboxScopeWhere(principal.userId, principal.grants, this.acting, { ...VISIBILITY_COLUMNS, reportingUnitId: 'c.reporting_unit_id', state: 'c.state' });
    const open: CaseFilter = { sql: 'NOT (c.state = ANY(CAST(:finalStates AS text[])))', params: { finalStates: FINAL_STATES } };
    const toldIds = [...new Set(told.map((t) => t.instanceId))];
    const [rows, passed] = await Promise.all([this.cases.findForDecision([visible, scope, open]), this.timers.passed(toldIds)]);
    const waiting = (await this.withDecisions(principal, rows)).filter((c) => c.events.length > 0);

    const toldMe = new Set(told.map((t) => `${t.instanceId}/${t.eventId}`));
    const waitingIds = new Set(waiting.map((w) => w.row.id));
    const alertedIds = toldIds.filter((id) => !waitingIds.has(id) && (passed.get(id) ?? []).some((d) => toldMe.has(`${id}/${d.eventId}`)));
    const alerted = alertedIds.length
      ? await this.withDecisions(principal, await this.cases.findForDecision([{ sql: 'c.id = ANY(CAST(:ids AS uuid[]))', params: { ids: alertedIds } }, visible]))
      : [];
    return { cases: [...waiting, ...alerted], toldMe };
  }

  /** The ids of the cases in the caller's inbox (the `assignedToMe` filter of the case list). */
  async caseIds(principal: Principal): Promise<string[]> {
    return (await this.entries(principal)).cases.map((c) => c.row.id);
  }

  /**
   * A page of the caller's inbox, with each case's pending deadlines and the reminders and
   * escalations sent in its current state; overdue cases first, then by the next deadline; and how
   * many of each kind the whole inbox holds. What orders it is read for every case (one row each),
   * the deadlines themselves for the page's cases alone.
   */
  async page(principal: Principal, page: { limit: number; offset: number }): Promise<InboxPage> {
    const { cases, toldMe } = await this.entries(principal);
    const urgency = await this.timers.urgency(cases.map((c) => c.row.id));
    const entries = cases.map((entry) => {
      const due = urgency.get(entry.row.id);
      // A passed deadline is due in the past, so an overdue case sorts before any with only pending deadlines.
      return { entry, overdue: due?.firstPassedMs != null, urgency: due?.firstPassedMs ?? due?.nextDueMs ?? Number.POSITIVE_INFINITY };
    });
    entries.sort((a, b) => a.urgency - b.urgency || a.entry.row.updated_ms - b.entry.row.updated_ms || a.entry.row.id.localeCompare(b.entry.row.id));
    const onPage = entries.slice(page.offset, page.offset + page.limit);
    const ids = onPage.map((e) => e.entry.row.id);
    const [summaries, passed, pending] = await Promise.all([this.cases.summaries(ids), this.timers.passed(ids), this.timers.pending(ids)]);
    const items: InboxItemView[] = onPage.flatMap(({ entry }) => {
      const summary = summaries.get(entry.row.id);
      if (!summary) return [];
      const deadlines = (pending.get(entry.row.id) ?? []).map((t) => ({ delayName: t.delayName, dueAt: t.dueAt })).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      const passedDeadlines = (passed.get(entry.row.id) ?? []).map((d) => ({ delayName: d.delayName, dueAt: d.dueAt, firedAt: d.firedAt, notifiedMe: toldMe.has(`${entry.row.id}/${d.eventId}`) }));
      return [{ case: toSummary(summary), revision: entry.revision, myRoles: entry.roles, allowedEvents: entry.events, deadlines, nextDeadline: deadlines[0]?.dueAt ?? null, passedDeadlines }];
    });
    return {
      items,
      total: entries.length,
      limit: page.limit,
      offset: page.offset,
      counts: {
        decisions: entries.filter((e) => e.entry.events.length > 0).length,
        alerts: entries.filter((e) => e.entry.events.length === 0).length,
        overdue: entries.filter((e) => e.overdue).length,
      },
    };
  }
}
