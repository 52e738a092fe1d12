import { createHash } from 'node:crypto';
import type { AnyMachineSnapshot } from 'xstate';
import { atTimeOfDay, type CalendarDeadlinePolicy, isCalendarDay, type NorwegianCalendar, valueAtPath } from '#flyt/calendar';
import { type CaseForRoles, caseRolesFor, COST_BENEFIT_ASSESSMENT, type CostBenefitAssessment, costBenefitComplete, decideEdit, factsOf, recipientsFor } from '#flyt/cases';
import { addDays } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import {
  type AuthorityGrant,
  decide,
  effectsOf,
  IN_TRANSACTION_ACTIONS,
  isDelayedEvent,
  type MachineRegistration,
  persist,
  type PersistedSnapshot,
  RUNTIME_EVENTS,
  startSnapshot,
  stateName,
  statesTagged,
  SYSTEM_ROLE,
} from '#flyt/workflow-runtime';
import type { ImprovementCaseContext, ImprovementCaseInput, NotifyRecipient } from '#workflows/improvement-case/improvement-case.machine';
import type { Random } from './random.js';
import type { ScaleAuthority } from './scale-authority.js';
import type { ScaleProcess, ScaleUnit, ScaleUser } from './scale-organisation.js';
import { type CaseText, PHRASES } from './scale-text.js';

/*
 * One improvement case's life, lived by the real machine: each event is decided by XState's pure
 * `transition()` through the runtime's own `decide`, sent by a person who holds the role for the
 * case that day (or by the system, for a deadline or a project), and every effect the transition
 * returns is written down as the runtime and the outbox relay would have: the log entry, the outbox
 * rows, the timers with their generations, the notifications to whoever the recipient rule names
 * that day. The case row follows, as the case projection keeps it.
 */

/** What the seed decides about a case before it lives: who reports it, where, when, and what it says. */
export interface CaseSeed {
  index: number;
  id: string;
  reference: string;
  process: ScaleProcess;
  unit: ScaleUnit;
  reporter: ScaleUser;
  createdAt: Date;
  text: CaseText;
  strategicGoals: number[];
  estimatedSize: 'small' | 'medium' | 'large' | null;
  significantItComponent: boolean | null;
}

export interface SimEvent {
  /** The log's id; given when the events of a batch are put in time order. */
  id: number;
  instanceId: string;
  revision: number;
  type: string;
  payload: unknown;
  actorId: string | null;
  actorRoles: string[];
  facts: Record<string, unknown>;
  authority: AuthorityGrant | null;
  from: string | null;
  to: string;
  idempotencyKey: string | null;
  occurredAt: Date;
  /** The machine's effect actions, in the order the runtime numbers their outbox keys (`<event id>/<position>`). */
  actions: SimAction[];
  /** The timer bookkeeping's outbox rows, written after the actions'. */
  timerRows: Array<{ kind: 'timer.schedule' | 'timer.cancel'; key: string; payload: Record<string, unknown> }>;
}

export interface SimAction {
  kind: string;
  params: Record<string, unknown>;
  relayedAt: Date;
  /** For `notify`: who got it, with the params the notification was made with. */
  recipients: string[];
  notificationParams: { reference: string; title: string; state: string; deadline: string | null } | null;
  /** Why the relay marked the row dead, when it did. */
  dead: string | null;
}

export interface SimTimer {
  timerId: string;
  delayName: string;
  event: { type: string };
  dueAt: Date;
  status: 'pending' | 'cancelled' | 'fired';
  generation: number;
  scheduledBy: SimEvent;
  settledBy: SimEvent | null;
}

export interface SimComment {
  authorId: string;
  body: string;
  createdAt: Date;
}

export interface SimulatedCase {
  seed: CaseSeed;
  /** The machine version the case was lived on (the newest registered). */
  version: number;
  input: ImprovementCaseInput;
  snapshot: PersistedSnapshot;
  state: string;
  status: 'active' | 'done';
  revision: number;
  events: SimEvent[];
  timers: SimTimer[];
  comments: SimComment[];
  costBenefit: CostBenefitAssessment | null;
  /** The case text's fields that edits may have changed since the report. */
  significantItComponent: boolean | null;
  estimatedSize: 'small' | 'medium' | 'large' | null;
  proposedAt: Date | null;
  escalatedToProgrammeAt: Date | null;
  duplicateOf: string[];
  updatedAt: Date;
  /** false: the outbox rows wait for a relay (a case made just now, with no worker running). */
  relayed: boolean;
}

/** What every case's simulation shares. */
export interface SimulationContext {
  registration: MachineRegistration;
  authority: ScaleAuthority;
  policy: CalendarDeadlinePolicy;
  calendar: NorwegianCalendar;
  /** The seed's present: nothing happens after it; timers due later stay pending. */
  now: Date;
  /** The programme's priority rounds (days), ascending. */
  rounds: string[];
  /** An earlier case of the same process, for a merge; null when there is none. */
  mergeTarget: (seed: CaseSeed, random: Random) => string | null;
}

/** A priority round as its decisions name it: an id that stays the same for every case of the round, and its title. */
function roundOf(day: string): { roundId: string; roundTitle: string } {
  const h = createHash('sha1').update(`flyt-scale-round/${day}`).digest('hex');
  const roundId = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return { roundId, roundTitle: `Prioriteringsrunde ${day.slice(5, 7) === '03' ? 'vår' : 'høst'} ${day.slice(0, 4)}` };
}

