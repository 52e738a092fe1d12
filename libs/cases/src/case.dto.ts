import { z } from 'zod';
import { PAGE_QUERY, QUERY_FLAG, pageOf } from '#flyt/http';
import { INSTANCE_LINK, personText } from '#flyt/workflow-runtime';
import { CASE_STATE_LABELS } from '#workflows/improvement-case/improvement-case.machine';
import { CREATE_CASE_FIELDS, EDITABLE_CASE_FIELDS, ESTIMATED_SIZES } from './domain/case-data.js';
import { COST_BENEFIT_ASSESSMENT } from './domain/cost-benefit.js';
import { CASE_WARNING_CODES } from './domain/event-checks.js';

const STATE_PATHS = Object.keys(CASE_STATE_LABELS) as [string, ...string[]];

const LABEL = z.object({ nb: z.string(), en: z.string() });
const REF = z.object({ id: z.uuid(), code: z.string(), nameNb: z.string() });
const PERSON_REF = z.object({ id: z.uuid(), name: z.string() });

export const CREATE_CASE = CREATE_CASE_FIELDS.meta({ id: 'CreateCase' });
export type CreateCaseBody = z.infer<typeof CREATE_CASE>;

export const COST_BENEFIT = COST_BENEFIT_ASSESSMENT.meta({ id: 'CostBenefitAssessment' });

export const UPDATE_CASE = EDITABLE_CASE_FIELDS.extend({
  costBenefit: COST_BENEFIT.nullable().optional().describe('The whole assessment, replacing the one stored; null removes it'),
})
  .refine((body) => Object.keys(body).length > 0, 'nothing to change')
  .meta({ id: 'UpdateCase' });
export type UpdateCaseBody = z.infer<typeof UPDATE_CASE>;

const CASH_FLOW = z.object({ year: z.number().int(), benefitsNok: z.number(), costsNok: z.number(), netNok: z.number() });

export const COST_BENEFIT_FIGURES = z
  .object({
    discountRate: z.number().describe('Real discount rate used'),
    horizonYears: z.number().int(),
    cashFlows: z.array(CASH_FLOW).describe('Year 0 holds the one-off costs due before values start'),
    presentValueBenefitsNok: z.number(),
    presentValueCostsNok: z.number(),
    netPresentValueNok: z.number(),
    paybackYears: z.number().nullable().describe('Years until the undiscounted cumulative net flow stays ≥ 0; null: not within the horizon'),
    unpricedValues: z.number().int().describe('Values described but not priced'),
  })
  .meta({ id: 'CostBenefitFigures' });

export const ALLOWED_EVENT = z
  .object({
    type: z.string().describe('Event name, e.g. SUBMIT'),
    payloadSchema: z.record(z.string(), z.unknown()).describe('JSON schema of the payload'),
  })
  .meta({ id: 'AllowedEvent' });

export const BLOCKED_EVENT = z
  .object({
    type: z.string().describe('An event your roles allow, which the case’s data does not allow yet'),
    reason: z.string().describe('What is missing, in words'),
  })
  .meta({ id: 'BlockedEvent' });

