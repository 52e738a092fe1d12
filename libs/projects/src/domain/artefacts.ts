import { z } from 'zod';
import { personDay, personText } from '#flyt/workflow-runtime/domain';
import { GATES, type Gate } from '#workflows/project/project.events';

/**
 * A project's artefacts as structured records, one per kind (docs/projects.md, "Artefacts"). The
 * schemas accept an artefact while it is being written: a gate's checklist (checklists.ts) says
 * what it still lacks, so a draft can be saved. What would make a record wrong rather than
 * unfinished (two chosen alternatives, a priced benefit without its value) is refused here.
 */

/** The kinds, as the table `project_artefact` knows them. */
export const ARTEFACT_KINDS = ['justification', 'governingDocument', 'milestones', 'riskRegister', 'steeringGroup', 'benefitPlan', 'handover', 'finalReport'] as const;
export type ArtefactKind = (typeof ARTEFACT_KINDS)[number];

export const ARTEFACT_NAMES: Readonly<Record<ArtefactKind, { nb: string; en: string }>> = {
  justification: { nb: 'Prosjektbegrunnelse', en: 'Project justification' },
  governingDocument: { nb: 'Styringsdokument', en: 'Governing document' },
  milestones: { nb: 'Milepæler', en: 'Milestones' },
  riskRegister: { nb: 'Risikoregister', en: 'Risk register' },
  steeringGroup: { nb: 'Styringsgruppe og brukergrupper', en: 'Steering group and user groups' },
  benefitPlan: { nb: 'Gevinstrealiseringsplan', en: 'Benefits-realisation plan' },
  handover: { nb: 'Overlevering til drift', en: 'Handover to operations' },
  finalReport: { nb: 'Sluttrapport', en: 'Final report' },
};

/**
 * The gate after which each kind is frozen (read only). The justification serves BP2, the
 * governing document BP3, the handover BP4 and the final report BP5: once their gate passes they
 * are the record the decision was taken on. Milestones, the risk register, the steering group and
 * the benefits-realisation plan are living documents, kept up to date through execution and
 * closure, so they freeze only at BP5; every gate decision still keeps a snapshot of all of them
 * as they stood (project_gate_decision.artefacts), so a later edit never rewrites a decision.
 */
export const ARTEFACT_GATE: Readonly<Record<ArtefactKind, Gate>> = {
  justification: 'BP2',
  governingDocument: 'BP3',
  milestones: 'BP5',
  riskRegister: 'BP5',
  steeringGroup: 'BP5',
  benefitPlan: 'BP5',
  handover: 'BP4',
  finalReport: 'BP5',
};

/** The kinds that are frozen once `gate` has passed (GO): those of that gate and of every gate before it. */
export function frozenAfter(gate: Gate): ArtefactKind[] {
  const passed = GATES.indexOf(gate);
  return ARTEFACT_KINDS.filter((kind) => GATES.indexOf(ARTEFACT_GATE[kind]) <= passed);
}

// A day that exists and that PostgreSQL takes: measurement dates end up in date columns.
const DATE = personDay();
// Refinements run even when a field failed: they compare only the dates the field takes.
const isDate = (d: unknown): d is string => DATE.safeParse(d).success;
const ID = (what: string) => z.uuid('must be a UUID').describe(what);
const USER = (what: string) => z.uuid('must be the id of a user').describe(what);
const NOK = z.number().min(0, 'must not be negative').max(1e11, 'at most 100 000 000 000');
const SHORT = personText({ max: 200 });
const TEXT = personText({ max: 20000 });
/** Text that may be left empty: "none" is a fair answer, or a checklist asks for it at its gate. */
const OPTIONAL_TEXT = personText({ max: 20000, min: 0 });