type ActorKind = 'reporter' | 'lineManager' | 'processResponsible' | 'processOwner' | 'programme';
type Plan =
  | { at: Date; type: string; by: ActorKind; payload: Record<string, unknown> }
  | { at: Date; type: string; by: 'system'; payload: Record<string, unknown> };

/** A change of the case data (PATCH /api/cases/{id}) before the next decision: a `flyt.changed` entry in the log. */
interface Edit {
  at: Date;
  by: ActorKind;
  significantItComponent?: boolean;
  estimatedSize?: 'small' | 'medium' | 'large';
  costBenefit?: CostBenefitAssessment;
}

const PROGRAMME_STATES = new Set<string>();
const HOUR = 3_600_000;
const pick = <T>(random: Random, items: readonly T[]) => random.pick(items);
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/*
 * The calendar arithmetic a million events need, remembered: the day in Oslo changes only on a
 * whole UTC hour, and a deadline's due time depends only on its rule, the day it starts and (for a
 * due date) the date in the context. The answers are those of the functions the runtime calls.
 */
const osloDays = new Map<number, string>();
function dayOf(instant: Date): string {
  const hour = Math.floor(instant.getTime() / HOUR);
  let day = osloDays.get(hour);
  if (day === undefined) {
    day = osloDay(instant);
    osloDays.set(hour, day);
  }
  return day;
}
const noons = new Map<string, number>();
/** `minutes` after midnight on `day` in Oslo, for times of day after any change of clocks (working hours). */
function onDay(day: string, minutes: number): Date {
  let noon = noons.get(day);
  if (noon === undefined) {
    noon = atTimeOfDay(day, '12:00').getTime();
    noons.set(day, noon);
  }
  return new Date(noon + (minutes - 12 * 60) * 60_000);
}

class RememberedCalendar {
  /** Working days from a year before `from` to three years after `to`, and each day's count of working days up to it. */
  private readonly workingDays: string[] = [];
  private readonly countUpTo = new Map<string, number>();
  private readonly dues = new Map<string, number>();

  constructor(
    private readonly calendar: NorwegianCalendar,
    private readonly policy: CalendarDeadlinePolicy,
    from: string,
    to: string,
  ) {
    const last = addDays(to, 3 * 366);
    for (let day = addDays(from, -366); day <= last; day = addDays(day, 1)) {
      if (calendar.isWorkingDay(day)) this.workingDays.push(day);
      this.countUpTo.set(day, this.workingDays.length);
    }
  }

  isWorkingDay(day: string): boolean {
    const count = this.countUpTo.get(day);
    if (count === undefined) return this.calendar.isWorkingDay(day);
    return this.workingDays[count - 1] === day;
  }

  /** The n-th working day after `day`, as `NorwegianCalendar.addWorkingDays` answers. */
  addWorkingDays(day: string, n: number): string {
    const count = this.countUpTo.get(day);
    const found = count === undefined ? undefined : this.workingDays[count + n - 1];
    return n > 0 && found !== undefined ? found : this.calendar.addWorkingDays(day, n);
  }

  dueAt(workflowId: string, delayName: string, delayMs: number, context: ImprovementCaseContext, now: Date): Date {
    const rule = this.policy.ruleFor(workflowId, delayName);
    if (!rule || 'seconds' in rule) return this.policy.dueAt({ workflowId, delayName, delayMs, context: json(context) }, now);
    const dueDate = 'dueDate' in rule ? valueAtPath(context, rule.dueDate) : undefined;
    const key = typeof dueDate === 'string' && isCalendarDay(dueDate) ? `${delayName}|on ${dueDate}` : `${delayName}|from ${dayOf(now)}`;
    let due = this.dues.get(key);
    if (due === undefined) {
      due = this.policy.dueAt({ workflowId, delayName, delayMs, context: json(context) }, now).getTime();
      this.dues.set(key, due);
    }
    return new Date(due);
  }
}

/** Steps each case through the machine; one instance per process run, reused for every case. */
export class CaseSimulator {
  private readonly deadlineOf: Readonly<Record<string, string>>;
  private readonly calendar: RememberedCalendar;

  constructor(private readonly ctx: SimulationContext) {
    if (PROGRAMME_STATES.size === 0) for (const s of statesTagged(ctx.registration.machine, 'programme')) PROGRAMME_STATES.add(s);
    this.deadlineOf = (ctx.registration.workflow.notifications.deadlineOf ?? {}) as Record<string, string>;
    this.calendar = new RememberedCalendar(ctx.calendar, ctx.policy, ctx.rounds[0]!, dayOf(ctx.now));
  }

  /** The whole life of a case up to the present, by `random`'s draws. */
  live(seed: CaseSeed, random: Random): SimulatedCase {
    return new CaseLife(this.ctx, this.calendar, this.deadlineOf, seed, random).run();
  }

  /** A case reported by a line manager and submitted at `at`, its effects not relayed yet: a fresh case for the process responsible. */
  reportAndSubmit(seed: CaseSeed, random: Random, at: Date): SimulatedCase {
    return new CaseLife(this.ctx, this.calendar, this.deadlineOf, seed, random).submitOnly(at);
  }
}

