import { pathOf, stateNodesOf, toMermaid } from '#flyt/workflow-runtime';
import { PROJECT_EVENT_PAYLOADS, projectMachine } from './project.machine.js';

describe('toMermaid on the project machine', () => {
  const text = toMermaid(projectMachine);
  const lines = text.split('\n').map((l) => l.trim());
  const idOf = (path: string) => path.replaceAll('.', '__');

  it('shows every state of the machine, nested states under their full path', () => {
    for (const node of stateNodesOf(projectMachine)) {
      const path = pathOf(node);
      const shown = lines.includes(idOf(path)) || lines.includes(`state "${node.key}" as ${idOf(path)}`) || lines.includes(`state ${idOf(path)} {`);
      expect({ path, shown }).toEqual({ path, shown: true });
    }
  });

  it('shows every event a person may send, and every deadline', () => {
    for (const type of Object.keys(PROJECT_EVENT_PAYLOADS)) expect({ type, shown: text.includes(` : ${type}`) }).toEqual({ type, shown: true });
    for (const delay of Object.keys(projectMachine.implementations.delays)) expect({ delay, shown: text.includes(`after ${delay}`) }).toEqual({ delay, shown: true });
  });

  it('draws one edge per declared transition', () => {
    const declared = stateNodesOf(projectMachine).flatMap((n) => [...n.transitions.values()].flat()).length;
    expect(lines.filter((l) => / --> /.test(l) && !l.includes('[*]'))).toHaveLength(declared);
  });

  it('names who decides a gate, on which data, and where each decision leads', () => {
    const concept = 'active__phase__concept';
    expect(lines).toContain('mandate --> active : APPOINT_TEAM by processOwner or secretariat');
    expect(lines).toContain(`${concept}__working --> ${concept}__awaitingDecision : SUBMIT_FOR_GATE by projectManager if checklistComplete and not largeProject`);
    expect(lines).toContain(`${concept}__awaitingDecision --> active__phase__planning : GO by processOwner if not largeProject and checklistComplete`);
    expect(lines).toContain(`${concept}__awaitingDecision --> ${concept}__awaitingApproval : GO by council if largeProject and checklistComplete`);
    expect(lines).toContain(`${concept}__awaitingApproval --> ${concept}__awaitingDecision : REJECT_GATE_DECISION by rector`);
    expect(lines).toContain('active__phase__closure__awaitingDecision --> closed : GO by processOwner if not largeProject and checklistComplete');
    expect(lines).toContain('active__phase__execution__awaitingDecision --> stopped : STOP by processOwner if not largeProject');
    // The gate's deadlines belong to the phase, and a new date re-enters it.
    expect(lines).toContain(`${concept} --> ${concept} : after gateReminder`);
    expect(lines).toContain(`${concept}__working --> ${concept} : SET_GATE_DATE by projectManager or projectOwner`);
    expect(lines).toContain('active__reporting__awaitingReport --> active__reporting__reportOverdue : after statusReportOverdue');
    expect(lines).toContain('[*] --> mandate');
    for (const end of ['closed', 'stopped']) expect(lines).toContain(`${end} --> [*]`);
  });

  it('draws both regions of the running project inside it, each with its own start', () => {
    const block = lines.slice(lines.indexOf('state active {'));
    expect(block).toContain('state active__phase {');
    expect(block).toContain('state active__reporting {');
    expect(lines).toContain('[*] --> active__phase__concept');
    expect(lines).toContain('[*] --> active__reporting__awaitingReport');
  });
});