/** Ids that appear more than once. */
function repeated(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

// ── Justification (prosjektbegrunnelse), BP2 ──────────────────────────────────────────────────

export const ALTERNATIVE = z
  .strictObject({
    id: ID('The alternative, so the gate decision can refer to it'),
    name: SHORT.describe('A short name, such as "0: keep things as they are" or "Buy a case-handling system"'),
    description: TEXT.describe('What the alternative is'),
    benefit: TEXT.describe('What it gains, compared with the others: priced or in words'),
    costNok: NOK.describe('What it costs, in Norwegian kroner over the horizon of the assessment'),
    netPresentValueNok: z
      .number()
      .min(-1e11)
      .max(1e11)
      .nullable()
      .default(null)
      .describe('Its net present value in kroner, when it has been computed; null: not computed'),
    chosen: z.boolean().default(false).describe('Is this the alternative the project recommends? At most one is'),
  })
  .describe('An alternative way to reach the objectives, compared with the others on benefit and cost');
export type Alternative = z.infer<typeof ALTERNATIVE>;

export const JUSTIFICATION = z
  .strictObject({
    background: TEXT.describe('Why the project is needed: the problem and what has been done so far'),
    objectives: TEXT.describe('What the project shall achieve (effect and result goals)'),
    alternatives: z
      .array(ALTERNATIVE)
      .max(20, 'at most 20 alternatives')
      .default([])
      .describe('The alternatives compared on benefit and cost; BP2 needs at least two, one of them chosen'),
    recommendation: TEXT.describe('Which alternative is recommended, and why'),
  })
  .superRefine((doc, ctx) => {
    const chosen = doc.alternatives.filter((a) => a.chosen);
    if (chosen.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['alternatives'],
        message: `only one alternative can be chosen; ${chosen.map((a) => `"${a.name}"`).join(' and ')} are`,
      });
    }
    for (const id of repeated(doc.alternatives.map((a) => a.id))) {
      ctx.addIssue({ code: 'custom', path: ['alternatives'], message: `each alternative needs its own id; ${id} is used twice` });
    }
  })
  .describe('The project justification (prosjektbegrunnelse), checked at BP2');

// ── Governing document (styringsdokument), BP3 ────────────────────────────────────────────────

export const GOVERNING_DOCUMENT = z
  .strictObject({
    objectives: TEXT.describe('The effect and result goals the project is governed by'),
    scope: TEXT.describe('What the project delivers and changes'),
    outOfScope: OPTIONAL_TEXT.default('').describe('What the project does not do'),
    deliverables: TEXT.describe('The products the project hands over'),
    organisation: TEXT.describe('Project owner, project manager, steering group, team, and who decides what'),
    budgetNok: NOK.describe('The budget in Norwegian kroner'),
    qualityAssurance: TEXT.describe('How the deliverables are checked and accepted'),
    plan: TEXT.describe('The project plan in words: phases, main activities and their order'),
    dependencies: OPTIONAL_TEXT.default('').describe('Other projects, systems or decisions the project depends on'),
  })
  .describe('The governing document (styringsdokument), checked at BP3');

// ── Milestones ─────────────────────────────────────────────────────────────────────────────────

export const MILESTONE = z
  .strictObject({
    id: ID('The milestone'),
    name: SHORT.describe('What is reached, such as "Pilot at two faculties"'),
    dueOn: DATE.describe('When it is planned, YYYY-MM-DD'),
    gate: z
      .enum(GATES)
      .nullable()
      .default(null)
      .describe('The decision point this milestone is the date of (BP2–BP5); null for an ordinary milestone'),
    done: z.boolean().default(false).describe('Has it been reached?'),
  })
  .describe('A milestone of the project plan');
export type Milestone = z.infer<typeof MILESTONE>;

export const MILESTONES = z
  .array(MILESTONE)
  .max(200, 'at most 200 milestones')
  .superRefine((milestones, ctx) => {
    for (const id of repeated(milestones.map((m) => m.id))) {
      ctx.addIssue({ code: 'custom', path: [], message: `each milestone needs its own id; ${id} is used twice` });
    }
    for (const gate of repeated(milestones.flatMap((m) => (m.gate ? [m.gate] : [])))) {
      ctx.addIssue({ code: 'custom', path: [], message: `a gate has one date; ${gate} is given twice` });
    }
    // The gates follow each other: a later gate planned before an earlier one is a slip of the pen.
    const dated = GATES.flatMap((gate) => milestones.filter((m) => m.gate === gate));
    for (let i = 1; i < dated.length; i++) {
      const before = dated[i - 1]!;
      const after = dated[i]!;
      if (isDate(after.dueOn) && isDate(before.dueOn) && after.dueOn < before.dueOn) {
        ctx.addIssue({ code: 'custom', path: [], message: `${after.gate} (${after.dueOn}) cannot be planned before ${before.gate} (${before.dueOn})` });
      }
    }
  })
  .describe('The milestones of the project plan, with the dates of the gates ahead');