class CaseLife {
  private snapshot: AnyMachineSnapshot;
  private revision = 0;
  private time: Date;
  private readonly events: SimEvent[] = [];
  private readonly timers = new Map<string, SimTimer>();
  private readonly subject: CaseForRoles;
  private readonly input: ImprovementCaseInput;
  private costBenefit: CostBenefitAssessment | null = null;
  private significantItComponent: boolean | null;
  private estimatedSize: 'small' | 'medium' | 'large' | null;
  /** Edits planned before the next decision, in time order. */
  private edits: Edit[] = [];
  private proposedAt: Date | null = null;
  private escalatedToProgrammeAt: Date | null = null;
  private duplicateOf: string[] = [];
  /** How the case will go at its decision points, drawn once. */
  private readonly stallsLocally: boolean;
  private visits = { submitted: 0, infoRounds: 0, returned: 0, owner: 0 };
  private relay = true;

  constructor(
    private readonly ctx: SimulationContext,
    private readonly calendar: RememberedCalendar,
    private readonly deadlineOf: Readonly<Record<string, string>>,
    private readonly seed: CaseSeed,
    private readonly random: Random,
  ) {
    this.subject = {
      processId: seed.process.id,
      processName: seed.process.nameNb,
      reportingUnitPath: seed.unit.path,
      reportingUnitName: seed.unit.nameNb,
      reporterId: seed.reporter.id,
    };
    const day = osloDay(seed.createdAt);
    const { roles } = caseRolesFor(seed.reporter.id, ctx.authority.grantsOn(seed.reporter.id, day), this.subject);
    this.input = {
      caseId: seed.id,
      processId: seed.process.id,
      reportingUnitId: seed.unit.id,
      reporterId: seed.reporter.id,
      // As CasesService.create decides: a line manager's own report is submitted by them.
      reportedByEmployee: !roles.includes('lineManager'),
    };
    this.stallsLocally = random.chance(0.015);
    this.significantItComponent = seed.significantItComponent;
    this.estimatedSize = seed.estimatedSize;
    const { snapshot } = startSnapshot(ctx.registration, json(this.input));
    this.snapshot = snapshot;
    this.time = seed.createdAt;
    this.events.push({
      id: 0,
      instanceId: seed.id,
      revision: 0,
      type: 'xstate.init',
      payload: json(this.input),
      actorId: seed.reporter.id,
      actorRoles: [...roles],
      facts: {},
      authority: null,
      from: null,
      to: stateName(snapshot.value),
      idempotencyKey: null,
      occurredAt: seed.createdAt,
      actions: [],
      timerRows: [],
    });
  }

  private get state(): string {
    return stateName(this.snapshot.value);
  }

  run(): SimulatedCase {
    let plan: Plan | null = null;
    let planned = false;
    for (let guard = 0; guard < 500; guard += 1) {
      if (this.snapshot.status === 'done') break;
      if (!planned) {
        this.edits = [];
        plan = this.planNext();
        planned = true;
        if (plan && plan.at <= this.time) plan.at = new Date(this.time.getTime() + this.random.int(2, 90) * 60_000);
      }
      const horizon = plan && plan.at < this.ctx.now ? plan.at : this.ctx.now;
      const due = [...this.timers.values()].filter((t) => t.status === 'pending' && t.dueAt < horizon).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
      const edit = this.edits[0];
      if (edit && edit.at < horizon && (!due || edit.at <= due.dueAt)) {
        this.edits.shift();
        this.applyEdit(edit);
        continue;
      }
      if (due) {
        const before = this.state;
        const at = new Date(Math.max(due.dueAt.getTime(), this.time.getTime()) + this.random.int(150, 2500));
        if (at >= this.ctx.now) break;
        this.apply({ at, type: due.timerId, by: 'system', payload: {} }, `timer/${due.timerId}/${due.generation}`);
        if (this.state !== before) planned = false;
        if (plan && plan.at <= this.time) plan.at = new Date(this.time.getTime() + this.random.int(2, 90) * 60_000);
        continue;
      }
      if (!plan || plan.at >= this.ctx.now) break;
      this.apply(plan, null);
      planned = false;
    }
    return this.result(this.comments());
  }

  submitOnly(at: Date): SimulatedCase {
    this.relay = false;
    this.apply({ at, type: 'SUBMIT', by: 'lineManager', payload: {} }, null);
    return this.result([]);
  }

  private result(comments: SimComment[]): SimulatedCase {
    return {
      seed: this.seed,
      version: this.ctx.registration.version,
      input: this.input,
      snapshot: persist(this.ctx.registration, this.snapshot),
      state: this.state,
      status: this.snapshot.status === 'done' ? 'done' : 'active',
      revision: this.revision,
      events: this.events,
      timers: [...this.timers.values()],
      comments,
      costBenefit: this.costBenefit,
      significantItComponent: this.significantItComponent,
      estimatedSize: this.estimatedSize,
      proposedAt: this.proposedAt,
      escalatedToProgrammeAt: this.escalatedToProgrammeAt,
      duplicateOf: this.duplicateOf,
      // Every event and every edit writes the case row (the projection, CasesService.update).
      updatedAt: this.events[this.events.length - 1]!.occurredAt,
      relayed: this.relay,
    };
  }

