import { CASE_TEXT_EDITABLE_IN, COST_BENEFIT_EDITABLE_IN, decideEdit } from './case-editing.js';

const TEXT = { text: true, process: false, costBenefit: false };
const PROCESS = { text: false, process: true, costBenefit: false };
const ASSESSMENT = { text: false, process: false, costBenefit: true };

describe('who may change a case, and when', () => {
  it('reads the states from the machine’s tags: the text during triage, the assessment until the case goes to the programme and while its project runs', () => {
    expect(CASE_TEXT_EDITABLE_IN).toEqual(['draft', 'submitted', 'awaitingInformation']);
    expect(COST_BENEFIT_EDITABLE_IN).toEqual(['draft', 'submitted', 'awaitingInformation', 'withProcessOwner', 'inRealisation']);
  });

  it('keeps a draft its reporter’s own: no process responsible changes it, of its process or another', () => {
    expect(decideEdit('draft', ['reporter'], TEXT)).toEqual({ allowed: true, role: 'reporter' });
    expect(decideEdit('draft', ['reporter'], PROCESS)).toEqual({ allowed: true, role: 'reporter' });
    expect(decideEdit('draft', ['processResponsible'], TEXT)).toMatchObject({ allowed: false, because: 'role', requiredRoles: ['reporter'] });
  });

  it('lets the reporter or the process responsible correct the text while the case is being triaged', () => {
    for (const state of ['submitted', 'awaitingInformation']) {
      expect(decideEdit(state, ['reporter'], TEXT)).toEqual({ allowed: true, role: 'reporter' });
      expect(decideEdit(state, ['processResponsible'], TEXT)).toEqual({ allowed: true, role: 'processResponsible' });
    }
  });

  it('after submission lets only the process responsible or owner move the case to another process, not its reporter', () => {
    expect(decideEdit('submitted', ['processResponsible'], PROCESS)).toEqual({ allowed: true, role: 'processResponsible' });
    expect(decideEdit('awaitingInformation', ['processOwner'], PROCESS)).toEqual({ allowed: true, role: 'processOwner' });
    expect(decideEdit('submitted', ['reporter'], PROCESS)).toEqual({
      allowed: false,
      because: 'role',
      requiredRoles: ['processResponsible', 'processOwner'],
      message: "Only the process responsible of the case's process (or their deputy) or the process owner of the case's process may change the case's process now.",
    });
  });

  it('refuses the text to others with the roles that may, and after triage to everyone with the states it may change in', () => {
    expect(decideEdit('submitted', ['lineManager', 'processOwner'], TEXT)).toMatchObject({ allowed: false, because: 'role', requiredRoles: ['reporter', 'processResponsible'] });
    expect(decideEdit('withProcessOwner', ['reporter'], TEXT)).toEqual({
      allowed: false,
      because: 'state',
      reason: 'the case text can be changed only while the case is: draft; submitted, with the process responsible; awaiting information from the reporter',
    });
    expect(decideEdit('localImprovement.plan', ['processResponsible'], TEXT)).toMatchObject({ allowed: false, because: 'state' });
  });

  it('lets the process owner attach the cost-benefit assessment while the case is with them, not after it is proposed', () => {
    expect(decideEdit('withProcessOwner', ['processOwner'], ASSESSMENT)).toEqual({ allowed: true, role: 'processOwner' });
    expect(decideEdit('awaitingPrioritisation', ['processOwner'], ASSESSMENT)).toMatchObject({ allowed: false, because: 'state' });
  });

  it('lets only the project’s owner and manager update the estimates while the project runs', () => {
    expect(decideEdit('inRealisation', ['projectManager'], ASSESSMENT)).toEqual({ allowed: true, role: 'projectManager' });
    expect(decideEdit('inRealisation', ['projectOwner', 'processOwner'], ASSESSMENT)).toEqual({ allowed: true, role: 'projectOwner' });
    expect(decideEdit('inRealisation', ['reporter', 'lineManager', 'processResponsible', 'processOwner'], ASSESSMENT)).toEqual({
      allowed: false,
      because: 'role',
      requiredRoles: ['projectOwner', 'projectManager'],
      message: "Only the project owner of the case's project or the project manager of the case's project may change the cost-benefit assessment now.",
    });
    // Before the project, as before: the project's people have no say in the triage of the case.
    expect(decideEdit('withProcessOwner', ['projectManager'], ASSESSMENT)).toMatchObject({ allowed: false, because: 'role', requiredRoles: ['reporter', 'lineManager', 'processResponsible', 'processOwner'] });
    // Nor afterwards: the figures of the benefits follow-up are measured, not estimated.
    for (const state of ['benefitsFollowUp', 'closed']) expect(decideEdit(state, ['projectManager'], ASSESSMENT)).toMatchObject({ allowed: false, because: 'state' });
    expect(decideEdit('inRealisation', ['projectManager'], TEXT)).toMatchObject({ allowed: false, because: 'state' });
  });

  it('needs every right when several things change together, and records the change under the strongest one', () => {
    expect(decideEdit('submitted', ['lineManager'], { text: true, process: false, costBenefit: true })).toMatchObject({ allowed: false, because: 'role' });
    expect(decideEdit('withProcessOwner', ['processResponsible'], { text: true, process: false, costBenefit: true })).toMatchObject({ allowed: false, because: 'state' });
    expect(decideEdit('submitted', ['reporter', 'processResponsible'], { text: true, process: true, costBenefit: false })).toEqual({ allowed: true, role: 'processResponsible' });
  });
});
