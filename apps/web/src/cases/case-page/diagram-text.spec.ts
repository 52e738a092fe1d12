import { describe, expect, it } from '@jest/globals';
import { diagramForPeople, transitionsOf, type DiagramTransition } from './diagram-text';

// A part of the improvement case's diagram as GET /api/workflows/improvement-case/diagram draws it.
const DRAWN = `stateDiagram-v2
  draft
  submitted
  awaitingInformation
  withProcessOwner
  state localImprovement {
    state "plan" as localImprovement__plan
    state "trial" as localImprovement__trial
    [*] --> localImprovement__plan
    localImprovement__plan --> localImprovement__trial : COMPLETE_STEP by lineManager
    localImprovement__plan --> localImprovement__plan : after stepDue
  }
  withdrawn
  [*] --> draft
  withdrawn --> [*]
  draft --> submitted : SUBMIT by lineManager if not reportedByEmployee
  submitted --> awaitingInformation : REQUEST_INFO by processResponsible
  submitted --> localImprovement : ACCEPT_LOCAL by processResponsible if withinLocalThresholds
  submitted --> withProcessOwner : ESCALATE by processResponsible if outsideThePolicysScope
  submitted --> withProcessOwner : ESCALATE by processResponsible
  submitted --> submitted : after responsibleReminder
  awaitingInformation --> withdrawn : after informationTimeout
  awaitingInformation --> submitted : PROVIDE_INFO by reporter or lineManager
`;

const LABELS: Record<string, string> = {
  draft: 'Utkast',
  submitted: 'Meldt inn',
  awaitingInformation: 'Venter på opplysninger',
  withProcessOwner: 'Hos prosesseier',
  localImprovement: 'Lokal forbedring',
  'localImprovement.plan': 'Planlegging',
  'localImprovement.trial': 'Utprøving',
  withdrawn: 'Trukket',
};

const words = {
  state: (path: string) => LABELS[path] ?? '?',
  transition: (t: DiagramTransition) => {
    if (t.delay) return t.from === t.to ? null : `Frist: ${t.delay}`;
    const conditions = t.conditions.filter((c) => c === 'withinLocalThresholds');
    return `${t.event} (${t.roles.join(' / ')})${conditions.length ? `, ${conditions.join(', ')}` : ''}`;
  },
};

describe('reading the diagram the API draws', () => {
  it('gives every transition with its event or deadline, roles and conditions, as state paths', () => {
    const transitions = transitionsOf(DRAWN);
    expect(transitions).toContainEqual({ from: 'localImprovement.plan', to: 'localImprovement.trial', event: 'COMPLETE_STEP', delay: null, roles: ['lineManager'], conditions: [] });
    expect(transitions).toContainEqual({ from: 'draft', to: 'submitted', event: 'SUBMIT', delay: null, roles: ['lineManager'], conditions: ['not reportedByEmployee'] });
    expect(transitions).toContainEqual({ from: 'awaitingInformation', to: 'withdrawn', event: null, delay: 'informationTimeout', roles: [], conditions: [] });
    expect(transitions).toContainEqual({ from: 'awaitingInformation', to: 'submitted', event: 'PROVIDE_INFO', delay: null, roles: ['reporter', 'lineManager'], conditions: [] });
    expect(transitions.some((t) => t.from === '[*]' || t.to === '[*]')).toBe(false);
    expect(transitions).toHaveLength(10);
  });
});

describe('the diagram in words, with the current state marked', () => {
  const lines = diagramForPeople(DRAWN, words, 'awaitingInformation')
    .split('\n')
    .map((l) => l.trim());

  it('names every state by its label, composite states too', () => {
    expect(lines).toContain('state "Utkast" as draft');
    expect(lines).toContain('state "Venter på opplysninger" as awaitingInformation');
    expect(lines).toContain('state "Lokal forbedring" as localImprovement {');
    expect(lines).toContain('state "Planlegging" as localImprovement__plan');
    expect(lines.some((l) => /\b(plan|trial)\b"/.test(l))).toBe(false);
  });

  it('labels arrows with the words given, draws arrows that read alike once, and leaves out those given no words', () => {
    expect(lines).toContain('submitted --> awaitingInformation : REQUEST_INFO (processResponsible)');
    expect(lines).toContain('submitted --> localImprovement : ACCEPT_LOCAL (processResponsible), withinLocalThresholds');
    expect(lines.filter((l) => l.startsWith('submitted --> withProcessOwner'))).toEqual(['submitted --> withProcessOwner : ESCALATE (processResponsible)']);
    // Mermaid reads a colon itself: the label loses it.
    expect(lines).toContain('awaitingInformation --> withdrawn : Frist informationTimeout');
    expect(lines.some((l) => l.startsWith('submitted --> submitted'))).toBe(false);
    expect(lines.some((l) => l.startsWith('localImprovement__plan --> localImprovement__plan'))).toBe(false);
    expect(lines).toContain('[*] --> draft');
    expect(lines).toContain('withdrawn --> [*]');
  });

  it('marks the current state, and only a simple one', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines[1]).toMatch(/^classDef current /);
    expect(lines).toContain('class awaitingInformation current');
    const nested = diagramForPeople(DRAWN, words, 'localImprovement.plan');
    expect(nested).toContain('class localImprovement__plan current');
    expect(diagramForPeople(DRAWN, words, 'localImprovement')).not.toContain('class localImprovement current');
  });
});