  // --- When people act: working days after now, in working hours ---------------------------------

  /** A moment in working hours `workingDays` working days after the current time (0: later the same day, if it is a working day). */
  private afterWorkingDays(workingDays: number): Date {
    const whole = Math.max(0, Math.round(workingDays));
    const today = dayOf(this.time);
    if (whole === 0 && this.calendar.isWorkingDay(today)) {
      const later = new Date(this.time.getTime() + this.random.int(5, 180) * 60_000);
      if (dayOf(later) === today && later < onDay(today, 17 * 60)) return later;
    }
    return this.inWorkingHours(this.calendar.addWorkingDays(today, Math.max(1, whole)));
  }

  private afterCalendarDays(days: number): Date {
    let day = addDays(dayOf(this.time), Math.max(1, Math.round(days)));
    while (!this.calendar.isWorkingDay(day)) day = addDays(day, 1);
    return this.inWorkingHours(day);
  }

  private inWorkingHours(day: string): Date {
    return new Date(onDay(day, this.random.int(8 * 60 + 5, 15 * 60 + 55)).getTime() + this.random.int(0, 59_999));
  }

  // --- What happens next, state by state ------------------------------------------------------------

  private planNext(): Plan | null {
    const r = this.random;
    const state = this.state;
    const reporter = (type: string, wd: number, payload: Record<string, unknown> = {}): Plan => ({ at: this.afterWorkingDays(wd), type, by: 'reporter', payload });
    const withdraw = (wd: number) => reporter('WITHDRAW', wd, r.chance(0.6) ? { reason: pick(r, PHRASES.withdraw) } : {});
    switch (state) {
      case 'draft': {
        if (this.input.reportedByEmployee) {
          const x = r.next();
          if (x < 0.02) return null; // the idea was never taken up
          if (x < 0.05) return withdraw(r.logNormal(5, 0.8));
          return { at: this.afterWorkingDays(r.logNormal(4, 0.9)), type: 'ENDORSE', by: 'lineManager', payload: r.chance(0.6) ? { comment: pick(r, PHRASES.endorse) } : {} };
        }
        const x = r.next();
        if (x < 0.015) return null;
        if (x < 0.035) return withdraw(r.logNormal(3, 0.8));
        return { at: this.afterWorkingDays(r.logNormal(0.4, 1.2)), type: 'SUBMIT', by: 'lineManager', payload: {} };
      }
      case 'submitted':
        return this.triage();
      case 'awaitingInformation': {
        if (r.chance(0.04)) return withdraw(r.logNormal(6, 0.6));
        return reporter('PROVIDE_INFO', r.logNormal(3, 1.0), { answer: pick(r, PHRASES.answer) });
      }
      case 'withProcessOwner':
        return this.ownerDecision();
      case 'awaitingPrioritisation':
        return this.programmeDecision();
      case 'inRealisation': {
        const at = this.afterCalendarDays(r.logNormal(300, 0.5));
        return r.chance(0.78)
          ? { at, type: 'PROJECT_CLOSED', by: 'system', payload: r.chance(0.7) ? { summary: pick(r, PHRASES.projectClosed) } : {} }
          : { at, type: 'PROJECT_STOPPED', by: 'system', payload: { reason: pick(r, PHRASES.projectStopped) } };
      }
      case 'benefitsFollowUp':
        return { at: this.afterCalendarDays(r.logNormal(250, 0.4)), type: 'CONCLUDE_BENEFITS', by: 'processOwner', payload: { summary: pick(r, PHRASES.benefits) } };
      default:
        if (state.startsWith('localImprovement.')) return this.localStep(state.slice('localImprovement.'.length));
        return null;
    }
  }

  private triage(): Plan {
    const r = this.random;
    this.visits.submitted += 1;
    const afterInfo = this.visits.infoRounds > 0;
    const median = this.visits.returned > 0 ? 4 : afterInfo ? 3 : 5;
    const at = this.afterWorkingDays(r.logNormal(median, 0.8));
    const ask = this.visits.infoRounds === 0 ? 0.45 : this.visits.infoRounds === 1 ? 0.15 : 0.05;
    if (this.visits.returned === 0 && r.chance(ask)) {
      this.visits.infoRounds += 1;
      return { at, type: 'REQUEST_INFO', by: 'processResponsible', payload: { question: pick(r, PHRASES.question) } };
    }
    if (this.visits.submitted === 1) {
      // The process responsible assesses the IT component, or corrects the size, while triaging.
      const assess = this.significantItComponent === null && r.chance(0.5);
      const resize = r.chance(0.1);
      if (assess || resize) {
        const sizes = (['small', 'medium', 'large'] as const).filter((x) => x !== this.estimatedSize);
        this.edits.push({
          at: this.between(this.time, at),
          by: 'processResponsible',
          ...(assess ? { significantItComponent: r.chance(0.8) } : {}),
          ...(resize ? { estimatedSize: pick(r, sizes) } : {}),
        });
      }
    }
    const outcome =
      this.visits.returned > 0
        ? r.weighted([['REJECT', 0.35], ['ACCEPT_LOCAL', 0.5], ['ESCALATE', 0.1], ['MERGE_INTO', 0.05]] as const)
        : r.weighted([['REJECT', 0.17], ['MERGE_INTO', 0.07], ['ACCEPT_LOCAL', 0.5], ['ESCALATE', 0.23], ['WITHDRAW', 0.03]] as const);
    switch (outcome) {
      case 'WITHDRAW':
        return { at, type: 'WITHDRAW', by: 'reporter', payload: r.chance(0.6) ? { reason: pick(r, PHRASES.withdraw) } : {} };
      case 'MERGE_INTO': {
        const target = this.ctx.mergeTarget(this.seed, r);
        if (target) {
          this.duplicateOf = [target];
          return { at, type: 'MERGE_INTO', by: 'processResponsible', payload: r.chance(0.5) ? { caseId: target, text: pick(r, PHRASES.merge) } : { caseId: target } };
        }
        return this.reject(at, 'processResponsible');
      }
      case 'REJECT':
        return this.reject(at, 'processResponsible');
      case 'ACCEPT_LOCAL':
        return { at, type: 'ACCEPT_LOCAL', by: 'processResponsible', payload: r.chance(0.7) ? { plan: pick(r, PHRASES.plan) } : {} };
      case 'ESCALATE':
        return { at, type: 'ESCALATE', by: 'processResponsible', payload: { text: pick(r, PHRASES.escalate) } };
    }
  }

