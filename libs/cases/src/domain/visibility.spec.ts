import type { Grant } from '#flyt/access';
import { caseVisibility, isVisible, type VisibleCase, visibilityWhere } from './visibility.js';

const UNI = 'u-uni';
const NV = 'u-nv';
const IFI = 'u-ifi';
const HF = 'u-hf';
const CASE_HANDLING = 'p-sak';
const PRIVACY = 'p-personvern';

const grant = (role: Grant['role'], scope: Grant['scope']): Grant => ({ role, scope, source: { kind: 'assignment', id: `ra-${role}` } });

const ifiCase: VisibleCase = { id: 'c-ifi', reporterId: 'sofie', reportingUnitPath: [UNI, NV, IFI], processId: CASE_HANDLING, proposedAt: null, escalatedToProgrammeAt: null };
const proposed: VisibleCase = { ...ifiCase, proposedAt: '2026-03-01T10:00:00Z' };
/** Left undecided by the process owner past the deadline: the secretariat was told. */
const escalated: VisibleCase = { ...ifiCase, escalatedToProgrammeAt: '2026-04-01T06:00:00Z' };

const COLUMNS = {
  caseId: 'c.id',
  reporterId: 'c.reporter_id',
  reportingUnitPath: 'ru.path',
  processId: 'c.process_id',
  proposedAt: 'c.proposed_at',
  escalatedToProgrammeAt: 'c.escalated_to_programme_at',
};

describe('who sees a case', () => {
  it('lets the reporter see their own case and nothing else', () => {
    const v = caseVisibility('sofie', [grant('employee', { kind: 'unit', unitId: IFI })]);
    expect(isVisible(v, ifiCase)).toBe(true);
    expect(isVisible(caseVisibility('magnus', []), ifiCase)).toBe(false);
  });

  it('lets a line manager see the cases of their unit subtree, not another faculty', () => {
    expect(isVisible(caseVisibility('knut', [grant('line_manager', { kind: 'unit', unitId: IFI })]), ifiCase)).toBe(true);
    expect(isVisible(caseVisibility('torunn', [grant('line_manager', { kind: 'unit', unitId: NV })]), ifiCase)).toBe(true);
    expect(isVisible(caseVisibility('liv', [grant('line_manager', { kind: 'unit', unitId: HF })]), ifiCase)).toBe(false);
  });

  it('lets the process owner, responsible (also a deputy standing in), adviser and team see the cases of their process only', () => {
    const deputy: Grant = { role: 'process_responsible', scope: { kind: 'process', processId: CASE_HANDLING }, source: { kind: 'deputy', id: 'm', absenceId: 'a' } };
    for (const grants of [
      [grant('process_owner', { kind: 'process', processId: CASE_HANDLING })],
      [grant('process_adviser', { kind: 'process', processId: CASE_HANDLING })],
      [deputy],
    ]) {
      expect(isVisible(caseVisibility('x', grants), ifiCase)).toBe(true);
    }
    expect(isVisible(caseVisibility('team-member', [], [CASE_HANDLING]), ifiCase)).toBe(true);
    expect(isVisible(caseVisibility('x', [grant('process_owner', { kind: 'process', processId: PRIVACY })], [PRIVACY]), ifiCase)).toBe(false);
  });

  it('lets the programme see a case only once it has been proposed to it', () => {
    for (const role of ['programme_secretariat', 'programme_council', 'rector'] as const) {
      const v = caseVisibility('p', [grant(role, { kind: 'global' })]);
      expect([isVisible(v, ifiCase), isVisible(v, proposed)]).toEqual([false, true]);
    }
  });

  it('lets the secretariat, and only it of the programme, see a case a missed deadline escalated to it', () => {
    expect(isVisible(caseVisibility('eva', [grant('programme_secretariat', { kind: 'global' })]), escalated)).toBe(true);
    expect(isVisible(caseVisibility('randi', [grant('programme_council', { kind: 'global' })]), escalated)).toBe(false);
    expect(isVisible(caseVisibility('bjorn', [grant('rector', { kind: 'global' })]), escalated)).toBe(false);
    expect(isVisible(caseVisibility('liv', [grant('line_manager', { kind: 'unit', unitId: HF })]), escalated)).toBe(false);
  });

  it('lets the people who work on the project a case became see that case, and no other', () => {
    const member = caseVisibility('pia', [], [], ['c-ifi']);
    expect(isVisible(member, ifiCase)).toBe(true);
    expect(isVisible(member, { ...ifiCase, id: 'c-other' })).toBe(false);
    expect(isVisible(caseVisibility('pia', [grant('project_manager', { kind: 'global' })]), ifiCase)).toBe(false);
  });

  it('lets an admin see every case', () => {
    expect(caseVisibility('henrik', [grant('admin', { kind: 'global' })])).toEqual({ kind: 'all' });
  });
});

describe('the visibility rule as SQL', () => {
  it('is TRUE for those who see all', () => {
    expect(visibilityWhere({ kind: 'all' }, COLUMNS)).toEqual({ sql: 'TRUE', params: {} });
  });

  it('is the reporter alone for someone without roles', () => {
    expect(visibilityWhere(caseVisibility('magnus', []), COLUMNS)).toEqual({ sql: '(c.reporter_id = :visReporter)', params: { visReporter: 'magnus' } });
  });

  it('adds the unit subtree, the processes and the proposed cases, as parameters', () => {
    const v = caseVisibility(
      'x',
      [grant('line_manager', { kind: 'unit', unitId: IFI }), grant('process_owner', { kind: 'process', processId: PRIVACY }), grant('rector', { kind: 'global' })],
      [CASE_HANDLING],
    );
    expect(visibilityWhere(v, COLUMNS, 'v')).toEqual({
      sql: '(c.reporter_id = :vReporter OR ru.path && CAST(:vUnits AS uuid[]) OR c.process_id = ANY(CAST(:vProcesses AS uuid[])) OR c.proposed_at IS NOT NULL)',
      params: { vReporter: 'x', vUnits: [IFI], vProcesses: [PRIVACY, CASE_HANDLING].sort() },
    });
  });

  it('adds the cases of the projects the user works on', () => {
    expect(visibilityWhere(caseVisibility('pia', [], [], ['c-2', 'c-1', 'c-2']), COLUMNS, 'v')).toEqual({
      sql: '(c.reporter_id = :vReporter OR c.id = ANY(CAST(:vProjectCases AS uuid[])))',
      params: { vReporter: 'pia', vProjectCases: ['c-1', 'c-2'] },
    });
  });

  it('adds the escalated cases for the secretariat', () => {
    expect(visibilityWhere(caseVisibility('eva', [grant('programme_secretariat', { kind: 'global' })]), COLUMNS, 'v')).toEqual({
      sql: '(c.reporter_id = :vReporter OR c.proposed_at IS NOT NULL OR c.escalated_to_programme_at IS NOT NULL)',
      params: { vReporter: 'eva' },
    });
  });
});