/** The planned date of a gate from the milestones (the one milestone that names it), or null. */
export function gatePlannedOn(milestones: readonly Milestone[] | undefined, gate: Gate): string | null {
  return milestones?.find((m) => m.gate === gate)?.dueOn ?? null;
}

// ── Risk register ──────────────────────────────────────────────────────────────────────────────

const LEVEL = (what: string) =>
  z
    .int('a whole number from 1 to 5')
    .min(1, 'from 1 (very low) to 5 (very high)')
    .max(5, 'from 1 (very low) to 5 (very high)')
    .describe(`${what}, from 1 (very low) to 5 (very high)`);

export const RISK = z
  .strictObject({
    id: ID('The risk'),
    risk: TEXT.describe('What may happen, and what it would do to the project'),
    probability: LEVEL('How likely it is'),
    consequence: LEVEL('How bad it would be'),
    mitigation: OPTIONAL_TEXT.default('').describe('What is done to make it less likely or less harmful; BP3 needs at least one risk with one'),
    ownerId: z.uuid('must be the id of a user').nullable().default(null).describe('The user who follows the risk up; null: nobody yet'),
  })
  .describe('A risk; its score (probability × consequence) is computed, not stored');
export type Risk = z.infer<typeof RISK>;

export const RISK_REGISTER = z
  .array(RISK)
  .max(200, 'at most 200 risks')
  .superRefine((risks, ctx) => {
    for (const id of repeated(risks.map((r) => r.id))) {
      ctx.addIssue({ code: 'custom', path: [], message: `each risk needs its own id; ${id} is used twice` });
    }
  })
  .describe('The risk register (risikovurdering), checked at BP3');

/** The risk's score, 1–25: probability × consequence. */
export const riskScore = (risk: Pick<Risk, 'probability' | 'consequence'>): number => risk.probability * risk.consequence;

// ── Steering group ─────────────────────────────────────────────────────────────────────────────

export const STEERING_GROUP_ROLES = ['chair', 'member', 'userRepresentative'] as const;
export type SteeringGroupRole = (typeof STEERING_GROUP_ROLES)[number];

export const STEERING_GROUP = z
  .strictObject({
    members: z
      .array(
        z.strictObject({
          userId: USER('The member'),
          role: z.enum(STEERING_GROUP_ROLES).describe('chair (usually the project owner), member, or userRepresentative (speaks for the users)'),
          name: SHORT.optional().describe('How the member is named in the group, if not by their user name (such as "student representative")'),
        }),
      )
      .max(50, 'at most 50 members')
      .default([])
      .describe('The steering group; BP3 needs a user representative in it'),
    userGroups: z
      .array(
        z.strictObject({
          name: SHORT.describe('The group of users, such as "student advisers at the faculties"'),
          description: OPTIONAL_TEXT.default('').describe('How the project involves them'),
          contactUserId: z.uuid('must be the id of a user').nullable().default(null).describe('A contact person among them; null: none named'),
        }),
      )
      .max(50, 'at most 50 user groups')
      .default([])
      .describe('The users the project changes things for'),
  })
  .superRefine((group, ctx) => {
    for (const id of repeated(group.members.map((m) => m.userId))) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: `a person is in the steering group once; ${id} is named twice: give them their main role` });
    }
    if (group.members.filter((m) => m.role === 'chair').length > 1) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'the steering group has one chair' });
    }
  })
  .describe('The steering group, including users, checked at BP3');

// ── Benefits-realisation plan (gevinstrealiseringsplan) ────────────────────────────────────────

export const BENEFIT_KINDS = ['efficiency', 'quality', 'gainsForOthers'] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];
export const BENEFIT_KIND_NAMES: Readonly<Record<BenefitKind, { nb: string; en: string }>> = {
  efficiency: { nb: 'Effektivisering', en: 'Efficiency' },
  quality: { nb: 'Kvalitet', en: 'Quality' },
  gainsForOthers: { nb: 'Gevinster for andre', en: 'Gains for others' },
};

const INDICATOR_VALUE = z.number().min(-1e12).max(1e12);

