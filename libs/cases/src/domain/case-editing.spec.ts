import { CASE_TEXT_EDITABLE_IN, COST_BENEFIT_EDITABLE_IN, decideEdit } from './case-editing.js';

describe('who may change a case, and when', () => {
  it('reads the states from the machine’s tags: the text during triage, the assessment until the case goes to the programme', () => {
    expect(CASE_TEXT_EDITABLE_IN).toEqual(['draft', 'submitted', 'awaitingInformation']);
    expect(COST_BENEFIT_EDITABLE_IN).toEqual(['draft', 'submitted', 'awaitingInformation', 'withProcessOwner']);
  });

  it('lets the reporter or the process responsible correct the text while the case is being triaged', () => {
    for (const state of ['draft', 'submitted', 'awaitingInformation']) {
      expect(decideEdit(state, ['reporter'], { text: true, costBenefit: false })).toEqual({ allowed: true });
      expect(decideEdit(state, ['processResponsible'], { text: true, costBenefit: false })).toEqual({ allowed: true });
    }
  });

  it('refuses the text to others with the roles that may, and after triage to everyone with the reason', () => {
    expect(decideEdit('submitted', ['lineManager', 'processOwner'], { text: true, costBenefit: false })).toEqual({
      allowed: false,
      because: 'role',
      requiredRoles: ['reporter', 'processResponsible'],
    });
    expect(decideEdit('withProcessOwner', ['reporter'], { text: true, costBenefit: false })).toMatchObject({ allowed: false, because: 'state' });
    expect(decideEdit('localImprovement.plan', ['processResponsible'], { text: true, costBenefit: false })).toMatchObject({ allowed: false, because: 'state' });
  });

  it('lets the process owner attach the cost-benefit assessment while the case is with them, not after it is proposed', () => {
    expect(decideEdit('withProcessOwner', ['processOwner'], { text: false, costBenefit: true })).toEqual({ allowed: true });
    expect(decideEdit('awaitingPrioritisation', ['processOwner'], { text: false, costBenefit: true })).toMatchObject({ allowed: false, because: 'state' });
  });

  it('needs both rights when text and assessment change together', () => {
    expect(decideEdit('submitted', ['lineManager'], { text: true, costBenefit: true })).toMatchObject({ allowed: false, because: 'role' });
    expect(decideEdit('withProcessOwner', ['processResponsible'], { text: true, costBenefit: true })).toMatchObject({ allowed: false, because: 'state' });
  });
});
