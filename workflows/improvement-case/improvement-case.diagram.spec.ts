import type { AnyStateNode } from 'xstate';
import { toMermaid } from '#flyt/workflow-runtime';
import { CASE_STATE_LABELS, improvementCaseMachine, improvementCaseMachineOf } from './improvement-case.machine.js';
import { IMPROVEMENT_CASE_WORKFLOW } from './improvement-case.workflow.js';

describe('toMermaid on the improvement-case machine', () => {
  const text = toMermaid(improvementCaseMachine);
  const lines = text.split('\n').map((l) => l.trim());

  const nodes = (node: AnyStateNode): AnyStateNode[] =>
    (Object.values(node.states) as AnyStateNode[]).flatMap((c) => [c, ...nodes(c)]);

  it('shows every state of the machine', () => {
    for (const path of Object.keys(CASE_STATE_LABELS)) {
      const key = path.split('.').at(-1) as string;
      expect({ path, shown: new RegExp(`\\b${key}\\b`).test(text) }).toEqual({ path, shown: true });
    }
    expect(nodes(improvementCaseMachine.root)).toHaveLength(Object.keys(CASE_STATE_LABELS).length);
  });

  it('shows every event a person or the system may send, and every deadline', () => {
    for (const type of Object.keys(IMPROVEMENT_CASE_WORKFLOW.versions.at(-1)!.events)) expect({ type, shown: text.includes(` : ${type}`) }).toEqual({ type, shown: true });
    for (const delay of Object.keys(improvementCaseMachine.implementations.delays)) {
      expect({ delay, shown: text.includes(`after ${delay}`) }).toEqual({ delay, shown: true });
    }
  });

  it('draws one edge per declared transition', () => {
    const declared = nodes(improvementCaseMachine.root).flatMap((n) => [...n.transitions.values()].flat()).length;
    expect(lines.filter((l) => / --> /.test(l) && !l.includes('[*]'))).toHaveLength(declared);
  });

  it('names who may send, and the data conditions', () => {
    expect(lines).toContain('draft --> submitted : SUBMIT by lineManager if not reportedByEmployee');
    expect(lines).toContain('draft --> submitted : ENDORSE by lineManager if reportedByEmployee');
    expect(lines).toContain('withProcessOwner --> awaitingPrioritisation : PROPOSE_TO_PROGRAMME by processOwner if costBenefitComplete');
    expect(lines).toContain('submitted --> submitted : after responsibleReminder');
    expect(lines).toContain('awaitingInformation --> withdrawn : after informationTimeout');
    expect(lines).toContain('localImprovement__adjustment --> implemented : COMPLETE_STEP by lineManager');
    expect(lines).toContain('localImprovement__evaluation --> localImprovement__plan : RESTART_CYCLE by lineManager');
    expect(lines).toContain('[*] --> draft');
    for (const end of ['implemented', 'closed', 'rejected', 'declined', 'withdrawn', 'merged']) expect(lines).toContain(`${end} --> [*]`);
  });

  it('shows the thresholds for a local improvement, the escalation outside the policy’s scope, and who concludes BP6 (version 3)', () => {
    expect(lines).toContain('submitted --> localImprovement : ACCEPT_LOCAL by processResponsible if withinLocalThresholds');
    expect(lines).toContain('submitted --> withProcessOwner : ESCALATE by processResponsible if outsideThePolicysScope');
    expect(lines).toContain('submitted --> withProcessOwner : ESCALATE by processResponsible');
    expect(lines).toContain('benefitsFollowUp --> closed : CONCLUDE_BENEFITS by system');
    expect(lines).toContain('benefitsFollowUp --> closed : CONCLUDE_BENEFITS by processOwner if withoutAProject');
    const v2 = toMermaid(improvementCaseMachineOf(2)).split('\n').map((l) => l.trim());
    expect(v2).toContain('submitted --> localImprovement : ACCEPT_LOCAL by processResponsible');
    expect(v2).toContain('benefitsFollowUp --> closed : CONCLUDE_BENEFITS by processOwner');
  });

  it('shows that only the priority round (Flyt itself) moves a case out of awaitingPrioritisation; version 1 drew the programme', () => {
    expect(lines).toContain('awaitingPrioritisation --> inRealisation : PRIORITISE by system');
    expect(lines).toContain('awaitingPrioritisation --> awaitingPrioritisation : DEFER by system');
    expect(lines).toContain('awaitingPrioritisation --> declined : DECLINE by system');
    const v1 = toMermaid(improvementCaseMachineOf(1)).split('\n').map((l) => l.trim());
    expect(v1).toContain('awaitingPrioritisation --> inRealisation : PRIORITISE by programme');
    expect(v1).toContain('awaitingPrioritisation --> declined : DECLINE by programme');
  });
});