export const BENEFIT = z
  .strictObject({
    id: ID('The benefit; measurements refer to it'),
    title: SHORT.describe('The benefit, such as "Less time spent registering exam results"'),
    kind: z.enum(BENEFIT_KINDS).describe('efficiency, quality, or gainsForOthers (gains that fall to other units or to society)'),
    priced: z.boolean().describe('Is the benefit given a value in kroner?'),
    yearlyValueNok: NOK.nullable().default(null).describe('Its value per year in kroner when priced; null when not'),
    responsibleManagerId: USER('The line manager accountable for realising it (gevinstansvarlig)'),
    benefitOwnerIds: z
      .array(z.uuid('must be the id of a user'))
      .min(1, 'name at least one benefit owner, who reports the measurements')
      .max(20)
      .describe('The benefit owners (gevinsteiere) who report its measurements'),
    indicator: SHORT.describe('What is measured, such as "time spent on registration"'),
    unit: personText({ max: 100 }).describe("The indicator's unit, such as 'hours per month'"),
    baseline: INDICATOR_VALUE.describe('The value before the change (nullpunktsmåling), in the unit'),
    baselineMeasuredOn: DATE.nullable()
      .default(null)
      .describe('When the baseline was measured; null: estimated, not measured yet (BP3 needs it measured)'),
    target: INDICATOR_VALUE.describe('The value to reach, in the unit; above the baseline for a rise, below it for a fall'),
    measurementMethod: TEXT.describe('How and from which source it is measured'),
    measurementDates: z
      .array(DATE)
      .min(1, 'give at least one measurement date')
      .max(100)
      .describe('When it is measured (YYYY-MM-DD); the benefit owners are reminded on these days'),
  })
  .superRefine((benefit, ctx) => {
    if (benefit.priced && benefit.yearlyValueNok === null) {
      ctx.addIssue({ code: 'custom', path: ['yearlyValueNok'], message: 'a priced benefit needs its value per year in kroner' });
    }
    if (!benefit.priced && benefit.yearlyValueNok !== null) {
      ctx.addIssue({ code: 'custom', path: ['yearlyValueNok'], message: 'an unpriced benefit has no value in kroner; set priced to true' });
    }
    if (benefit.target === benefit.baseline) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'the target must differ from the baseline, or there is nothing to realise' });
    }
    for (const id of repeated(benefit.benefitOwnerIds)) {
      ctx.addIssue({ code: 'custom', path: ['benefitOwnerIds'], message: `each benefit owner once; ${id} is named twice` });
    }
    for (const date of repeated(benefit.measurementDates)) {
      ctx.addIssue({ code: 'custom', path: ['measurementDates'], message: `each measurement date once; ${date} is given twice` });
    }
    const measuredOn = benefit.baselineMeasuredOn;
    const early = isDate(measuredOn) ? benefit.measurementDates.filter((d) => isDate(d) && d < measuredOn) : [];
    if (early.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['measurementDates'], message: `a measurement date cannot come before the baseline was measured (${measuredOn}): ${early.join(', ')}` });
    }
  })
  .describe('A benefit of the plan: who answers for it, what is measured, from where to where, and when');
export type Benefit = z.infer<typeof BENEFIT>;

export const BENEFIT_PLAN = z
  .strictObject({
    benefits: z.array(BENEFIT).max(100, 'at most 100 benefits').default([]).describe('The benefits; BP3 needs at least one'),
  })
  .superRefine((plan, ctx) => {
    for (const id of repeated(plan.benefits.map((b) => b.id))) {
      ctx.addIssue({ code: 'custom', path: ['benefits'], message: `each benefit needs its own id; ${id} is used twice` });
    }
  })
  .describe('The benefits-realisation plan (gevinstrealiseringsplan): made in planning, updated at every gate, followed up after closure');

// ── Handover to operations, BP4 ────────────────────────────────────────────────────────────────

export const HANDOVER = z
  .strictObject({
    deliverablesAccepted: z.boolean().default(false).describe('Have the deliverables been accepted?'),
    acceptedBy: OPTIONAL_TEXT.default('').describe('Who accepted them, and when: a person or the steering group'),
    operationsOwner: z.uuid('must be the id of a user').nullable().default(null).describe('The user who owns the result in operations (systemeier/forvaltning); null: not named yet'),
    handoverDate: DATE.nullable().default(null).describe('When operations takes over; null: not agreed yet'),
    closingRecommendation: OPTIONAL_TEXT.default('').describe("The project's recommendation for closure: close, or what is left"),
    openIssues: OPTIONAL_TEXT.default('').describe('What operations takes over unfinished'),
  })
  .superRefine((handover, ctx) => {
    if (handover.deliverablesAccepted && handover.acceptedBy === '') {
      ctx.addIssue({ code: 'custom', path: ['acceptedBy'], message: 'say who accepted the deliverables' });
    }
  })
  .describe('The handover to operations (overlevering til drift), checked at BP4');

