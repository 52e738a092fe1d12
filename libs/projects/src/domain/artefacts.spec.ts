import {
  ARTEFACT_GATE,
  ARTEFACT_KINDS,
  ARTEFACT_SCHEMAS,
  type ArtefactInput,
  frozenAfter,
  gatePlannedOn,
  parseArtefact,
  riskScore,
  usersNamedIn,
} from './artefacts.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const KARI = '11111111-1111-4111-8111-111111111111';
const OLA = '22222222-2222-4222-8222-222222222222';

const messages = (kind: Parameters<typeof parseArtefact>[0], content: unknown) => {
  const result = parseArtefact(kind, content);
  return result.ok ? [] : result.problems.map((p) => `${p.field}: ${p.reason}`);
};

const alternative = (n: number, chosen: boolean, name = `Alternativ ${n}`) => ({
  id: id(n),
  name,
  description: 'Hva alternativet er',
  benefit: 'Sparer 2 årsverk',
  costNok: 1_000_000 * n,
  chosen,
});

const justification = (alternatives: unknown[]): ArtefactInput<'justification'> =>
  ({ background: 'Eksamensregistrering tar for lang tid', objectives: 'Halvere tiden', alternatives, recommendation: 'Alternativ 2' }) as ArtefactInput<'justification'>;

const benefit = (overrides: Record<string, unknown> = {}) => ({
  id: id(100),
  title: 'Mindre tid på registrering',
  kind: 'efficiency',
  priced: true,
  yearlyValueNok: 400_000,
  responsibleManagerId: KARI,
  benefitOwnerIds: [OLA],
  indicator: 'Tid brukt på registrering',
  unit: 'timer per måned',
  baseline: 120,
  baselineMeasuredOn: '2026-02-01',
  target: 60,
  measurementMethod: 'Timeregistrering i fagsystemet',
  measurementDates: ['2027-03-01', '2027-09-01'],
  ...overrides,
});

describe('the project justification', () => {
  it('takes a justification with alternatives compared on benefit and cost, filling in what was left out', () => {
    const result = parseArtefact('justification', justification([alternative(1, false), alternative(2, true)]));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.content.alternatives.map((a) => [a.name, a.chosen, a.netPresentValueNok])).toEqual([
      ['Alternativ 1', false, null],
      ['Alternativ 2', true, null],
    ]);
  });

  it('refuses two chosen alternatives, naming both', () => {
    expect(messages('justification', justification([alternative(1, true, 'Kjøpe'), alternative(2, true, 'Utvikle selv')]))).toEqual([
      'alternatives: only one alternative can be chosen; "Kjøpe" and "Utvikle selv" are',
    ]);
  });

  it('refuses two alternatives with the same id', () => {
    expect(messages('justification', justification([alternative(1, false), { ...alternative(2, true), id: id(1) }]))).toEqual([
      `alternatives: each alternative needs its own id; ${id(1)} is used twice`,
    ]);
  });

  it('refuses a background of blanks, and a cost below zero, naming the field', () => {
    expect(messages('justification', { ...justification([{ ...alternative(1, false), costNok: -5 }]), background: ' \u200B ' })).toEqual([
      'background: must not be empty',
      'alternatives[0].costNok: must not be negative',
    ]);
  });

  it('refuses a field it does not know', () => {
    expect(messages('justification', { ...justification([]), budget: 5 })).toEqual([expect.stringContaining('budget')]);
  });
});

describe('the benefits-realisation plan', () => {
  it('takes a priced benefit that falls from its baseline to its target', () => {
    expect(messages('benefitPlan', { benefits: [benefit()] })).toEqual([]);
  });

  it('refuses a priced benefit without its yearly value, and an unpriced one with a value', () => {
    expect(messages('benefitPlan', { benefits: [benefit({ yearlyValueNok: null })] })).toEqual([
      'benefits[0].yearlyValueNok: a priced benefit needs its value per year in kroner',
    ]);
    expect(messages('benefitPlan', { benefits: [benefit({ priced: false })] })).toEqual([
      'benefits[0].yearlyValueNok: an unpriced benefit has no value in kroner; set priced to true',
    ]);
  });

  it('refuses a target equal to the baseline', () => {
    expect(messages('benefitPlan', { benefits: [benefit({ target: 120 })] })).toEqual([
      'benefits[0].target: the target must differ from the baseline, or there is nothing to realise',
    ]);
  });

  it('needs a benefit owner and a measurement date, and no date before the baseline was measured', () => {
    expect(messages('benefitPlan', { benefits: [benefit({ benefitOwnerIds: [], measurementDates: [] })] })).toEqual([
      'benefits[0].benefitOwnerIds: name at least one benefit owner, who reports the measurements',
      'benefits[0].measurementDates: give at least one measurement date',
    ]);
    expect(messages('benefitPlan', { benefits: [benefit({ measurementDates: ['2026-01-15', '2027-01-15'] })] })).toEqual([
      'benefits[0].measurementDates: a measurement date cannot come before the baseline was measured (2026-02-01): 2026-01-15',
    ]);
  });

  it('refuses a date that is not a calendar date, and the same benefit id twice', () => {
    expect(messages('benefitPlan', { benefits: [benefit({ measurementDates: ['1. mars 2027'] })] })).toContainEqual(expect.stringMatching(/^benefits\[0\]\.measurementDates\[0\]: .*YYYY-MM-DD/));
    expect(messages('benefitPlan', { benefits: [benefit({ measurementDates: ['0000-03-01'] })] })).toEqual([expect.stringMatching(/^benefits\[0\]\.measurementDates\[0\]: /)]);
    expect(messages('benefitPlan', { benefits: [benefit(), benefit({ title: 'Kopi' })] })).toEqual([`benefits: each benefit needs its own id; ${id(100)} is used twice`]);
  });
});