export const CASE_SUMMARY = z
  .object({
    id: z.uuid(),
    reference: z.string().describe('FLYT-<year>-<number>'),
    title: z.string(),
    process: REF,
    reportingUnit: REF,
    reporter: PERSON_REF,
    state: z.string().describe('Dotted state path, e.g. localImprovement.plan'),
    stateLabel: LABEL,
    estimatedSize: z.enum(ESTIMATED_SIZES).nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummaryView = z.infer<typeof CASE_SUMMARY>;

export const CASE = CASE_SUMMARY.extend({
  description: z.string(),
  problem: z.string(),
  significantItComponent: z.boolean().nullable(),
  expectedBenefits: z.string(),
  strategicGoals: z.array(z.number().int()),
  duplicateOf: z.array(z.uuid()).describe('Cases this one duplicates'),
  status: z.enum(['active', 'done']),
  revision: z.number().int().describe('Send it back as expectedRevision to guard against concurrent changes'),
  workflow: z.object({ id: z.string(), version: z.number().int() }),
  heldSince: z.iso.datetime().nullable().describe('Set while the case is on hold: its deadlines are stopped'),
  costBenefit: COST_BENEFIT.nullable(),
  costBenefitFigures: COST_BENEFIT_FIGURES.nullable().describe('Net present value and payback, once a horizon is stated'),
  costBenefitMissing: z.array(z.string()).describe('What the assessment still lacks before the case can go to the programme'),
  myRoles: z.array(z.string()).describe("The caller's roles for this case now"),
  allowedEvents: z.array(ALLOWED_EVENT).describe('The events the caller may send now'),
  blockedEvents: z.array(BLOCKED_EVENT).describe('Events the caller’s roles allow but the case’s data does not yet, each with what is missing'),
  linkedInstances: z.array(INSTANCE_LINK).describe('Workflows linked to the case: the one that started it, those it started, and those it exchanged events with'),
}).meta({ id: 'Case' });
export type CaseView = z.infer<typeof CASE>;

export const CASE_WARNING = z
  .object({
    code: z.enum(CASE_WARNING_CODES).describe('out_of_scope_no_it_component: the case was escalated though it is assessed as needing no significant IT component'),
    message: z.string().describe('What to know, in words'),
  })
  .meta({ id: 'CaseWarning' });

/** The answer to an event: the case after it, and what Flyt warns of though it applied the event. */
export const CASE_EVENT_ANSWER = CASE.extend({
  warnings: z
    .array(CASE_WARNING)
    .describe(
      'What Flyt warns of beside the event it applied; empty when nothing. An ESCALATE of a case assessed as needing no significant IT component ' +
        '(outside the policy’s scope) warns so, and the process owner is told the same.',
    ),
}).meta({ id: 'CaseEventAnswer' });
export type CaseEventAnswerView = z.infer<typeof CASE_EVENT_ANSWER>;

export const CASE_LIST_ITEM = CASE_SUMMARY.extend({
  nextDeadline: z.iso.datetime().nullable().describe('The earliest pending deadline of the case, whoever it waits for'),
  overdue: z.boolean().describe('A deadline of the state the case is in passed without the awaited decision'),
}).meta({ id: 'CaseListItem' });
export type CaseListItemView = z.infer<typeof CASE_LIST_ITEM>;
export const CASE_PAGE = pageOf(CASE_LIST_ITEM, 'CasePage');

const STATE_NAMES = `one of ${STATE_PATHS.join(', ')}`;
const STATE = z.enum(STATE_PATHS, { error: () => STATE_NAMES });
const STATE_LIST = z
  .union([STATE, z.array(STATE)], { error: () => STATE_NAMES })
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .describe('One or more states (repeat the parameter); a compound state matches its sub-states');

export const LIST_CASES = PAGE_QUERY.extend({
  state: STATE_LIST.optional(),
  processId: z.uuid().optional(),
  unitId: z.uuid().optional().describe('Cases reported in this unit or a unit below it'),
  assignedToMe: QUERY_FLAG.optional().describe('Only the cases in my inbox: waiting for a decision of mine, or escalated to me by a deadline'),
  q: z.string().trim().min(1).max(200).optional().describe('Full-text search (Norwegian) in title, problem, description and benefits, or a reference'),
  sort: z.enum(['createdAt', 'updatedAt', 'title', 'reference']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListCasesQuery = z.infer<typeof LIST_CASES>;

export const SEND_EVENT = z
  .strictObject({
    type: z.string().trim().min(1).max(100).describe('The event, e.g. SUBMIT; see allowedEvents of the case'),
    payload: z.unknown().optional().describe("Checked against the event's payload schema"),
    expectedRevision: z.number().int().min(0).optional().describe('Refused with 409 when the case has moved on'),
    idempotencyKey: z.string().trim().min(1).max(200).optional().describe('A repeated key is applied once'),
  })
  .meta({ id: 'SendCaseEvent' });
export type SendEventBody = z.infer<typeof SEND_EVENT>;

export const HISTORY_ENTRY = z
  .object({
    revision: z.number().int(),
    type: z
      .string()
      .describe(
        'CREATED for the start, DEADLINE_MOVED for a deadline moved by the person in charge, HELD / RESUMED when the case was put on hold or resumed, MIGRATED when it moved to a new version of its workflow, else the event (xstate.after.<delay>… for a deadline that passed)',
      ),
    payload: z.unknown(),
    actor: PERSON_REF.nullable().describe('null: the system (a deadline, another workflow)'),
    actorRoles: z.array(z.string()),
    authority: z.object({ role: z.string(), basis: z.string() }).nullable().describe('The role that allowed it, and how it was held'),
    from: z.string().nullable(),
    to: z.string(),
    toLabel: LABEL,
    occurredAt: z.iso.datetime(),
    receivedFrom: z.object({ instanceId: z.uuid(), workflowId: z.string() }).nullable().describe('The workflow instance that sent this event, if one did'),
    messagesSent: z
      .array(
        z.object({
          kind: z.enum(['start', 'event']),
          type: z.string(),
          toInstanceId: z.uuid(),
          toWorkflowId: z.string(),
          deliveredAt: z.iso.datetime().nullable().describe('null while on its way'),
        }),
      )
      .describe('Workflows this event started, or sent an event to'),
  })
  .meta({ id: 'CaseHistoryEntry' });
export const CASE_HISTORY = z.object({ items: z.array(HISTORY_ENTRY) }).meta({ id: 'CaseHistory' });
export type HistoryEntryView = z.infer<typeof HISTORY_ENTRY>;

export const COMMENT = z
  .object({ id: z.uuid(), author: PERSON_REF, body: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'CaseComment' });
export type CommentView = z.infer<typeof COMMENT>;
export const COMMENT_LIST = z.object({ items: z.array(COMMENT) }).meta({ id: 'CaseCommentList' });
export const CREATE_COMMENT = z
  .strictObject({ body: personText({ max: 10000 }) })
  .meta({ id: 'CreateCaseComment' });

export const INBOX_ITEM = z
  .object({
    case: CASE_SUMMARY,
    revision: z.number().int(),
    myRoles: z.array(z.string()).describe("The caller's roles in the case, e.g. processResponsible: why it is in the inbox"),
    allowedEvents: z
      .array(z.string())
      .describe('The decisions the caller may take now; empty when the case is here because a deadline was escalated to the caller'),
    deadlines: z.array(z.object({ delayName: z.string(), dueAt: z.iso.datetime() })).describe('Pending deadlines, earliest first'),
    nextDeadline: z.iso.datetime().nullable(),
    passedDeadlines: z
      .array(
        z.object({
          delayName: z.string(),
          dueAt: z.iso.datetime(),
          firedAt: z.iso.datetime().describe('When the reminder or escalation was sent'),
          notifiedMe: z.boolean().describe('Whether it was sent to the caller'),
        }),
      )
      .describe('Deadlines of the current state that passed without the awaited decision: the reminders and escalations sent, oldest first'),
  })
  .meta({ id: 'InboxItem' });
export type InboxItemView = z.infer<typeof INBOX_ITEM>;
export const OTHER_WORK_ITEM = z
  .object({
    workflowId: z.string().describe('e.g. priority-round'),
    instanceId: z.uuid(),
    reference: z.string(),
    title: z.string(),
    state: z.string(),
    stateLabel: LABEL,
    task: LABEL.describe('What waits for you there'),
    dueAt: z.iso.datetime().nullable(),
    path: z.string().describe('The page of the web app where people open it, e.g. /rounds/<id>/ballot'),
  })
  .meta({ id: 'OtherWorkItem' });

export const INBOX = z
  .object({
    items: z.array(INBOX_ITEM),
    otherWork: z.array(OTHER_WORK_ITEM).describe('What waits for you outside cases: ballots to fill in, a recommendation to approve, a priority round to set up or recommend'),
    total: z.number().int().describe('Every case in the inbox'),
    limit: z.number().int(),
    offset: z.number().int(),
    counts: z
      .object({
        decisions: z.number().int().describe('Cases waiting for a decision of yours'),
        alerts: z.number().int().describe('Cases a deadline told you about, where the decision is not yours'),
        overdue: z.number().int().describe('Cases with a deadline of their current state passed'),
      })
      .describe('Of the whole inbox, not only this page'),
  })
  .meta({ id: 'Inbox' });
/** The cases' part of the inbox; the controller adds `otherWork`. */
export type InboxPage = Omit<z.infer<typeof INBOX>, 'otherWork'>;
export const INBOX_QUERY = PAGE_QUERY;

