import { Injectable } from '@nestjs/common';
import type { Principal } from '#flyt/access';
import { NotFound } from '#flyt/kernel';
import type { EntityManager } from 'typeorm';
import { type CaseRow, CaseRepository } from './case-repository.js';
import { type CaseRoles, caseRolesFor } from './domain/case-roles.js';
import { type CaseVisibility, caseVisibility, isVisible, visibleCaseOf } from './domain/visibility.js';

/**
 * Who may see a case, and which roles a user holds for it now. A case one may not see does not
 * exist for them: it answers 404, never 403, so its existence is not given away.
 */
@Injectable()
export class CaseAccess {
  constructor(private readonly cases: CaseRepository) {}

  async visibilityOf(principal: Principal): Promise<CaseVisibility> {
    const viewer = await this.cases.viewerOf(principal.userId);
    return caseVisibility(principal.userId, principal.grants, viewer.teamProcessIds, viewer.projectCaseIds);
  }

  /** Without `project_team` (the inbox reads none), the project's owner and manager hold no role: they decide no event of the case. */
  rolesFor(
    principal: Principal,
    row: Pick<CaseRow, 'process_id' | 'process_name' | 'unit_path' | 'unit_name' | 'reporter_id'> & Partial<Pick<CaseRow, 'project_team'>>,
  ): CaseRoles {
    return caseRolesFor(principal.userId, principal.grants, {
      processId: row.process_id,
      processName: row.process_name,
      reportingUnitPath: row.unit_path,
      reportingUnitName: row.unit_name,
      reporterId: row.reporter_id,
      projectTeam: row.project_team ?? [],
    });
  }

  isVisibleTo(visibility: CaseVisibility, row: CaseRow): boolean {
    return isVisible(visibility, visibleCaseOf(row));
  }

  /** The case, if the principal may see it; otherwise it does not exist for them. */
  async visibleCase(id: string, principal: Principal, options: { manager?: EntityManager; lock?: boolean } = {}): Promise<CaseRow> {
    // The case and what the viewer sees cases by, in one statement: a page waits for one round trip instead of two.
    const found = await this.cases.findForViewer(id, principal.userId, options);
    const visibility = found && caseVisibility(principal.userId, principal.grants, found.viewer.teamProcessIds, found.viewer.projectCaseIds);
    if (!found || !visibility || !this.isVisibleTo(visibility, found.row)) throw new NotFound('case', id);
    return found.row;
  }
}
