import { describe, expect, it } from '@jest/globals';
import type { CaseView, WorkflowView } from './case-data';
import { editRights } from './case-editing';

// The tags of the improvement case's states, as GET /api/workflows describes them.
const WORKFLOW = {
  id: 'improvement-case',
  states: [
    { path: 'draft', tags: ['textEditable', 'costBenefitEditable'] },
    { path: 'submitted', tags: ['textEditable', 'costBenefitEditable'] },
    { path: 'withProcessOwner', tags: ['costBenefitEditable'] },
    { path: 'awaitingPrioritisation', tags: ['programme'] },
    { path: 'inRealisation', tags: ['programme', 'costBenefitEditable'] },
    { path: 'localImprovement', tags: [] },
    { path: 'localImprovement.plan', tags: [] },
  ],
} as unknown as WorkflowView;

const caseIn = (state: string, myRoles: string[]) => ({ state, myRoles }) as CaseView;

describe('what the page offers to change (docs/domain.md, "Changing a case")', () => {
  it('a draft is its reporter’s own', () => {
    expect(editRights(caseIn('draft', ['reporter']), WORKFLOW)).toEqual({ text: true, process: true, costBenefit: true });
    expect(editRights(caseIn('draft', ['lineManager']), WORKFLOW)).toEqual({ text: false, process: false, costBenefit: true });
  });

  it('in triage the reporter corrects the text, the process responsible also moves the case, the process owner only moves it', () => {
    expect(editRights(caseIn('submitted', ['reporter']), WORKFLOW)).toEqual({ text: true, process: false, costBenefit: true });
    expect(editRights(caseIn('submitted', ['processResponsible']), WORKFLOW)).toEqual({ text: true, process: true, costBenefit: true });
    expect(editRights(caseIn('submitted', ['processOwner']), WORKFLOW)).toEqual({ text: false, process: true, costBenefit: true });
  });

  it('with the process owner only the assessment is open; in the programme nothing, in a project the assessment to its owner and manager', () => {
    expect(editRights(caseIn('withProcessOwner', ['processOwner', 'reporter']), WORKFLOW)).toEqual({ text: false, process: false, costBenefit: true });
    expect(editRights(caseIn('awaitingPrioritisation', ['processOwner']), WORKFLOW)).toEqual({ text: false, process: false, costBenefit: false });
    expect(editRights(caseIn('inRealisation', ['processOwner']), WORKFLOW).costBenefit).toBe(false);
    expect(editRights(caseIn('inRealisation', ['projectManager']), WORKFLOW).costBenefit).toBe(true);
  });

  it('reads a nested state by its top state, and offers nothing before the workflow is known', () => {
    expect(editRights(caseIn('localImprovement.plan', ['reporter', 'lineManager']), WORKFLOW)).toEqual({ text: false, process: false, costBenefit: false });
    expect(editRights(caseIn('submitted', ['processResponsible']), undefined)).toEqual({ text: false, process: false, costBenefit: false });
  });
});
