import { z } from 'zod';
import { HISTORY_ENTRY } from '#flyt/cases';
import { PAGE_QUERY, pageOf } from '#flyt/http';
import { GATES } from '#workflows/project/project.events';
import { PHASES } from '#workflows/project/project.machine';
import { ARTEFACT_GATE, ARTEFACT_KINDS, ARTEFACT_SCHEMAS } from './domain/index.js';

const LABEL = z.object({ nb: z.string(), en: z.string() });
const ALLOWED_EVENT = z.object({ type: z.string(), payloadSchema: z.record(z.string(), z.unknown()) });
const BLOCKED_EVENT = z.object({ type: z.string(), reason: z.string().describe('What is missing, in words') });
const PHASE_FILTER = [...PHASES, 'mandate', 'closed', 'stopped'] as const;

export const LIST_PROJECTS = PAGE_QUERY.extend({
  phase: z
    .union([z.enum(PHASE_FILTER), z.array(z.enum(PHASE_FILTER))])
    .optional()
    .transform((p) => (p === undefined ? undefined : Array.isArray(p) ? p : [p]))
    .describe('concept, planning, execution or closure; mandate (awaiting its team), closed or stopped. Repeat for several'),
  processId: z.uuid('must be a UUID').optional(),
});
export type ListProjectsQuery = z.infer<typeof LIST_PROJECTS>;

export const SEND_PROJECT_EVENT = z
  .strictObject({
    type: z.string().trim().min(1).max(100).describe('The event, e.g. SUBMIT_FOR_GATE; see allowedEvents of the project'),
    payload: z.unknown().optional().describe("Checked against the event's payload schema"),
    expectedRevision: z.number().int().min(0).optional().describe('Refused with 409 when the project has moved on'),
    idempotencyKey: z.string().trim().min(1).max(200).optional().describe('A repeated key is applied once'),
  })
  .meta({ id: 'SendProjectEvent' });
export type SendProjectEventBody = z.infer<typeof SEND_PROJECT_EVENT>;

export const ARTEFACT_PARAMS = z.object({
  id: z.uuid('must be a UUID'),
  kind: z.enum(ARTEFACT_KINDS, { error: `must be one of ${ARTEFACT_KINDS.join(', ')}` }),
});

export const PUT_ARTEFACT = z
  .strictObject({
    content: z.unknown().describe('The artefact, in the schema of its kind (see the project model in docs/projects.md)'),
    expectedVersion: z.number().int().min(0).optional().describe('The version you edited (0: none yet); refused with 409 when someone saved since'),
  })
  .meta({ id: 'PutProjectArtefact' });
export type PutArtefactBody = z.infer<typeof PUT_ARTEFACT>;

/**
 * Each kind of artefact with the JSON schema its content is written in (as a client sends it:
 * fields with a default may be left out) and the gate whose GO freezes it, so a client builds the
 * forms that write them from the schemas rather than repeating them.
 */
