import type { Grant } from '#flyt/access';
import { actingRolesOfAll } from '#flyt/workflow-runtime';
import { IMPROVEMENT_CASE_REGISTRATION } from '../improvement-case.registration.js';
import { inboxScopeWhere } from './inbox-scope.js';

const IFI = 'u-ifi';
const NV = 'u-nv';
const CASE_HANDLING = 'p-sak';
const EXAMS = 'p-eksamen';
const COLUMNS = { reporterId: 'c.reporter_id', reportingUnitId: 'c.reporting_unit_id', processId: 'c.process_id', proposedAt: 'c.proposed_at', state: 'c.state' };

const grant = (role: Grant['role'], scope: Grant['scope']): Grant => ({ role, scope, source: { kind: 'assignment', id: `ra-${role}` } });
const ACTING = actingRolesOfAll(
  IMPROVEMENT_CASE_REGISTRATION.versions.map((v) => v.machine),
  ['WITHDRAW'],
);

describe('the cases an inbox weighs', () => {
  it('reads off the case machine which state waits for which role (withdrawing aside)', () => {
    expect(ACTING?.byRole.get('reporter')).toEqual(['awaitingInformation']);
    expect(ACTING?.byRole.get('processResponsible')).toEqual(['submitted']);
    expect(ACTING?.byRole.get('processOwner')).toEqual(['benefitsFollowUp', 'withProcessOwner']);
    expect(ACTING?.byRole.get('programme')).toEqual(['awaitingPrioritisation']);
    expect(ACTING?.byRole.get('lineManager')).toEqual(expect.arrayContaining(['draft', 'localImprovement.plan', 'localImprovement.trial']));
    expect(ACTING?.anyRole).toEqual([]);
  });

  it('looks, for each role the user can hold, only at the cases where they hold it and whose state waits for it', () => {
    const scope = inboxScopeWhere(
      'x',
      [
        grant('line_manager', { kind: 'unit', unitId: NV }),
        grant('line_manager', { kind: 'unit', unitId: IFI }),
        { role: 'process_responsible', scope: { kind: 'process', processId: CASE_HANDLING }, source: { kind: 'deputy', id: 'm', absenceId: 'a' } },
        grant('process_owner', { kind: 'process', processId: EXAMS }),
        grant('programme_secretariat', { kind: 'global' }),
      ],
      ACTING,
      COLUMNS,
    );
    expect(scope.sql).toBe(
      '((c.reporter_id = :inbox_me AND c.state = ANY(CAST(:inbox_reporter AS text[])))' +
        ' OR (c.reporting_unit_id IN (SELECT u.id FROM unit u WHERE u.path && CAST(:inbox_units AS uuid[])) AND c.state = ANY(CAST(:inbox_lineManager AS text[])))' +
        ' OR (c.process_id = ANY(CAST(:inbox_responsibleFor AS uuid[])) AND c.state = ANY(CAST(:inbox_processResponsible AS text[])))' +
        ' OR (c.process_id = ANY(CAST(:inbox_ownerOf AS uuid[])) AND c.state = ANY(CAST(:inbox_processOwner AS text[])))' +
        ' OR (c.proposed_at IS NOT NULL AND c.state = ANY(CAST(:inbox_programme AS text[]))))',
    );
    expect(scope.params).toMatchObject({
      inbox_me: 'x',
      inbox_reporter: ['awaitingInformation'],
      inbox_units: [IFI, NV].sort(),
      inbox_responsibleFor: [CASE_HANDLING],
      inbox_processResponsible: ['submitted'],
      inbox_ownerOf: [EXAMS],
      inbox_processOwner: ['benefitsFollowUp', 'withProcessOwner'],
      inbox_programme: ['awaitingPrioritisation'],
    });
  });

  it('does not mistake a process owner for the process responsible, nor the reverse', () => {
    const owner = inboxScopeWhere('x', [grant('process_owner', { kind: 'process', processId: EXAMS })], ACTING, COLUMNS);
    expect(owner.sql).not.toContain('inbox_processResponsible');
    expect(owner.params).toMatchObject({ inbox_ownerOf: [EXAMS] });
  });

  it('takes a global grant as every case, still only in the states that wait for the role', () => {
    const scope = inboxScopeWhere('x', [grant('process_responsible', { kind: 'global' })], ACTING, COLUMNS);
    expect(scope.sql).toContain('(TRUE AND c.state = ANY(CAST(:inbox_processResponsible AS text[])))');
  });

  it('leaves out roles that never decide in a case (adviser, council, rector, admin): only the user’s own cases remain', () => {
    const scope = inboxScopeWhere(
      'x',
      [grant('process_adviser', { kind: 'process', processId: CASE_HANDLING }), grant('programme_council', { kind: 'global' }), grant('rector', { kind: 'global' }), grant('admin', { kind: 'global' })],
      ACTING,
      COLUMNS,
    );
    expect(scope.sql).toBe('((c.reporter_id = :inbox_me AND c.state = ANY(CAST(:inbox_reporter AS text[]))))');
  });

  it('weighs a role’s cases in every state when the machine’s transitions cannot be read (parallel regions)', () => {
    const scope = inboxScopeWhere('x', [grant('line_manager', { kind: 'unit', unitId: IFI })], null, COLUMNS);
    expect(scope.sql).toBe('((c.reporter_id = :inbox_me) OR (c.reporting_unit_id IN (SELECT u.id FROM unit u WHERE u.path && CAST(:inbox_units AS uuid[]))))');
  });

  it('finds nothing for a role whose states no transition waits in', () => {
    const scope = inboxScopeWhere('x', [], { byRole: new Map(), anyRole: [] }, COLUMNS);
    expect(scope).toEqual({ sql: 'FALSE', params: {} });
  });
});
