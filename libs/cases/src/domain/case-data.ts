import { z } from 'zod';
import { personText } from '#flyt/workflow-runtime/domain';

/** The policy's strategic goals for digitalisation and process development (section 4), numbered 1–12. */
export const STRATEGIC_GOALS_NB: Readonly<Record<number, string>> = {
  1: 'gjøre universitetet mer selvbetjent for studenter og ansatte',
  2: 'skape bedre flyt i arbeidsprosesser gjennom hele virksomheten',
  3: 'forberede studentene på et arbeidsliv i rask endring, og styrke utdanningskvaliteten',
  4: 'gjøre digitale ressurser tilgjengelig for forskning, undervisning og læring',
  5: 'gi åpen tilgang til vitenskapelige publikasjoner og resultater, og sikre forsvarlig lagring',
  6: 'forenkle og forbedre prosesser knyttet til forskning, kunstnerisk utviklingsarbeid og innovasjon',
  7: 'styrke digital formidling av forskning, utdanning, kunst og innovasjon til samfunnet',
  8: 'styrke og støtte kulturen for innovasjon, kvalitetsutvikling og samarbeid',
  9: 'forbedre kvalitet, forutsigbarhet og ressursutnyttelse i arbeidsprosesser og tjenester',
  10: 'utvikle framtidens campus for virtuell samhandling',
  11: 'fremskaffe og presentere informasjon som understøtter beslutninger',
  12: 'tilrettelegge for studenter og ansatte med funksjonsnedsetting',
};

export const ESTIMATED_SIZES = ['small', 'medium', 'large'] as const;
export type EstimatedSize = (typeof ESTIMATED_SIZES)[number];

const TITLE = personText({ max: 200 });
const LONG_TEXT = personText({ max: 20000, min: 0 });

export const STRATEGIC_GOALS = z
  .array(z.number().int('a whole number').min(1, 'goals are numbered 1–12').max(12, 'goals are numbered 1–12'))
  .max(12)
  .refine((goals) => new Set(goals).size === goals.length, 'each goal at most once')
  .transform((goals) => [...goals].sort((a, b) => a - b))
  .describe("The policy's strategic goals (1–12) the case supports");

/** The case data a reporter writes; the process responsible may correct it while the case is being triaged. */
const CASE_FIELDS = {
  title: TITLE,
  description: LONG_TEXT.describe('What the case is about'),
  problem: personText({ max: 20000 }).describe('The problem or need today'),
  processId: z.uuid('must be a UUID').describe('The process the case concerns'),
  significantItComponent: z.boolean().nullable().describe('Does a solution need a significant IT component? null: not assessed yet'),
  expectedBenefits: LONG_TEXT.describe('The benefits the reporter expects, in words'),
  strategicGoals: STRATEGIC_GOALS,
  estimatedSize: z.enum(ESTIMATED_SIZES).nullable().describe('small: stays in the unit; large: a project'),
};

export const CREATE_CASE_FIELDS = z.strictObject({
  ...CASE_FIELDS,
  description: CASE_FIELDS.description.default(''),
  reportingUnitId: z.uuid('must be a UUID').describe('The unit that reports the need'),
  significantItComponent: CASE_FIELDS.significantItComponent.default(null),
  expectedBenefits: CASE_FIELDS.expectedBenefits.default(''),
  strategicGoals: CASE_FIELDS.strategicGoals.default([]),
  estimatedSize: CASE_FIELDS.estimatedSize.default(null),
});
export type CreateCaseInput = z.infer<typeof CREATE_CASE_FIELDS>;

/** Fields of the case itself that PATCH may change (the cost-benefit assessment is separate: see case-editing.ts). */
export const EDITABLE_CASE_FIELDS = z.strictObject(CASE_FIELDS).partial();
export type CaseFieldChanges = z.infer<typeof EDITABLE_CASE_FIELDS>;
