import type { Gate } from '#workflows/project/project.events';
import { type ArtefactContents, gatePlannedOn } from './artefacts.js';

/**
 * The checklist of each gate (docs/projects.md, "Gates and their checklists"): what the project's
 * artefacts must hold before the project manager may submit the phase for the gate decision.
 * SUBMIT_FOR_GATE is refused while an item is not done, naming the items (`checklistMissing`).
 * The schemas in artefacts.ts already refuse a record that is wrong; these items ask whether it
 * is finished enough for the gate.
 */

export interface ChecklistItem {
  /** Stable, for the web app and tests. */
  item: string;
  label: { nb: string; en: string };
  done: boolean;
}

/** The project's owner and manager, as named in it (APPOINT_TEAM). */
export interface ProjectTeam {
  projectOwnerId: string | null;
  projectManagerId: string | null;
}

/** The artefacts a project holds, by kind, as their content. */
export type ArtefactsByKind = Partial<ArtefactContents>;

interface ChecklistContext extends ProjectTeam {
  today: string;
}

type Check = (artefacts: ArtefactsByKind, context: ChecklistContext) => boolean;

interface ItemRule {
  item: string;
  label: { nb: string; en: string };
  done: Check;
}

const BP2: readonly ItemRule[] = [
  {
    item: 'justification',
    label: { nb: 'prosjektbegrunnelsen', en: 'the project justification' },
    done: (a) => a.justification !== undefined,
  },
  {
    item: 'alternatives',
    label: {
      nb: 'minst to alternativer i prosjektbegrunnelsen, sammenlignet på nytte og kostnad',
      en: 'at least two alternatives in the project justification, compared on benefit and cost',
    },
    done: (a) => (a.justification?.alternatives.length ?? 0) >= 2,
  },
  {
    item: 'chosenAlternative',
    label: { nb: 'det valgte alternativet', en: 'the chosen alternative' },
    done: (a) => a.justification?.alternatives.some((alt) => alt.chosen) ?? false,
  },
  {
    item: 'projectOwner',
    label: { nb: 'en navngitt prosjekteier', en: 'a named project owner' },
    done: (_a, c) => c.projectOwnerId !== null,
  },
  {
    item: 'projectManager',
    label: { nb: 'en navngitt prosjektleder', en: 'a named project manager' },
    done: (_a, c) => c.projectManagerId !== null,
  },
];

const BP3: readonly ItemRule[] = [
  {
    item: 'governingDocument',
    // The schema requires the plan: a governing document without one cannot be saved.
    label: { nb: 'styringsdokumentet med prosjektplanen', en: 'the governing document with the project plan' },
    done: (a) => a.governingDocument !== undefined,
  },
  {
    item: 'gateMilestones',
    label: {
      nb: 'milepæler med dato for hvert gjenstående beslutningspunkt (BP4 og BP5)',
      en: 'milestones with a date for each remaining gate (BP4 and BP5)',
    },
    done: (a) => gatePlannedOn(a.milestones, 'BP4') !== null && gatePlannedOn(a.milestones, 'BP5') !== null,
  },
  {
    item: 'riskAssessment',
    label: {
      nb: 'en risikovurdering med minst én risiko som har tiltak og eier',
      en: 'a risk assessment with at least one risk that has a mitigation and an owner',
    },
    done: (a) => a.riskRegister?.some((r) => r.mitigation !== '' && r.ownerId !== null) ?? false,
  },
  {
    item: 'benefitPlan',
    // The schema gives every benefit a target, a responsible line manager, a benefit owner and a measurement date.
    label: {
      nb: 'en gevinstrealiseringsplan med minst én gevinst, hver med målverdi, gevinstansvarlig, gevinsteier og måletidspunkt',
      en: 'a benefits-realisation plan with at least one benefit, each with a target, a responsible line manager, a benefit owner and a measurement date',
    },
    done: (a) => (a.benefitPlan?.benefits.length ?? 0) >= 1,
  },
  {
    item: 'baselines',
    label: { nb: 'en målt nullpunktsmåling for hver gevinst', en: 'a measured baseline for every benefit' },
    done: (a) => {
      const benefits = a.benefitPlan?.benefits ?? [];
      return benefits.length > 0 && benefits.every((b) => b.baselineMeasuredOn !== null);
    },
  },
  {
    item: 'userRepresentative',
    label: { nb: 'en styringsgruppe med en brukerrepresentant', en: 'a steering group that includes a user representative' },
    done: (a) => a.steeringGroup?.members.some((m) => m.role === 'userRepresentative') ?? false,
  },
];

const BP4: readonly ItemRule[] = [
  {
    item: 'deliverablesAccepted',
    label: { nb: 'godkjente leveranser', en: 'the deliverables accepted' },
    done: (a) => a.handover?.deliverablesAccepted ?? false,
  },
  {
    item: 'handoverToOperations',
    label: {
      nb: 'overlevering til drift med en navngitt eier i drift og en dato',
      en: 'the handover to operations, with an operations owner and a date',
    },
    done: (a) => a.handover !== undefined && a.handover.operationsOwner !== null && a.handover.handoverDate !== null,
  },
  {
    item: 'closingRecommendation',
    label: { nb: 'anbefalingen om avslutning', en: 'the closing recommendation' },
    done: (a) => (a.handover?.closingRecommendation ?? '') !== '',
  },
];

const BP5: readonly ItemRule[] = [
  {
    item: 'finalReport',
    label: { nb: 'sluttrapporten', en: 'the final report' },
    done: (a) => a.finalReport !== undefined,
  },
  {
    item: 'benefitsSoFar',
    label: { nb: 'gevinstene som er målt så langt, beskrevet i sluttrapporten', en: 'the benefits measured so far, described in the final report' },
    done: (a) => (a.finalReport?.benefitsSoFar ?? '') !== '',
  },
  {
    // Follow-up after closure runs on these dates; with none ahead it would have nothing to follow.
    item: 'measurementDatesAhead',
    label: {
      nb: 'minst ett måletidspunkt i gevinstrealiseringsplanen etter avslutningen',
      en: 'at least one measurement date in the benefits-realisation plan after closure',
    },
    done: (a, c) => a.benefitPlan?.benefits.some((b) => b.measurementDates.some((d) => d > c.today)) ?? false,
  },
];

const RULES: Readonly<Record<Gate, readonly ItemRule[]>> = { BP2, BP3, BP4, BP5 };

/**
 * The gate's checklist: each item, with whether the project's artefacts and team satisfy it.
 * `today` (Europe/Oslo, YYYY-MM-DD) is the day it is read: at BP5 the day the project would close.
 */
export function checklistFor(gate: Gate, artefacts: ArtefactsByKind, team: ProjectTeam, today: string): ChecklistItem[] {
  const context: ChecklistContext = { projectOwnerId: team.projectOwnerId, projectManagerId: team.projectManagerId, today };
  return RULES[gate].map((rule) => ({ item: rule.item, label: rule.label, done: rule.done(artefacts, context) }));
}

/** What the gate's checklist still lacks, in English words for a refusal; empty when complete. */
export function checklistMissing(gate: Gate, artefacts: ArtefactsByKind, team: ProjectTeam, today: string): string[] {
  return checklistFor(gate, artefacts, team, today)
    .filter((item) => !item.done)
    .map((item) => item.label.en);
}
