import type { CaseView, WorkflowView } from './case-data';

export interface EditRights {
  /** Title, problem, description, benefits, goals, size, IT component. */
  text: boolean;
  /** The process the case belongs to. */
  process: boolean;
  costBenefit: boolean;
}

const holdsAny = (c: CaseView, roles: string[]) => roles.some((role) => c.myRoles.includes(role));

/**
 * Which parts of the case the caller may change now, so the page offers only those. The API
 * decides (libs/cases/src/domain/case-editing.ts, "Changing a case" in docs/domain.md) and refuses
 * anything else; the states come from the workflow's own tags, the roles from the case.
 */
export function editRights(c: CaseView, workflow: WorkflowView | undefined): EditRights {
  const top = c.state.split('.')[0]!;
  const tags = workflow?.states.find((s) => s.path === top)?.tags ?? [];
  const draft = top === 'draft';
  const textOpen = tags.includes('textEditable');
  const costBenefitOpen = tags.includes('costBenefitEditable');
  // While the case is a project its owner and manager keep the estimates, and they alone.
  const inProject = costBenefitOpen && tags.includes('programme');
  return {
    text: textOpen && holdsAny(c, draft ? ['reporter'] : ['reporter', 'processResponsible']),
    process: textOpen && holdsAny(c, draft ? ['reporter'] : ['processResponsible', 'processOwner']),
    costBenefit: costBenefitOpen && holdsAny(c, inProject ? ['projectOwner', 'projectManager'] : ['reporter', 'lineManager', 'processResponsible', 'processOwner']),
  };
}
