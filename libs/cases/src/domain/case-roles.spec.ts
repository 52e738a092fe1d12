import type { Grant } from '#flyt/access';
import { type CaseForRoles, caseRolesFor } from './case-roles.js';

const UNI = 'u-uni';
const NV = 'u-nv';
const IFI = 'u-ifi';
const HF = 'u-hf';
const CASE_HANDLING = 'p-sak';
const PRIVACY = 'p-personvern';

const subject: CaseForRoles = {
  processId: CASE_HANDLING,
  processName: 'Saksbehandling',
  reportingUnitPath: [UNI, NV, IFI],
  reportingUnitName: 'Institutt for informatikk',
  reporterId: 'knut',
};

const assignment = (role: Grant['role'], scope: Grant['scope'], id = `ra-${role}`, validTo?: string): Grant => ({
  role,
  scope,
  source: { kind: 'assignment', id },
  ...(validTo ? { validTo } : {}),
});

describe('the roles a user holds for a case', () => {
  it('makes the reporter the reporter, and the line manager of the reporting unit its line manager', () => {
    const result = caseRolesFor('knut', [assignment('line_manager', { kind: 'unit', unitId: IFI })], subject);
    expect(result.roles).toEqual(['reporter', 'lineManager']);
    expect(result.grants[1]).toEqual({ role: 'lineManager', basis: 'line manager of Institutt for informatikk', reference: { roleAssignmentId: 'ra-line_manager' } });
  });

  it('counts a line manager of a unit above (the dean), but not of another faculty', () => {
    expect(caseRolesFor('dean', [assignment('line_manager', { kind: 'unit', unitId: NV })], subject)).toMatchObject({
      roles: ['lineManager'],
      grants: [{ basis: 'line manager of a unit above Institutt for informatikk' }],
    });
    expect(caseRolesFor('liv', [assignment('line_manager', { kind: 'unit', unitId: HF })], subject).roles).toEqual([]);
  });

  it('makes the holder of a mandate for the case process its process responsible, saying until when', () => {
    const grant: Grant = { role: 'process_responsible', scope: { kind: 'process', processId: CASE_HANDLING }, source: { kind: 'mandate', id: 'm1' }, validTo: '2027-06-30' };
    expect(caseRolesFor('siri', [grant], subject)).toEqual({
      roles: ['processResponsible'],
      grants: [{ role: 'processResponsible', basis: 'process responsible for Saksbehandling, by mandate until 2027-06-30', reference: { mandateId: 'm1' } }],
    });
  });

  it('lets the deputy standing in act as process responsible, and says so', () => {
    const grant: Grant = {
      role: 'process_responsible',
      scope: { kind: 'process', processId: CASE_HANDLING },
      source: { kind: 'deputy', id: 'm1', absenceId: 'a1' },
      validTo: '2026-08-01',
    };
    expect(caseRolesFor('maria', [grant], subject).grants).toEqual([
      {
        role: 'processResponsible',
        basis: "deputy standing in for the process responsible for Saksbehandling during the holder's absence until 2026-08-01",
        reference: { mandateId: 'm1', absenceId: 'a1' },
      },
    ]);
  });

  it('prefers an own mandate to standing in when both hold', () => {
    const deputy: Grant = { role: 'process_responsible', scope: { kind: 'process', processId: CASE_HANDLING }, source: { kind: 'deputy', id: 'm1', absenceId: 'a1' } };
    const own: Grant = { role: 'process_responsible', scope: { kind: 'process', processId: CASE_HANDLING }, source: { kind: 'mandate', id: 'm2' } };
    expect(caseRolesFor('x', [deputy, own], subject).grants[0]!.reference).toEqual({ mandateId: 'm2' });
  });

  it('gives no process role for another process', () => {
    const grants: Grant[] = [
      { role: 'process_responsible', scope: { kind: 'process', processId: PRIVACY }, source: { kind: 'mandate', id: 'm3' } },
      assignment('process_owner', { kind: 'process', processId: PRIVACY }),
      assignment('process_adviser', { kind: 'process', processId: CASE_HANDLING }),
    ];
    expect(caseRolesFor('x', grants, subject).roles).toEqual([]);
  });

  it('makes the process owner of the process, or a global one, its process owner', () => {
    expect(caseRolesFor('ingrid', [assignment('process_owner', { kind: 'process', processId: CASE_HANDLING })], subject).grants).toEqual([
      { role: 'processOwner', basis: 'process owner of Saksbehandling', reference: { roleAssignmentId: 'ra-process_owner' } },
    ]);
    expect(caseRolesFor('x', [assignment('process_owner', { kind: 'global' })], subject).roles).toEqual(['processOwner']);
  });

  it('makes the programme secretariat the programme; council and rector vote and approve outside the case', () => {
    expect(caseRolesFor('eva', [assignment('programme_secretariat', { kind: 'global' }, 'ra-s', '2030-12-31')], subject).grants).toEqual([
      { role: 'programme', basis: 'programme secretariat until 2030-12-31', reference: { roleAssignmentId: 'ra-s' } },
    ]);
    expect(caseRolesFor('randi', [assignment('programme_council', { kind: 'global' }), assignment('rector', { kind: 'global' })], subject).roles).toEqual([]);
  });

  it('lists each role once, in the machine vocabulary order, for a user holding several', () => {
    const grants: Grant[] = [
      assignment('programme_secretariat', { kind: 'global' }),
      assignment('process_owner', { kind: 'process', processId: CASE_HANDLING }),
      assignment('line_manager', { kind: 'unit', unitId: IFI }, 'ra-1'),
      assignment('line_manager', { kind: 'unit', unitId: NV }, 'ra-2'),
    ];
    const result = caseRolesFor('knut', grants, subject);
    expect(result.roles).toEqual(['reporter', 'lineManager', 'processOwner', 'programme']);
    expect(result.grants.filter((g) => g.role === 'lineManager')).toHaveLength(1);
  });

  describe('the project the case became', () => {
    const PROJECT = 'pr-1';
    const withTeam: CaseForRoles = {
      ...subject,
      projectTeam: [
        { userId: 'per', role: 'projectOwner', projectId: PROJECT, projectReference: 'PROSJEKT-7' },
        { userId: 'pia', role: 'projectManager', projectId: PROJECT, projectReference: 'PROSJEKT-7' },
      ],
    };

    it('makes its owner the project owner and its manager the project manager, by being named to it', () => {
      expect(caseRolesFor('per', [], withTeam)).toEqual({
        roles: ['projectOwner'],
        grants: [{ role: 'projectOwner', basis: 'project owner of PROSJEKT-7, the project the case became', reference: { projectId: PROJECT } }],
      });
      expect(caseRolesFor('pia', [], withTeam).grants).toEqual([
        { role: 'projectManager', basis: 'project manager of PROSJEKT-7, the project the case became', reference: { projectId: PROJECT } },
      ]);
    });

    it('gives someone named to both both roles, and nobody else either', () => {
      const both: CaseForRoles = { ...withTeam, projectTeam: [...withTeam.projectTeam!, { userId: 'per', role: 'projectManager', projectId: PROJECT, projectReference: 'PROSJEKT-7' }] };
      expect(caseRolesFor('per', [], both).roles).toEqual(['projectOwner', 'projectManager']);
      expect(caseRolesFor('knut', [assignment('project_manager', { kind: 'global' })], withTeam).roles).toEqual(['reporter']);
      expect(caseRolesFor('per', [], subject).roles).toEqual([]);
    });
  });

  it('gives an admin no case role: administration is not a say in the case', () => {
    expect(caseRolesFor('henrik', [assignment('admin', { kind: 'global' })], subject).roles).toEqual([]);
  });
});