// ── Final report (sluttrapport), BP5 ───────────────────────────────────────────────────────────

export const FINAL_REPORT = z
  .strictObject({
    summary: TEXT.describe('What the project did and delivered'),
    goalsAchieved: TEXT.describe('The effect and result goals, and how far each was reached'),
    benefitsSoFar: OPTIONAL_TEXT.default('').describe('The benefits measured so far; BP5 needs them described'),
    costOutcomeNok: NOK.describe('What the project cost, in Norwegian kroner'),
    lessonsLearned: TEXT.describe('What the next project should know'),
  })
  .describe('The final report (sluttrapport), checked at BP5');

// ── All kinds ──────────────────────────────────────────────────────────────────────────────────

export const ARTEFACT_SCHEMAS = {
  justification: JUSTIFICATION,
  governingDocument: GOVERNING_DOCUMENT,
  milestones: MILESTONES,
  riskRegister: RISK_REGISTER,
  steeringGroup: STEERING_GROUP,
  benefitPlan: BENEFIT_PLAN,
  handover: HANDOVER,
  finalReport: FINAL_REPORT,
} as const satisfies Record<ArtefactKind, z.ZodType>;

/** An artefact's content as stored (defaults filled in). */
export type ArtefactContent<K extends ArtefactKind> = z.infer<(typeof ARTEFACT_SCHEMAS)[K]>;
/** An artefact's content as a client may send it (fields with a default may be left out). */
export type ArtefactInput<K extends ArtefactKind> = z.input<(typeof ARTEFACT_SCHEMAS)[K]>;
/** Every kind's content; a project holds some of them (`Partial<ArtefactContents>`). */
export type ArtefactContents = { [K in ArtefactKind]: ArtefactContent<K> };

export type Justification = ArtefactContent<'justification'>;
export type GoverningDocument = ArtefactContent<'governingDocument'>;
export type SteeringGroup = ArtefactContent<'steeringGroup'>;
export type BenefitPlan = ArtefactContent<'benefitPlan'>;
export type Handover = ArtefactContent<'handover'>;
export type FinalReport = ArtefactContent<'finalReport'>;

export function isArtefactKind(value: string): value is ArtefactKind {
  return (ARTEFACT_KINDS as readonly string[]).includes(value);
}

/** The fields of the artefacts that hold a user's id (one id, or a list of them). */
const USER_FIELDS = new Set(['userId', 'ownerId', 'contactUserId', 'responsibleManagerId', 'benefitOwnerIds', 'operationsOwner']);

/**
 * Every user an artefact's content names, with the field that names them (`members[0].userId`),
 * so a service can check that each is a user who works here. Reads any content, valid or not.
 */
export function usersNamedIn(content: unknown): { userId: string; field: string }[] {
  const named: { userId: string; field: string }[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const field = path === '' ? key : `${path}.${key}`;
        if (USER_FIELDS.has(key) && typeof item === 'string') named.push({ userId: item, field });
        else if (USER_FIELDS.has(key) && Array.isArray(item)) item.forEach((id, i) => typeof id === 'string' && named.push({ userId: id, field: `${field}[${i}]` }));
        else walk(item, field);
      }
    }
  };
  walk(content, '');
  return named;
}

/** A field of an artefact and why it was refused. */
export interface ArtefactProblem {
  field: string;
  reason: string;
}

/**
 * Checks content against its kind's schema. `problems` name fields the way the API does
 * (`alternatives[1].costNok`), for InputInvalid.
 */
export function parseArtefact<K extends ArtefactKind>(kind: K, content: unknown): { ok: true; content: ArtefactContent<K> } | { ok: false; problems: ArtefactProblem[] } {
  const result = (ARTEFACT_SCHEMAS[kind] as unknown as z.ZodType<ArtefactContent<K>>).safeParse(content);
  if (result.success) return { ok: true, content: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      field:
        issue.path.length === 0
          ? 'content'
          : issue.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join(''),
      reason: issue.message,
    })),
  };
}