  private reject(at: Date, by: 'processResponsible' | 'processOwner'): Plan {
    const r = this.random;
    // The scope rule is the process responsible's at triage; the owner rejects on the merits.
    const reason = r.weighted([['out_of_scope_no_it_component', by === 'processResponsible' ? 0.3 : 0], ['duplicate', 0.12], ['not_feasible', 0.33], ['other', 0.25]] as const);
    if (reason === 'out_of_scope_no_it_component' && by === 'processResponsible' && this.significantItComponent !== false) {
      // Out of scope: the assessment that a solution needs no IT component is recorded first.
      this.edits.push({ at: this.between(this.edits[this.edits.length - 1]?.at ?? this.time, at), by, significantItComponent: false });
    }
    return { at, type: 'REJECT', by, payload: { reason, text: pick(r, PHRASES.reject) } };
  }

  /** A moment between two, a little after the first. */
  private between(from: Date, to: Date): Date {
    const span = Math.max(60_000, to.getTime() - from.getTime());
    return new Date(from.getTime() + span * (0.3 + 0.6 * this.random.next()));
  }

  private ownerDecision(): Plan {
    const r = this.random;
    this.visits.owner += 1;
    const at = this.afterWorkingDays(r.logNormal(11, 0.7));
    const outcome = r.weighted([['RETURN_TO_RESPONSIBLE', this.visits.owner > 1 ? 0.05 : 0.15], ['REJECT', 0.15], ['PROPOSE_TO_PROGRAMME', 0.66], ['WITHDRAW', 0.04]] as const);
    // The assessment is worked on while the process owner has the case: begun by the reporter, the
    // line manager or the process responsible, finished by the process responsible or the owner.
    const begun = this.costBenefit !== null;
    const finish = outcome === 'PROPOSE_TO_PROGRAMME' || (!begun && r.chance(0.28));
    if (!begun && (finish || r.chance(0.75))) {
      const by = r.weighted([['reporter', 0.4], ['processResponsible', 0.4], ['lineManager', 0.2]] as const);
      this.edits.push({ at: this.between(this.time, at), by, costBenefit: this.assessment(false) });
    }
    if (finish && !costBenefitComplete(this.costBenefit)) {
      const after = this.edits[this.edits.length - 1]?.at ?? this.time;
      const finished = new Date(Math.max(after.getTime() + HOUR, at.getTime() - r.logNormal(3, 0.6) * 24 * HOUR));
      this.edits.push({ at: finished, by: r.chance(0.6) ? 'processResponsible' : 'processOwner', costBenefit: this.assessment(true) });
    }
    if (outcome === 'PROPOSE_TO_PROGRAMME') {
      const last = this.edits[this.edits.length - 1]?.at ?? this.time;
      return { at: new Date(Math.max(at.getTime(), last.getTime() + HOUR)), type: 'PROPOSE_TO_PROGRAMME', by: 'processOwner', payload: r.chance(0.7) ? { text: pick(r, PHRASES.propose) } : {} };
    }
    if (outcome === 'RETURN_TO_RESPONSIBLE') {
      this.visits.returned += 1;
      return { at, type: 'RETURN_TO_RESPONSIBLE', by: 'processOwner', payload: { text: pick(r, PHRASES.returnToResponsible) } };
    }
    if (outcome === 'REJECT') return this.reject(at, 'processOwner');
    return { at, type: 'WITHDRAW', by: 'reporter', payload: r.chance(0.6) ? { reason: pick(r, PHRASES.withdraw) } : {} };
  }

