import type { AnyStateNode } from 'xstate';
import { toMermaid } from '#flyt/workflow-runtime';
import { benefitsFollowupMachine as machine, FOLLOWUP_EVENT_PAYLOADS, FOLLOWUP_STATE_LABELS } from './benefits-followup.machine.js';

describe('toMermaid on the benefits-followup machine', () => {
  const text = toMermaid(machine);
  const lines = text.split('\n').map((l) => l.trim());
  const nodes = (node: AnyStateNode): AnyStateNode[] => (Object.values(node.states) as AnyStateNode[]).flatMap((c) => [c, ...nodes(c)]);

  it('shows every state of the machine', () => {
    for (const path of Object.keys(FOLLOWUP_STATE_LABELS)) {
      const key = path.split('.').at(-1) as string;
      expect({ path, shown: new RegExp(`\\b${key}\\b`).test(text) }).toEqual({ path, shown: true });
    }
    expect(nodes(machine.root)).toHaveLength(Object.keys(FOLLOWUP_STATE_LABELS).length);
  });

  it('shows every event and every deadline', () => {
    for (const type of Object.keys(FOLLOWUP_EVENT_PAYLOADS)) expect({ type, shown: text.includes(` : ${type}`) }).toEqual({ type, shown: true });
    for (const delay of Object.keys(machine.implementations.delays)) expect({ delay, shown: text.includes(`after ${delay}`) }).toEqual({ delay, shown: true });
  });

  it('names who may send, the data conditions, and the start by data', () => {
    expect(lines).toContain('[*] --> starting');
    expect(lines).toContain('starting --> concluding : always if noPointsLeft');
    expect(lines).toContain('starting --> measuring : always');
    expect(lines).toContain(
      'measuring --> concluding : RECORD_MEASUREMENT by benefitOwner or responsibleManager if not deviationUnexplained and completesPoint and atLastPoint',
    );
    expect(lines).toContain('measuring --> measuring : RECORD_MEASUREMENT by benefitOwner or responsibleManager if not deviationUnexplained and completesPoint');
    expect(lines).toContain('measuring__overdue --> measuring__escalated : after measurementEscalated');
    expect(lines).toContain('measuring --> concluded : CONCLUDE by processOwner');
    expect(lines).toContain('concluding --> concluded : CONCLUDE by processOwner');
    expect(lines).toContain('concluded --> [*]');
  });
});