describe('milestones, risks, the steering group and the handover', () => {
  const milestone = (n: number, gate: string | null, dueOn: string) => ({ id: id(n), name: `Milepæl ${n}`, dueOn, gate });

  it('gives each gate one date, in the order of the gates', () => {
    const milestones = [milestone(1, 'BP4', '2027-01-10'), milestone(2, null, '2026-10-01'), milestone(3, 'BP5', '2027-03-01')];
    const parsed = ARTEFACT_SCHEMAS.milestones.parse(milestones);
    expect(gatePlannedOn(parsed, 'BP4')).toBe('2027-01-10');
    expect(gatePlannedOn(parsed, 'BP3')).toBeNull();
    expect(messages('milestones', [...milestones, milestone(4, 'BP4', '2027-02-01')])).toEqual(['content: a gate has one date; BP4 is given twice']);
    expect(messages('milestones', [milestone(1, 'BP4', '2027-05-01'), milestone(3, 'BP5', '2027-03-01')])).toEqual([
      'content: BP5 (2027-03-01) cannot be planned before BP4 (2027-05-01)',
    ]);
  });

  it('scores a risk as probability times consequence, on scales from 1 to 5', () => {
    const [risk] = ARTEFACT_SCHEMAS.riskRegister.parse([{ id: id(1), risk: 'Leverandøren leverer sent', probability: 4, consequence: 3 }]);
    expect(riskScore(risk!)).toBe(12);
    expect(risk).toMatchObject({ mitigation: '', ownerId: null });
    expect(messages('riskRegister', [{ id: id(1), risk: 'x', probability: 6, consequence: 2.5 }])).toEqual([
      '[0].probability: from 1 (very low) to 5 (very high)',
      '[0].consequence: a whole number from 1 to 5',
    ]);
  });

  it('names each person in the steering group once, under one chair', () => {
    expect(messages('steeringGroup', { members: [{ userId: KARI, role: 'chair' }, { userId: KARI, role: 'userRepresentative' }] })).toEqual([
      `members: a person is in the steering group once; ${KARI} is named twice: give them their main role`,
    ]);
    expect(messages('steeringGroup', { members: [{ userId: KARI, role: 'chair' }, { userId: OLA, role: 'chair' }] })).toEqual(['members: the steering group has one chair']);
  });

  it('keeps a handover draft, but accepted deliverables need to say who accepted them', () => {
    expect(ARTEFACT_SCHEMAS.handover.parse({})).toEqual({
      deliverablesAccepted: false,
      acceptedBy: '',
      operationsOwner: null,
      handoverDate: null,
      closingRecommendation: '',
      openIssues: '',
    });
    expect(messages('handover', { deliverablesAccepted: true })).toEqual(['acceptedBy: say who accepted the deliverables']);
  });
});

describe('when artefacts freeze', () => {
  it('freezes each document at its gate and the living documents at BP5', () => {
    expect(frozenAfter('BP2')).toEqual(['justification']);
    expect(frozenAfter('BP3')).toEqual(['justification', 'governingDocument']);
    expect(frozenAfter('BP4')).toEqual(['justification', 'governingDocument', 'handover']);
    expect(frozenAfter('BP5')).toEqual([...ARTEFACT_KINDS]);
    expect(ARTEFACT_GATE.benefitPlan).toBe('BP5');
  });
});

describe('the users an artefact names', () => {
  it('finds every user id, with the field that holds it', () => {
    expect(usersNamedIn({ members: [{ userId: KARI, role: 'chair' }], userGroups: [{ name: 'Studenter', contactUserId: OLA }] })).toEqual([
      { userId: KARI, field: 'members[0].userId' },
      { userId: OLA, field: 'userGroups[0].contactUserId' },
    ]);
    expect(usersNamedIn({ benefits: [benefit()] })).toEqual([
      { userId: KARI, field: 'benefits[0].responsibleManagerId' },
      { userId: OLA, field: 'benefits[0].benefitOwnerIds[0]' },
    ]);
    expect(usersNamedIn([{ id: id(1), ownerId: null }])).toEqual([]);
  });
});
