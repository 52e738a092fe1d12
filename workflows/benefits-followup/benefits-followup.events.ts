import { z } from 'zod';
import { personDay, personText, type WorkflowEvent } from '#flyt/workflow-runtime/domain';

/**
 * The roles the benefits follow-up guards check; libs/projects computes which of them a caller
 * holds for one follow-up, now (docs/projects.md, "Benefits follow-up").
 */
export const FOLLOWUP_ROLES = [
  /** A reporting benefit owner (gevinsteier) named in the benefits-realisation plan: records measurements. */
  'benefitOwner',
  /** A responsible line manager (gevinstansvarlig) of a benefit in the plan: may record too, and is told when a measurement is overdue. */
  'responsibleManager',
  /** The process owner of the case's process: concludes the benefits work (BP6). */
  'processOwner',
  /** Deadlines. */
  'system',
] as const;
export type FollowupRole = (typeof FOLLOWUP_ROLES)[number];

export const FOLLOWUP_ROLE_NAMES: Readonly<Record<FollowupRole, { nb: string; en: string }>> = {
  benefitOwner: { nb: 'en gevinsteier i gevinstrealiseringsplanen', en: 'a benefit owner in the benefits-realisation plan' },
  responsibleManager: { nb: 'en gevinstansvarlig linjeleder i gevinstrealiseringsplanen', en: 'a responsible line manager in the benefits-realisation plan' },
  processOwner: { nb: 'prosesseieren for sakens prosess', en: "the process owner of the case's process" },
  system: { nb: 'Flyt selv (en frist)', en: 'Flyt itself (a deadline)' },
};

export const BENEFIT_OUTCOMES = ['realised', 'partlyRealised', 'notRealised'] as const;
export type BenefitOutcome = (typeof BENEFIT_OUTCOMES)[number];

/**
 * Facts about the follow-up's data that guards read, computed by libs/projects (with the event
 * about to be applied) and stored with the event.
 */
export interface FollowupFacts {
  /** RECORD_MEASUREMENT: the value misses the benefit's target and the payload gives no explanation. */
  deviationUnexplained?: boolean;
  /** RECORD_MEASUREMENT: with this measurement every benefit due at the current measurement date is measured. */
  completesPoint?: boolean;
}

const DATE = personDay();

/** Payload schema of every event a person may send to a benefits follow-up. */
export const FOLLOWUP_EVENT_PAYLOADS = {
  RECORD_MEASUREMENT: z
    .strictObject({
      benefitId: z.uuid('must be the id of a benefit in the plan').describe('The benefit measured.'),
      value: z.number().min(-1e12).max(1e12).describe('The measured value of the benefit’s indicator, in its unit.'),
      measuredOn: DATE.describe('When it was measured.'),
      comment: personText({ max: 4000, min: 0 }).describe('What the figure shows.').optional(),
      evidenceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).max(2000).describe('Where the evidence is (a report, a data set).').optional(),
      deviationExplanation: personText({ max: 4000 }).describe('Why the value misses the target: needed when it does.').optional(),
    })
    .describe('A benefit owner records a measurement for the current measurement date.'),
  CONCLUDE: z
    .strictObject({
      outcome: z.enum(BENEFIT_OUTCOMES).describe('realised, partlyRealised or notRealised.'),
      summary: personText({ max: 4000 }).describe('Realised against planned benefits, in words.'),
      furtherActions: personText({ max: 4000 }).describe('What more should be done, if anything.').optional(),
      newCase: z
        .strictObject({
          title: personText({ max: 200 }).describe('The title of the new case.'),
          problem: personText({ max: 20000 }).describe('The problem the further work addresses.'),
          reportingUnitId: z.uuid('must be the id of a unit').describe('The unit that reports it.'),
        })
        .describe('Further actions that become a new improvement case (a draft reported by the process owner).')
        .optional(),
    })
    .describe('The process owner concludes the benefits work (BP6); the improvement case is closed with it.'),
} as const;

export type FollowupEventType = keyof typeof FOLLOWUP_EVENT_PAYLOADS;
export type FollowupEventPayload<T extends FollowupEventType> = z.infer<(typeof FOLLOWUP_EVENT_PAYLOADS)[T]>;

export type BenefitsFollowupEvent = {
  [T in FollowupEventType]: WorkflowEvent<T, FollowupEventPayload<T>, FollowupFacts>;
}[FollowupEventType];

/** What a follow-up starts with, from the project that passed BP5: the plan's measurement dates, earliest first. */
export const FOLLOWUP_INPUT = z.strictObject({
  caseId: z.uuid(),
  projectId: z.uuid(),
  processId: z.uuid(),
  points: z
    .array(z.strictObject({ dueOn: DATE, benefitIds: z.array(z.uuid()).min(1) }))
    .max(500)
    .describe('The measurement dates, earliest first, with the benefits measured on each.'),
});
export type FollowupInput = z.infer<typeof FOLLOWUP_INPUT>;