  private programmeDecision(): Plan | null {
    const r = this.random;
    const earliest = addDays(dayOf(this.time), 10);
    const round = this.ctx.rounds.find((d) => d >= earliest);
    if (!round) return null;
    const at = onDay(round, r.int(10 * 60, 14 * 60 + 59));
    if (r.chance(0.03)) return { at: new Date(this.time.getTime() + (at.getTime() - this.time.getTime()) * r.next()), type: 'WITHDRAW', by: 'reporter', payload: { reason: pick(r, PHRASES.withdraw) } };
    // From version 2 only a priority round decides, on the rector's approval, by a message from its
    // instance (docs/priority-rounds.md): the system's event with the round and the council's score.
    const common = { ...roundOf(round), score: Math.round((1.5 + 3.3 * r.next()) * 1000) / 1000 };
    const deferrals = (this.snapshot.context as ImprovementCaseContext).deferrals.length;
    if (deferrals < 3 && r.chance(0.35)) {
      return { at, type: 'DEFER', by: 'system', payload: { ...common, explanation: pick(r, PHRASES.defer), reason: `Ikke med i porteføljen til ${common.roundTitle}; venter på neste prioriteringsrunde.` } };
    }
    if (r.chance(0.62)) {
      const oneOff = this.costBenefit?.costs?.oneOff.reduce((sum, c) => sum + c.amountNok, 0) ?? 500_000;
      const years = 1 + r.int(0, 2);
      const planYear = Number(round.slice(0, 4)) + 1;
      const byYear = Array.from({ length: years }, (_, i) => ({ year: planYear + i, amountNok: Math.round(oneOff / years / 10_000) * 10_000 }));
      const amountNok = byYear.reduce((sum, y) => sum + y.amountNok, 0);
      const allocation = r.chance(0.5) ? { amountNok, byYear, note: pick(r, PHRASES.allocation) } : { amountNok, byYear };
      return { at, type: 'PRIORITISE', by: 'system', payload: { ...common, explanation: 'Valgt innenfor budsjettrammen etter rådets poeng.', allocation } };
    }
    const reason = pick(r, PHRASES.decline);
    return { at, type: 'DECLINE', by: 'system', payload: { ...common, explanation: reason, reason } };
  }

  private localStep(step: string): Plan | null {
    const r = this.random;
    if (this.stallsLocally && r.chance(0.3)) return null; // the unit lost interest: the step stays open
    const at = this.afterWorkingDays(r.logNormal(15, 0.6));
    const cycle = (this.snapshot.context as ImprovementCaseContext).localImprovement?.cycle ?? 1;
    const nextDue = (): Record<string, unknown> => (r.chance(0.65) ? { nextStepDueOn: addDays(dayOf(at), Math.round(r.logNormal(20, 0.5))) } : {});
    const restart = (step === 'evaluation' && r.chance([0.6, 0.5, 0.4, 0.3][cycle - 1] ?? 0.2)) || (step === 'adjustment' && r.chance(0.12));
    if (restart) return { at, type: 'RESTART_CYCLE', by: 'lineManager', payload: { reason: pick(r, PHRASES.restart), ...nextDue() } };
    return { at, type: 'COMPLETE_STEP', by: 'lineManager', payload: { summary: pick(r, PHRASES.step), ...nextDue() } };
  }

  // --- One event, as WorkflowRuntime.send applies it and the relay carries out its effects ------------

  private actorFor(kind: ActorKind, day: string): string {
    const a = this.ctx.authority;
    const id =
      kind === 'reporter'
        ? this.seed.reporter.id
        : kind === 'lineManager'
          ? // A line manager who reported the case takes it on themselves while they still hold the role.
            !this.input.reportedByEmployee && this.holdsLineManager(this.seed.reporter.id, day)
            ? this.seed.reporter.id
            : a.nearestLineManager(this.seed.unit.path, day)
          : kind === 'processResponsible'
            ? a.responsibleOf(this.seed.process.id, day)
            : kind === 'processOwner'
              ? a.ownerOf(this.seed.process.id, day)
              : pick(this.random, a.secretariatOn(day));
    if (!id) throw new Error(`nobody is ${kind} for case ${this.seed.reference} on ${day}`);
    return id;
  }

  private holdsLineManager(userId: string, day: string): boolean {
    return caseRolesFor(userId, this.ctx.authority.grantsOn(userId, day), this.subject).roles.includes('lineManager');
  }

  /** The facts the guards read, as the cases lib computes them from the case data at that moment. */
  private facts(): Record<string, unknown> {
    return json(factsOf(this.costBenefit));
  }

  /**
   * A change of the case data, as CasesService.update records it: the fields that really change,
   * each with its old and new value, under the role `decideEdit` names, as a `flyt.changed` entry.
   */
  private applyEdit(edit: Edit): void {
    const at = new Date(Math.max(edit.at.getTime(), this.time.getTime() + this.random.int(1, 30) * 60_000));
    if (at >= this.ctx.now) return;
    const day = dayOf(at);
    const actorId = this.actorFor(edit.by, day);
    const { roles, grants } = caseRolesFor(actorId, this.ctx.authority.grantsOn(actorId, day), this.subject);
    const changes: Array<{ field: string; from: unknown; to: unknown }> = [];
    if (edit.significantItComponent !== undefined && edit.significantItComponent !== this.significantItComponent) {
      changes.push({ field: 'significantItComponent', from: this.significantItComponent, to: edit.significantItComponent });
    }
    if (edit.estimatedSize !== undefined && edit.estimatedSize !== this.estimatedSize) changes.push({ field: 'estimatedSize', from: this.estimatedSize, to: edit.estimatedSize });
    if (edit.costBenefit !== undefined) changes.push({ field: 'costBenefit', from: this.costBenefit, to: edit.costBenefit });
    if (changes.length === 0) return;
    const text = changes.some((c) => c.field !== 'costBenefit');
    const decision = decideEdit(this.state, roles, { text, process: false, costBenefit: edit.costBenefit !== undefined });
    if (!decision.allowed) throw new Error(`case ${this.seed.reference}: an edit by ${edit.by} (${roles.join(', ')}) in ${this.state} was refused: ${JSON.stringify(decision)}`);
    if (edit.significantItComponent !== undefined) this.significantItComponent = edit.significantItComponent;
    if (edit.estimatedSize !== undefined) this.estimatedSize = edit.estimatedSize;
    if (edit.costBenefit !== undefined) this.costBenefit = edit.costBenefit;
    this.revision += 1;
    this.time = at;
    this.events.push({
      id: 0,
      instanceId: this.seed.id,
      revision: this.revision,
      type: RUNTIME_EVENTS.changed,
      payload: json({ changes }),
      actorId,
      actorRoles: roles,
      facts: {},
      authority: grants.find((g) => g.role === decision.role) ?? null,
      from: this.state,
      to: this.state,
      idempotencyKey: null,
      occurredAt: at,
      actions: [],
      timerRows: [],
    });
  }

