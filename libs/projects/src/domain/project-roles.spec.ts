import type { Grant } from '#flyt/access';
import { followupRolesFor, maySeeProject, projectRolesFor } from './project-roles.js';

const ADMISSIONS = 'p-opptak';
const EXAMS = 'p-eksamen';
const OWNER = 'u-owner';
const MANAGER = 'u-manager';

const assignment = (role: Grant['role'], scope: Grant['scope'], validTo?: string): Grant => ({
  role,
  scope,
  source: { kind: 'assignment', id: `ra-${role}` },
  ...(validTo ? { validTo } : {}),
});
const GLOBAL = { kind: 'global' } as const;
const processScope = (processId: string) => ({ kind: 'process', processId }) as const;
const who = (userId: string, ...grants: Grant[]) => ({ userId, grants });

const PROJECT = { processId: ADMISSIONS, processName: 'Opptak', projectOwnerId: OWNER, projectManagerId: MANAGER };

describe('the roles a user holds for a project', () => {
  it('makes the named owner and manager project owner and project manager', () => {
    expect(projectRolesFor(who(OWNER), PROJECT)).toEqual({
      roles: ['projectOwner'],
      grants: [{ role: 'projectOwner', basis: 'project owner, named in the project', reference: { userId: OWNER } }],
    });
    expect(projectRolesFor(who(MANAGER), PROJECT).roles).toEqual(['projectManager']);
  });

  it('makes the process owner of its process its process owner, but not the owner of another process', () => {
    expect(projectRolesFor(who('u-po', assignment('process_owner', processScope(ADMISSIONS), '2028-12-31')), PROJECT)).toEqual({
      roles: ['processOwner'],
      grants: [{ role: 'processOwner', basis: 'process owner of Opptak until 2028-12-31', reference: { roleAssignmentId: 'ra-process_owner' } }],
    });
    expect(projectRolesFor(who('u-po2', assignment('process_owner', processScope(EXAMS))), PROJECT).roles).toEqual([]);
  });

  it('gives the programme secretariat, a council member and the rector their roles by their global assignments', () => {
    expect(projectRolesFor(who('u-sec', assignment('programme_secretariat', GLOBAL)), PROJECT).roles).toEqual(['secretariat']);
    expect(projectRolesFor(who('u-council', assignment('programme_council', GLOBAL)), PROJECT).grants).toEqual([
      { role: 'council', basis: 'member of the programme council', reference: { roleAssignmentId: 'ra-programme_council' } },
    ]);
    expect(projectRolesFor(who('u-rector', assignment('rector', GLOBAL)), PROJECT).roles).toEqual(['rector']);
  });

  it('gives no role to the process responsible, a project manager of another project, or an admin', () => {
    const responsible: Grant = { role: 'process_responsible', scope: processScope(ADMISSIONS), source: { kind: 'mandate', id: 'm1' } };
    expect(projectRolesFor(who('u-pr', responsible, assignment('project_manager', GLOBAL), assignment('admin', GLOBAL)), PROJECT).roles).toEqual([]);
  });

  it('gives one person every role they hold, once each', () => {
    expect(projectRolesFor(who(OWNER, assignment('process_owner', processScope(ADMISSIONS)), assignment('rector', GLOBAL)), PROJECT).roles).toEqual([
      'projectOwner',
      'processOwner',
      'rector',
    ]);
  });

  it('gives nobody the owner role before the team is appointed', () => {
    expect(projectRolesFor(who(OWNER), { ...PROJECT, projectOwnerId: null, projectManagerId: null }).roles).toEqual([]);
  });
});

describe('the roles a user holds for a benefits follow-up', () => {
  const FOLLOWUP = { processId: ADMISSIONS, processName: 'Opptak', benefitOwnerIds: ['u-ola', 'u-kari'], responsibleManagerIds: ['u-kari'] };

  it('makes the people named in the plan benefit owners and responsible line managers', () => {
    expect(followupRolesFor(who('u-ola'), FOLLOWUP).roles).toEqual(['benefitOwner']);
    expect(followupRolesFor(who('u-kari'), FOLLOWUP)).toEqual({
      roles: ['benefitOwner', 'responsibleManager'],
      grants: [
        { role: 'benefitOwner', basis: 'benefit owner, named in the benefits-realisation plan', reference: { userId: 'u-kari' } },
        { role: 'responsibleManager', basis: 'responsible line manager of a benefit, named in the benefits-realisation plan', reference: { userId: 'u-kari' } },
      ],
    });
  });

  it('makes the process owner of the process its process owner, and a benefit owner by role alone nothing', () => {
    expect(followupRolesFor(who('u-po', assignment('process_owner', processScope(ADMISSIONS))), FOLLOWUP).roles).toEqual(['processOwner']);
    expect(followupRolesFor(who('u-other', assignment('benefit_owner', GLOBAL)), FOLLOWUP).roles).toEqual([]);
  });
});

describe('who may see a project', () => {
  const VISIBLE = { processId: ADMISSIONS, memberIds: ['u-steering'], projectOwnerId: OWNER, projectManagerId: MANAGER };

  it('lets admins, the programme and the rector see it', () => {
    for (const role of ['admin', 'programme_secretariat', 'programme_council', 'rector'] as const) {
      expect(maySeeProject(who('u-x', assignment(role, GLOBAL)), VISIBLE)).toBe(true);
    }
  });

  it('lets the process roles of its process and its team see it, not those of another process', () => {
    const deputy: Grant = { role: 'process_responsible', scope: processScope(ADMISSIONS), source: { kind: 'deputy', id: 'm1', absenceId: 'a1' } };
    expect(maySeeProject(who('u-deputy', deputy), VISIBLE)).toBe(true);
    expect(maySeeProject(who('u-adviser', assignment('process_adviser', processScope(ADMISSIONS))), VISIBLE)).toBe(true);
    expect(maySeeProject(who('u-team'), VISIBLE, [ADMISSIONS])).toBe(true);
    expect(maySeeProject(who('u-po', assignment('process_owner', processScope(EXAMS))), VISIBLE)).toBe(false);
    expect(maySeeProject(who('u-team'), VISIBLE, [EXAMS])).toBe(false);
  });

  it('lets the people on it see it, and nobody else', () => {
    expect(maySeeProject(who('u-steering'), VISIBLE)).toBe(true);
    expect(maySeeProject(who(MANAGER), VISIBLE)).toBe(true);
    expect(maySeeProject(who('u-line', assignment('line_manager', { kind: 'unit', unitId: 'unit-1' })), VISIBLE)).toBe(false);
  });
});
