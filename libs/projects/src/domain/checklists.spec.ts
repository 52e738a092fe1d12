import type { Gate } from '#workflows/project/project.events';
import { ARTEFACT_SCHEMAS, type ArtefactContents, type ArtefactKind } from './artefacts.js';
import { type ArtefactsByKind, checklistFor, checklistMissing, type ProjectTeam } from './checklists.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const OWNER = '11111111-1111-4111-8111-111111111111';
const MANAGER = '22222222-2222-4222-8222-222222222222';
const STUDENT = '33333333-3333-4333-8333-333333333333';
const TEAM: ProjectTeam = { projectOwnerId: OWNER, projectManagerId: MANAGER };
const TODAY = '2027-06-15';

const parse = <K extends ArtefactKind>(kind: K, content: unknown): ArtefactContents[K] => ARTEFACT_SCHEMAS[kind].parse(content) as ArtefactContents[K];

const benefit = (n: number, overrides: Record<string, unknown> = {}) => ({
  id: id(100 + n),
  title: `Gevinst ${n}`,
  kind: 'efficiency',
  priced: false,
  responsibleManagerId: OWNER,
  benefitOwnerIds: [MANAGER],
  indicator: 'Behandlingstid',
  unit: 'dager',
  baseline: 20,
  baselineMeasuredOn: '2026-03-01',
  target: 10,
  measurementMethod: 'Uttrekk fra saksbehandlingssystemet',
  measurementDates: ['2027-03-01', '2027-12-01'],
  ...overrides,
});

/** Everything every gate asks for. */
const COMPLETE: ArtefactsByKind = {
  justification: parse('justification', {
    background: 'Søknader behandles manuelt',
    objectives: 'Kortere behandlingstid',
    alternatives: [
      { id: id(1), name: 'Som i dag', description: 'Ingen endring', benefit: 'Ingen', costNok: 0, chosen: false },
      { id: id(2), name: 'Nytt system', description: 'Kjøpe', benefit: 'Halvert tid', costNok: 2_000_000, chosen: true },
    ],
    recommendation: 'Nytt system',
  }),
  governingDocument: parse('governingDocument', {
    objectives: 'Kortere behandlingstid',
    scope: 'Opptak',
    deliverables: 'System og rutiner',
    organisation: 'Prosjekteier, prosjektleder, styringsgruppe',
    budgetNok: 2_000_000,
    qualityAssurance: 'Akseptansetest',
    plan: 'Anskaffelse høst, pilot vår, innføring sommer',
  }),
  milestones: parse('milestones', [
    { id: id(10), name: 'BP4', dueOn: '2027-04-01', gate: 'BP4' },
    { id: id(11), name: 'BP5', dueOn: '2027-06-01', gate: 'BP5' },
  ]),
  riskRegister: parse('riskRegister', [{ id: id(20), risk: 'Forsinket leveranse', probability: 3, consequence: 4, mitigation: 'Bot i kontrakten', ownerId: MANAGER }]),
  steeringGroup: parse('steeringGroup', {
    members: [
      { userId: OWNER, role: 'chair' },
      { userId: STUDENT, role: 'userRepresentative', name: 'Studentrepresentant' },
    ],
  }),
  benefitPlan: parse('benefitPlan', { benefits: [benefit(1)] }),
  handover: parse('handover', {
    deliverablesAccepted: true,
    acceptedBy: 'Styringsgruppen, møte 2027-03-20',
    operationsOwner: OWNER,
    handoverDate: '2027-04-01',
    closingRecommendation: 'Prosjektet avsluttes',
  }),
  finalReport: parse('finalReport', {
    summary: 'Systemet er innført',
    goalsAchieved: 'Behandlingstiden er redusert',
    benefitsSoFar: 'Behandlingstiden er 14 dager ved første måling',
    costOutcomeNok: 1_900_000,
    lessonsLearned: 'Involver brukerne tidlig',
  }),
};

const without = <K extends ArtefactKind>(kind: K): ArtefactsByKind => {
  const copy = { ...COMPLETE };
  delete copy[kind];
  return copy;
};
const changed = <K extends ArtefactKind>(kind: K, change: Partial<ArtefactContents[K]>): ArtefactsByKind => ({ ...COMPLETE, [kind]: { ...COMPLETE[kind]!, ...change } });

/**
 * For each gate, each item and a project that lacks only it. An item that reads inside an
 * artefact fails too when the artefact is missing (the last element names those).
 */