  private apply(plan: Plan, idempotencyKey: string | null): void {
    const { registration } = this.ctx;
    const at = plan.at;
    const day = dayOf(at);
    const delayed = isDelayedEvent(plan.type);
    let actorId: string | null = null;
    let roles: string[];
    let grants: AuthorityGrant[] = [];
    let facts: Record<string, unknown>;
    if (plan.by === 'system') {
      roles = [SYSTEM_ROLE];
      // Deadlines carry no facts; a message from the project workflow carries the case's (caseFacts).
      facts = delayed ? {} : this.facts();
    } else {
      actorId = this.actorFor(plan.by, day);
      ({ roles, grants } = caseRolesFor(actorId, this.ctx.authority.grantsOn(actorId, day), this.subject));
      facts = this.facts();
    }
    const schema = registration.events[plan.type];
    const payload = delayed ? {} : json(schema ? schema.parse(plan.payload) : plan.payload);
    const event = { type: plan.type, payload, actor: { userId: actorId, roles: [...roles] }, facts };
    const decision = decide(registration, this.snapshot, event);
    if (decision.kind !== 'applied') {
      throw new Error(`case ${this.seed.reference}: ${plan.type} by ${plan.by} (${roles.join(', ')}) in ${this.state} was ${decision.kind}: ${JSON.stringify(decision)}`);
    }
    const authority = decision.authorityRole ? (grants.find((g) => g.role === decision.authorityRole) ?? { role: decision.authorityRole, basis: decision.authorityRole }) : null;
    const from = this.state;
    this.snapshot = decision.next;
    this.revision += 1;
    this.time = at;
    const to = this.state;
    const effects = effectsOf(decision.actions);
    const entry: SimEvent = {
      id: 0,
      instanceId: this.seed.id,
      revision: this.revision,
      type: plan.type,
      payload,
      actorId,
      actorRoles: roles,
      facts: event.facts,
      authority,
      from,
      to,
      idempotencyKey,
      occurredAt: at,
      actions: [],
      timerRows: [],
    };
    this.events.push(entry);

    // Timers, as TimerStore.apply: the fired one first, then each schedule and cancel in order.
    const context = this.snapshot.context as ImprovementCaseContext;
    if (delayed) {
      const fired = this.timers.get(plan.type);
      if (fired && fired.status === 'pending') {
        fired.status = 'fired';
        fired.settledBy = entry;
      }
    }
    for (const effect of effects) {
      if (effect.kind === 'timer.schedule') {
        const dueAt = this.calendar.dueAt(registration.id, effect.delayName, effect.delayMs, context, at);
        const existing = this.timers.get(effect.timerId);
        const timer: SimTimer = {
          timerId: effect.timerId,
          delayName: effect.delayName,
          event: effect.event,
          dueAt,
          status: 'pending',
          generation: existing ? existing.generation + 1 : 1,
          scheduledBy: entry,
          settledBy: null,
        };
        this.timers.set(effect.timerId, timer);
        entry.timerRows.push({
          kind: 'timer.schedule',
          key: `${this.seed.id}/${timer.timerId}/${timer.generation}/schedule`,
          payload: { timerId: timer.timerId, generation: timer.generation, delayName: timer.delayName, dueAt: dueAt.toISOString(), event: timer.event },
        });
      } else if (effect.kind === 'timer.cancel') {
        const timer = this.timers.get(effect.timerId);
        if (timer && timer.status === 'pending') {
          timer.status = 'cancelled';
          timer.settledBy = entry;
          entry.timerRows.push({ kind: 'timer.cancel', key: `${this.seed.id}/${timer.timerId}/${timer.generation}/cancel`, payload: { timerId: timer.timerId, generation: timer.generation } });
        }
      }
    }

    // The effects the relay carries out after the commit: notifications to whoever the rule names that day.
    for (const effect of effects) {
      if (effect.kind !== 'action' || IN_TRANSACTION_ACTIONS.includes(effect.action)) continue;
      const relayedAt = new Date(at.getTime() + this.random.int(40, 1800));
      const action: SimAction = { kind: effect.action, params: effect.params, relayedAt, recipients: [], notificationParams: null, dead: null };
      if (effect.action === 'notify' && this.relay) {
        const to = effect.params.to as NotifyRecipient;
        const relayDay = dayOf(relayedAt);
        const directory = this.ctx.authority.directoryOn(this.seed.process.id, this.seed.unit.path, relayDay);
        action.recipients = recipientsFor(to, { reporterId: this.seed.reporter.id, processId: this.seed.process.id, reportingUnitPath: this.seed.unit.path }, directory, relayDay);
        const delay = this.deadlineOf[effect.params.template as string];
        action.notificationParams = { reference: this.seed.reference, title: this.seed.text.title, state: entry.to, deadline: delay ? this.dueOf(delay, entry) : null };
        if (action.recipients.length === 0) action.dead = `nobody to notify: no one with an active account is ${to} for case ${this.seed.reference} today`;
      }
      entry.actions.push(action);
    }

    // The case projection: first proposal, first escalation to the programme, duplicate links.
    if (this.proposedAt === null && PROGRAMME_STATES.has(to.split('.')[0]!)) this.proposedAt = at;
    if (this.escalatedToProgrammeAt === null && (this.snapshot.context as ImprovementCaseContext).deadlinesPassed.some((d) => d.delay === 'secretariatEscalation')) {
      this.escalatedToProgrammeAt = at;
    }
  }

