import type { AssignmentRecord, MandateRecord } from '#flyt/access';
import { type Directory, recipientsFor } from './recipients.js';

const TODAY = '2026-03-16';
// uni > fac > dep > sec
const PATH = ['u-uni', 'u-fac', 'u-dep', 'u-sec'];
const CASE = { reporterId: 'reporter', processId: 'p-A', reportingUnitPath: PATH };

let n = 0;
function assignment(userId: string, role: AssignmentRecord['role'], scope: AssignmentRecord['scope'], period: Partial<AssignmentRecord> = {}) {
  n += 1;
  return { id: `as-${n}`, userId, role, scope, validFrom: '2020-01-01', validTo: null, ended: false, ...period };
}
function mandate(holderId: string, m: Partial<MandateRecord> = {}): MandateRecord {
  n += 1;
  return { id: `md-${n}`, processId: 'p-A', holderId, deputyId: null, validFrom: '2020-01-01', validTo: '2099-12-31', ended: false, absences: [], ...m };
}
const directory = (d: Partial<Directory>): Directory => ({ assignments: [], mandates: [], endedUserIds: new Set(), ...d });
const unit = (unitId: string) => ({ kind: 'unit' as const, unitId });
const process = (processId: string) => ({ kind: 'process' as const, processId });
const GLOBAL = { kind: 'global' as const };

describe('recipientsFor', () => {
  it('sends reporter notifications to the case’s reporter', () => {
    expect(recipientsFor('reporter', CASE, directory({}), TODAY)).toEqual(['reporter']);
  });

  it('finds the line managers of the nearest unit above the reporting unit that has one', () => {
    const d = directory({
      assignments: [
        assignment('lm-dep-1', 'line_manager', unit('u-dep')),
        assignment('lm-dep-2', 'line_manager', unit('u-dep')),
        assignment('lm-fac', 'line_manager', unit('u-fac')),
        assignment('lm-other', 'line_manager', unit('u-other')),
        // out of force: does not count as the section's manager
        assignment('lm-sec-old', 'line_manager', unit('u-sec'), { validTo: '2025-12-31' }),
        assignment('emp-sec', 'employee', unit('u-sec')),
      ],
    });
    expect(recipientsFor('lineManager', CASE, d, TODAY)).toEqual(['lm-dep-1', 'lm-dep-2']);
    const own = directory({ assignments: [...d.assignments, assignment('lm-sec', 'line_manager', unit('u-sec'))] });
    expect(recipientsFor('lineManager', CASE, own, TODAY)).toEqual(['lm-sec']);
  });

  it('skips a unit whose only line manager has ended, and goes up', () => {
    const d = directory({
      assignments: [assignment('lm-dep', 'line_manager', unit('u-dep')), assignment('lm-fac', 'line_manager', unit('u-fac'))],
      endedUserIds: new Set(['lm-dep']),
    });
    expect(recipientsFor('lineManager', CASE, d, TODAY)).toEqual(['lm-fac']);
  });

  it('finds the mandate holders of the case’s process, and the deputy while a holder is away', () => {
    const d = directory({
      mandates: [
        mandate('holder', { deputyId: 'deputy', absences: [{ id: 'ab-1', startsOn: '2026-03-10', endsOn: '2026-03-20' }] }),
        mandate('second-holder', { deputyId: 'idle-deputy' }),
        mandate('expired-holder', { validTo: '2026-01-31' }),
        mandate('ended-holder', { ended: true }),
        mandate('other-process', { processId: 'p-B' }),
      ],
    });
    expect(recipientsFor('processResponsible', CASE, d, TODAY)).toEqual(['deputy', 'holder', 'second-holder']);
    expect(recipientsFor('processResponsible', CASE, d, '2026-03-21')).toEqual(['holder', 'second-holder']);
  });

  it('finds the process owners of the process, and those of every process', () => {
    const d = directory({
      assignments: [
        assignment('po-A', 'process_owner', process('p-A')),
        assignment('po-B', 'process_owner', process('p-B')),
        assignment('po-all', 'process_owner', GLOBAL),
        assignment('po-future', 'process_owner', process('p-A'), { validFrom: '2027-01-01' }),
        assignment('po-removed', 'process_owner', process('p-A'), { ended: true }),
      ],
    });
    expect(recipientsFor('processOwner', CASE, d, TODAY)).toEqual(['po-A', 'po-all']);
  });

  it('sends programme notifications to the programme secretariat', () => {
    const d = directory({
      assignments: [assignment('sec', 'programme_secretariat', GLOBAL), assignment('council', 'programme_council', GLOBAL)],
    });
    expect(recipientsFor('programmeSecretariat', CASE, d, TODAY)).toEqual(['sec']);
  });

  it('leaves out users whose account has ended, the reporter too', () => {
    const d = directory({ assignments: [assignment('sec', 'programme_secretariat', GLOBAL)], endedUserIds: new Set(['sec', 'reporter']) });
    expect(recipientsFor(['reporter', 'programmeSecretariat'], CASE, d, TODAY)).toEqual([]);
  });

  it('names each user once, however many of the roles they hold', () => {
    const d = directory({
      assignments: [assignment('reporter', 'process_owner', process('p-A')), assignment('reporter', 'line_manager', unit('u-sec'))],
      mandates: [mandate('reporter')],
    });
    expect(recipientsFor(['reporter', 'lineManager', 'processResponsible', 'processOwner'], CASE, d, TODAY)).toEqual(['reporter']);
  });

  it('names nobody when no one holds the role today', () => {
    expect(recipientsFor(['processOwner', 'programmeSecretariat'], CASE, directory({}), TODAY)).toEqual([]);
  });
});