const CASES: Record<Gate, [string, string, ArtefactsByKind, ProjectTeam?, string[]?][]> = {
  BP2: [
    ['justification', 'the project justification', without('justification'), TEAM, ['alternatives', 'chosenAlternative']],
    ['alternatives', 'at least two alternatives in the project justification, compared on benefit and cost', changed('justification', { alternatives: COMPLETE.justification!.alternatives.slice(1) })],
    ['chosenAlternative', 'the chosen alternative', changed('justification', { alternatives: COMPLETE.justification!.alternatives.map((a) => ({ ...a, chosen: false })) })],
    ['projectOwner', 'a named project owner', COMPLETE, { ...TEAM, projectOwnerId: null }],
    ['projectManager', 'a named project manager', COMPLETE, { ...TEAM, projectManagerId: null }],
  ],
  BP3: [
    ['governingDocument', 'the governing document with the project plan', without('governingDocument')],
    ['gateMilestones', 'milestones with a date for each remaining gate (BP4 and BP5)', { ...COMPLETE, milestones: COMPLETE.milestones!.filter((m) => m.gate !== 'BP5') }],
    ['riskAssessment', 'a risk assessment with at least one risk that has a mitigation and an owner', { ...COMPLETE, riskRegister: COMPLETE.riskRegister!.map((r) => ({ ...r, mitigation: '' })) }],
    [
      'benefitPlan',
      'a benefits-realisation plan with at least one benefit, each with a target, a responsible line manager, a benefit owner and a measurement date',
      changed('benefitPlan', { benefits: [] }),
      TEAM,
      ['baselines'],
    ],
    ['baselines', 'a measured baseline for every benefit', changed('benefitPlan', { benefits: [...COMPLETE.benefitPlan!.benefits, parse('benefitPlan', { benefits: [benefit(2, { baselineMeasuredOn: null })] }).benefits[0]!] })],
    ['userRepresentative', 'a steering group that includes a user representative', changed('steeringGroup', { members: COMPLETE.steeringGroup!.members.filter((m) => m.role !== 'userRepresentative') })],
  ],
  BP4: [
    ['deliverablesAccepted', 'the deliverables accepted', changed('handover', { deliverablesAccepted: false })],
    ['handoverToOperations', 'the handover to operations, with an operations owner and a date', changed('handover', { operationsOwner: null })],
    ['closingRecommendation', 'the closing recommendation', changed('handover', { closingRecommendation: '' })],
  ],
  BP5: [
    ['finalReport', 'the final report', without('finalReport'), TEAM, ['benefitsSoFar']],
    ['benefitsSoFar', 'the benefits measured so far, described in the final report', changed('finalReport', { benefitsSoFar: '' })],
    [
      'measurementDatesAhead',
      'at least one measurement date in the benefits-realisation plan after closure',
      changed('benefitPlan', { benefits: COMPLETE.benefitPlan!.benefits.map((b) => ({ ...b, measurementDates: ['2027-03-01', TODAY] })) }),
    ],
  ],
};

describe.each(Object.entries(CASES) as [Gate, (typeof CASES)[Gate]][])('the checklist of %s', (gate, cases) => {
  it('is complete for a project that has everything', () => {
    expect(checklistMissing(gate, COMPLETE, TEAM, TODAY)).toEqual([]);
    expect(checklistFor(gate, COMPLETE, TEAM, TODAY).map((i) => i.item)).toEqual(cases.map(([item]) => item));
  });

  it.each(cases)('fails on %s alone, and names it', (item, label, artefacts, team = TEAM, following = []) => {
    const list = checklistFor(gate, artefacts, team, TODAY);
    expect(list.filter((i) => !i.done).map((i) => i.item)).toEqual([item, ...following]);
    expect(checklistMissing(gate, artefacts, team, TODAY)).toContain(label);
  });
});

describe('the checklist in words', () => {
  it('labels every item in bokmål and English', () => {
    expect(checklistFor('BP3', {}, TEAM, TODAY).find((i) => i.item === 'userRepresentative')).toEqual({
      item: 'userRepresentative',
      label: { nb: 'en styringsgruppe med en brukerrepresentant', en: 'a steering group that includes a user representative' },
      done: false,
    });
  });

  it('tells a project with nothing written what BP3 lacks, every item by name', () => {
    expect(checklistMissing('BP3', {}, TEAM, TODAY)).toEqual([
      'the governing document with the project plan',
      'milestones with a date for each remaining gate (BP4 and BP5)',
      'a risk assessment with at least one risk that has a mitigation and an owner',
      'a benefits-realisation plan with at least one benefit, each with a target, a responsible line manager, a benefit owner and a measurement date',
      'a measured baseline for every benefit',
      'a steering group that includes a user representative',
    ]);
  });

  it('counts a risk only when one and the same risk has both a mitigation and an owner', () => {
    const split = { ...COMPLETE, riskRegister: parse('riskRegister', [
      { id: id(30), risk: 'A', probability: 2, consequence: 2, mitigation: 'Tiltak', ownerId: null },
      { id: id(31), risk: 'B', probability: 2, consequence: 2, mitigation: '', ownerId: MANAGER },
    ]) };
    expect(checklistMissing('BP3', split, TEAM, TODAY)).toEqual(['a risk assessment with at least one risk that has a mitigation and an owner']);
  });
});