  /** TimerStore.dueOf: the timer this event fired, else the pending one, else the newest. */
  private dueOf(delayName: string, event: SimEvent): string | null {
    const candidates = [...this.timers.values()].filter((t) => t.delayName === delayName);
    candidates.sort(
      (a, b) =>
        Number(b.settledBy === event) - Number(a.settledBy === event) ||
        Number(b.status === 'pending') - Number(a.status === 'pending') ||
        b.dueAt.getTime() - a.dueAt.getTime(),
    );
    return candidates[0]?.dueAt.toISOString() ?? null;
  }

  // --- The case data around the events: cost-benefit and comments ------------------------------------

  /** An assessment as the reporter, the line manager, the process responsible and the owner fill it in; `complete` or only begun. */
  private assessment(complete: boolean): CostBenefitAssessment {
    const r = this.random;
    const hours = r.int(2, 40) * 50;
    const values = [
      { description: 'Spart tid i saksbehandlingen', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: hours * 650, yearlyHours: hours, firstYear: 1 },
      ...(r.chance(0.6) ? [{ description: 'Bedre kvalitet og færre feil for brukerne', nature: 'indirect', kind: 'quality', priced: false }] : []),
      ...(r.chance(0.2) ? [{ description: 'Andre enheter sparer tid på samme oppgave', nature: 'indirect', kind: 'gainsForOthers', priced: true, yearlyAmountNok: r.int(5, 60) * 10_000, firstYear: 2 }] : []),
    ];
    if (!complete) return COST_BENEFIT_ASSESSMENT.parse({ values: values.slice(0, 1), contributors: [{ name: this.seed.reporter.name, userId: this.seed.reporter.id, level: 'unit', unitId: this.seed.unit.id }] });
    const oneOff = r.int(2, 300) * 10_000;
    return COST_BENEFIT_ASSESSMENT.parse({
      values,
      costs: {
        oneOff: [{ description: 'Anskaffelse og innføring', amountNok: oneOff, year: 0 }],
        yearly: r.chance(0.7) ? [{ description: 'Lisens og drift', amountNok: r.int(1, 40) * 5_000, firstYear: 1 }] : [],
      },
      costShifts: r.chance(0.25) ? [{ unitId: this.seed.process.owningUnitId, description: 'Mer arbeid med oppfølging sentralt', yearlyHours: r.int(20, 400) }] : [],
      contributors: [
        { name: this.seed.reporter.name, userId: this.seed.reporter.id, level: 'unit', unitId: this.seed.unit.id },
        { name: 'Prosessansvarlig', level: 'central', unitId: this.seed.process.owningUnitId },
        ...(r.chance(0.5) ? [{ name: 'Fakultetsadministrasjonen', level: 'faculty' }] : []),
      ],
      horizonYears: r.int(3, 10),
      durationMonths: r.int(2, 24),
      needsResourcesOutsideUnit: r.chance(0.4),
    });
  }

  private comments(): SimComment[] {
    const r = this.random;
    const n = r.weighted([[0, 0.4], [1, 0.25], [2, 0.15], [3, 0.1], [4, 0.05], [6, 0.05]] as const);
    const start = this.seed.createdAt.getTime();
    const end = Math.min(this.events[this.events.length - 1]!.occurredAt.getTime() + 3 * 24 * HOUR, this.ctx.now.getTime() - 60_000);
    const comments: SimComment[] = [];
    if (end <= start) return comments;
    for (let i = 0; i < n; i += 1) {
      const at = new Date(start + (end - start) * r.next());
      const day = dayOf(at);
      const a = this.ctx.authority;
      const people = [this.seed.reporter.id, a.responsibleOf(this.seed.process.id, day), ...a.advisersOf(this.seed.process.id, day), a.nearestLineManager(this.seed.unit.path, day)].filter(
        (id): id is string => id !== null,
      );
      comments.push({ authorId: pick(r, people), body: pick(r, PHRASES.comment), createdAt: at });
    }
    return comments.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
  }
}