export const ARTEFACT_FORMS = ARTEFACT_KINDS.map((kind) => {
  const { $schema: _drop, ...schema } = z.toJSONSchema(ARTEFACT_SCHEMAS[kind], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { kind, freezesAt: ARTEFACT_GATE[kind], schema };
});
const ARTEFACT_FORM = z.object({
  kind: z.enum(ARTEFACT_KINDS),
  freezesAt: z.enum(GATES).describe('The gate whose GO freezes it'),
  schema: z.record(z.string(), z.unknown()).describe('The JSON schema of its content'),
});

const FIGURES = z.record(z.string(), z.unknown()).nullable().describe('Net present value, payback and yearly cash flows; null while the horizon is not stated');
const COST_SHIFT = z.object({
  unitId: z.uuid(),
  unitName: z.string().nullable(),
  description: z.string(),
  yearlyCostNok: z.number().nullable(),
  yearlyHours: z.number().nullable(),
});

export const PROJECT_SUMMARY = z
  .object({
    id: z.uuid(),
    reference: z.string().describe('PROSJEKT-<number>'),
    title: z.string(),
    case: z.object({ id: z.uuid(), reference: z.string() }),
    process: z.object({ id: z.uuid(), name: z.string() }),
    state: z.string(),
    stateLabel: LABEL,
    phase: z.enum(PHASES).nullable().describe('null before the team is appointed and after the project ended'),
    onHold: z.boolean(),
    gateAhead: z.enum(['BP2', 'BP3', 'BP4', 'BP5']).nullable(),
    plannedGateOn: z.string().nullable(),
    projectOwnerId: z.uuid().nullable(),
    projectManagerId: z.uuid().nullable(),
    endedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ProjectSummary' });
export const PROJECT_PAGE = pageOf(PROJECT_SUMMARY, 'ProjectPage');

export const PROJECT = PROJECT_SUMMARY.extend({
  status: z.string(),
  revision: z.number().int(),
  large: z.boolean().describe('Crosses a threshold: the programme council decides its gates, with the rector’s approval'),
  thresholdsCrossed: z.array(z.string()),
  members: z.array(z.object({ userId: z.uuid(), name: z.string(), role: z.string() })),
  checklist: z
    .object({ gate: z.string(), items: z.array(z.object({ item: z.string(), label: LABEL, done: z.boolean() })) })
    .nullable()
    .describe('The checklist of the gate ahead'),
  artefacts: z.array(
    z.object({
      kind: z.enum(ARTEFACT_KINDS),
      content: z.unknown(),
      version: z.number().int(),
      updatedBy: z.uuid(),
      updatedAt: z.iso.datetime(),
      frozenAtGate: z.string().nullable().describe('The gate whose decision froze it'),
      frozenAt: z.iso.datetime().nullable(),
      editable: z.boolean().describe('You may change it now'),
    }),
  ),
  figures: z.object({ figures: FIGURES, costShifts: z.array(COST_SHIFT) }).passthrough().describe('Recomputed from the case’s current estimates'),
  gateDecisions: z.array(
    z.object({
      id: z.uuid(),
      gate: z.string(),
      decision: z.enum(['GO', 'RECYCLE', 'HOLD', 'STOP']),
      reason: z.string(),
      decidedBy: z.uuid().nullable(),
      decidedAs: z.string().describe('processOwner, or council for a large project'),
      approvedBy: z.uuid().nullable().describe('The rector, for a large project'),
      decidedAt: z.iso.datetime(),
      figures: FIGURES.describe('The figures the decision was taken on; later changes never rewrite them'),
      costShifts: z.array(z.unknown()),
      artefacts: z.record(z.string(), z.unknown()).describe('Every artefact as it stood'),
    }),
  ),
  statusReports: z.array(
    z.object({
      id: z.uuid(),
      status: z.enum(['onTrack', 'atRisk', 'offTrack']),
      summary: z.string(),
      nextSteps: z.string().nullable(),
      issues: z.string().nullable(),
      submittedBy: z.uuid().nullable(),
      submittedAt: z.iso.datetime(),
    }),
  ),
  pendingDecision: z.record(z.string(), z.unknown()).nullable().describe('The council’s decision waiting for the rector'),
  hold: z.record(z.string(), z.unknown()).nullable(),
  stop: z.record(z.string(), z.unknown()).nullable(),
  followUp: z.object({ id: z.uuid(), state: z.string() }).nullable().describe('The benefits follow-up, once the project passed BP5'),
  artefactForms: z.array(ARTEFACT_FORM).describe('Every kind of artefact with the schema of its content, for the forms that write them'),
  myRoles: z.array(z.string()),
  allowedEvents: z.array(ALLOWED_EVENT),
  blockedEvents: z.array(BLOCKED_EVENT),
}).meta({ id: 'Project' });

export const FOLLOWUP = z
  .object({
    id: z.uuid(),
    project: z.object({ id: z.uuid(), reference: z.string(), title: z.string() }),
    case: z.object({ id: z.uuid(), reference: z.string() }),
    state: z.string(),
    stateLabel: LABEL,
    status: z.string(),
    revision: z.number().int(),
    current: z.number().int().describe('The index of the measurement date due next'),
    points: z.array(z.object({ index: z.number().int(), dueOn: z.string(), benefitIds: z.array(z.uuid()), current: z.boolean() })),
    benefits: z.array(z.record(z.string(), z.unknown())).describe('The benefits-realisation plan as frozen at BP5'),
    measurements: z.array(
      z.object({
        id: z.uuid(),
        benefitId: z.uuid(),
        pointIndex: z.number().int(),
        dueOn: z.string(),
        value: z.number(),
        measuredOn: z.string(),
        comment: z.string().nullable(),
        evidenceUrl: z.string().nullable(),
        deviationExplanation: z.string().nullable(),
        meetsTarget: z.boolean(),
        recordedBy: z.uuid().nullable(),
        recordedAt: z.iso.datetime(),
      }),
    ),
    conclusion: z.record(z.string(), z.unknown()).nullable().describe('BP6: realised, partly realised or not realised, with the summary and further actions'),
    myRoles: z.array(z.string()),
    allowedEvents: z.array(ALLOWED_EVENT),
  })
  .meta({ id: 'BenefitsFollowup' });

export const INSTANCE_HISTORY = z.object({ items: z.array(HISTORY_ENTRY) }).meta({ id: 'ProjectHistory' });
