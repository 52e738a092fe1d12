import { type Action, ACTION_RULES } from './actions.js';
import type { Grant, GrantSource, Scope } from './grant.js';
import { decide, describeRequirement, type ResourceContext, type RoleRequirement, type Rule, type Subject, unitsCoveredBy } from './policy.js';
import { ASSIGNABLE_SCOPES, type Role, ROLES } from './role.js';

// The unit tree: uni → fac-hf → dep-hf-phil, uni → fac-mn → dep-mn-math.
const PATH = {
  uni: ['uni'],
  facHf: ['uni', 'fac-hf'],
  depHfPhil: ['uni', 'fac-hf', 'dep-hf-phil'],
  facMn: ['uni', 'fac-mn'],
  depMnMath: ['uni', 'fac-mn', 'dep-mn-math'],
} as const;

const GLOBAL: Scope = { kind: 'global' };
const unit = (unitId: string): Scope => ({ kind: 'unit', unitId });
const processScope = (processId: string): Scope => ({ kind: 'process', processId });

function grant(role: Role, scope: Scope, source: GrantSource = { kind: 'assignment', id: `as-${role}` }): Grant {
  return { role, scope, source };
}

function subject(userId: string, ...grants: Grant[]): Subject {
  return { userId, grants };
}

const refusedWith = (requiredRoles: string[]) => ({ allowed: false, requiredRoles });

describe('decide: everyone', () => {
  const rule: Rule = { everyone: true };

  it.each<[string, Subject, ResourceContext | undefined]>([
    ['a user without any grant', subject('u-1'), undefined],
    ['a user without any grant, on a resource in a unit', subject('u-1'), { unitPath: PATH.depMnMath }],
    ['an admin', subject('u-2', grant('admin', GLOBAL)), { processId: 'p-A' }],
    ['a user on a resource that belongs to someone else', subject('u-1'), { ownerUserId: 'u-9' }],
  ])('allows %s', (_label, s, resource) => {
    expect(decide(rule, s, resource)).toEqual({ allowed: true, via: 'everyone' });
  });
});

describe('decide: owner', () => {
  const ownerOnly: Rule = { owner: true };
  const ownerOrAdmin: Rule = { owner: true, anyOf: [{ role: 'admin', in: 'global' }] };

  it('allows the user the resource belongs to', () => {
    expect(decide(ownerOnly, subject('u-1'), { ownerUserId: 'u-1' })).toEqual({ allowed: true, via: 'owner' });
  });

  it.each<[string, ResourceContext | undefined]>([
    ['belongs to another user', { ownerUserId: 'u-2' }],
    ['has no owner', {}],
    ['is not given', undefined],
  ])('refuses when the resource %s, naming the owner as who may', (_label, resource) => {
    expect(decide(ownerOnly, subject('u-1'), resource)).toEqual(refusedWith(['the user it belongs to']));
  });

  it('allows the owner as owner even when they also hold a role that would allow it', () => {
    expect(decide(ownerOrAdmin, subject('u-1', grant('admin', GLOBAL)), { ownerUserId: 'u-1' })).toEqual({ allowed: true, via: 'owner' });
  });

  it('allows a role holder on a resource of another user', () => {
    const decision = decide(ownerOrAdmin, subject('u-1', grant('admin', GLOBAL)), { ownerUserId: 'u-2' });
    expect(decision).toEqual({ allowed: true, via: { role: 'admin', scope: GLOBAL, source: { kind: 'assignment', id: 'as-admin' } } });
  });

  it('lists both the roles and the owner when refusing', () => {
    const decision = decide(ownerOrAdmin, subject('u-1'), { ownerUserId: 'u-2' });
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect([...decision.requiredRoles].sort()).toEqual(['admin', 'the user it belongs to']);
  });
});

describe('decide: a global requirement', () => {
  const rule: Rule = { anyOf: [{ role: 'project_manager', in: 'global' }] };

  it.each<[string, Grant[], ResourceContext, boolean]>([
    ['allows the role held globally', [grant('project_manager', GLOBAL)], { unitPath: PATH.depHfPhil }, true],
    ['allows the role held globally on a resource without context', [grant('project_manager', GLOBAL)], {}, true],
    ['refuses the same role held in a unit, even on a resource in that unit', [grant('project_manager', unit('fac-hf'))], { unitPath: PATH.depHfPhil }, false],
    ['refuses the same role held in the root unit', [grant('project_manager', unit('uni'))], { unitPath: PATH.uni }, false],
    ['refuses another role held globally', [grant('benefit_owner', GLOBAL)], {}, false],
    ['refuses a user without grants', [], {}, false],
  ])('%s', (_label, grants, resource, allowed) => {
    expect(decide(rule, subject('u-1', ...grants), resource).allowed).toBe(allowed);
  });

  it('refuses a unit-scoped admin the admin-only actions', () => {
    expect(decide({ anyOf: [{ role: 'admin', in: 'global' }] }, subject('u-1', grant('admin', unit('uni'))), { unitPath: PATH.uni })).toEqual(
      refusedWith(['admin']),
    );
  });
});

describe('decide: unitOfResource', () => {
  const rule: Rule = { anyOf: [{ role: 'line_manager', in: 'unitOfResource' }] };

  it.each<[string, string, ResourceContext, boolean]>([
    // [case, unit the line manager leads, resource, allowed]
    ['a department under their faculty', 'fac-hf', { unitPath: PATH.depHfPhil }, true],
    ['their own faculty', 'fac-hf', { unitPath: PATH.facHf }, true],
    ['their own department', 'dep-hf-phil', { unitPath: PATH.depHfPhil }, true],
    ['any unit, when leading the root', 'uni', { unitPath: PATH.depMnMath }, true],
    ['a department of a sibling faculty', 'fac-hf', { unitPath: PATH.depMnMath }, false],
    ['a sibling faculty', 'fac-hf', { unitPath: PATH.facMn }, false],
    ['the faculty above their department', 'dep-hf-phil', { unitPath: PATH.facHf }, false],
    ['the root above their faculty', 'fac-hf', { unitPath: PATH.uni }, false],
    ['a resource without a unit path', 'fac-hf', {}, false],
    ['a resource with an empty unit path', 'fac-hf', { unitPath: [] }, false],
    ['a resource with only a process', 'fac-hf', { processId: 'p-A' }, false],
  ])('for a line manager of a unit, on %s', (_label, unitId, resource, allowed) => {
    expect(decide(rule, subject('u-lm', grant('line_manager', unit(unitId))), resource).allowed).toBe(allowed);
  });

  it('allows when any one of several unit grants covers the resource, reporting that grant', () => {
    const s = subject('u-lm', grant('line_manager', unit('fac-mn'), { kind: 'assignment', id: 'as-mn' }), grant('line_manager', unit('fac-hf'), { kind: 'assignment', id: 'as-hf' }));
    expect(decide(rule, s, { unitPath: PATH.depHfPhil })).toEqual({
      allowed: true,
      via: { role: 'line_manager', scope: unit('fac-hf'), source: { kind: 'assignment', id: 'as-hf' } },
    });
  });

  it('refuses another role held in the resource’s unit', () => {
    expect(decide(rule, subject('u-emp', grant('employee', unit('dep-hf-phil'))), { unitPath: PATH.depHfPhil })).toEqual(
      refusedWith(['line_manager of the unit or a unit above it']),
    );
  });

  it('allows the role held globally', () => {
    expect(decide(rule, subject('u-1', grant('line_manager', GLOBAL)), { unitPath: PATH.depMnMath }).allowed).toBe(true);
  });
});

describe('decide: processOfResource', () => {
  const rule: Rule = { anyOf: [{ role: 'process_owner', in: 'processOfResource' }] };
  const ownerOfA = subject('u-po', grant('process_owner', processScope('p-A')));

  it.each<[string, Subject, ResourceContext, boolean]>([
    ['the process owner of A on process A', ownerOfA, { processId: 'p-A' }, true],
    ['the process owner of A on process B', ownerOfA, { processId: 'p-B' }, false],
    ['the process owner of A on a resource without a process', ownerOfA, {}, false],
    ['the process owner of A on a resource in a unit only', ownerOfA, { unitPath: PATH.facHf }, false],
    ['the process adviser of A on process A', subject('u-pa', grant('process_adviser', processScope('p-A'))), { processId: 'p-A' }, false],
    ['a unit-scoped grant of the role on process A', subject('u-x', grant('process_owner', unit('fac-hf'))), { processId: 'p-A', unitPath: PATH.facHf }, false],
  ])('%s → %s', (_label, s, resource, allowed) => {
    expect(decide(rule, s, resource).allowed).toBe(allowed);
  });

  it('names the process in the refusal', () => {
    expect(decide(rule, ownerOfA, { processId: 'p-B' })).toEqual(refusedWith(['process_owner of the process']));
  });
});

describe('decide: anywhere', () => {
  const rule: Rule = { anyOf: [{ role: 'process_adviser', in: 'anywhere' }] };

  it.each<[string, Scope, ResourceContext]>([
    ['a process scope, on another process', processScope('p-A'), { processId: 'p-B' }],
    ['a process scope, on a resource without context', processScope('p-A'), {}],
    ['a unit scope, on a unit elsewhere', unit('fac-mn'), { unitPath: PATH.depHfPhil }],
    ['the global scope', GLOBAL, {}],
  ])('allows the role held in %s', (_label, scope, resource) => {
    expect(decide(rule, subject('u-pa', grant('process_adviser', scope)), resource).allowed).toBe(true);
  });

  it('refuses a user without the role, naming the role', () => {
    expect(decide(rule, subject('u-1', grant('process_owner', processScope('p-A'))), { processId: 'p-A' })).toEqual(refusedWith(['process_adviser']));
  });
});

describe('decide: the decision reports what allowed it', () => {
  it.each<[string, Grant]>([
    ['a role assignment', grant('process_owner', processScope('p-A'), { kind: 'assignment', id: 'as-42' })],
    ['a mandate', grant('process_responsible', processScope('p-A'), { kind: 'mandate', id: 'md-7' })],
    ['a deputy standing in during an absence', grant('process_responsible', processScope('p-A'), { kind: 'deputy', id: 'md-7', absenceId: 'ab-3' })],
  ])('names the role, scope and source when it came from %s', (_label, g) => {
    const rule: Rule = {
      anyOf: [
        { role: 'process_owner', in: 'processOfResource' },
        { role: 'process_responsible', in: 'processOfResource' },
      ],
    };
    expect(decide(rule, subject('u-1', grant('employee', unit('fac-hf')), g), { processId: 'p-A' })).toEqual({
      allowed: true,
      via: { role: g.role, scope: g.scope, source: g.source },
    });
  });

  it('reports a grant that satisfies the rule, not another grant the user holds', () => {
    const s = subject('u-1', grant('process_owner', processScope('p-B'), { kind: 'assignment', id: 'as-B' }), grant('process_owner', processScope('p-A'), { kind: 'assignment', id: 'as-A' }));
    const decision = decide({ anyOf: [{ role: 'process_owner', in: 'processOfResource' }] }, s, { processId: 'p-A' });
    expect(decision).toEqual({ allowed: true, via: { role: 'process_owner', scope: processScope('p-A'), source: { kind: 'assignment', id: 'as-A' } } });
  });
});

describe('decide: members of the resource’s unit', () => {
  const rule = { memberOfUnit: true, anyOf: [{ role: 'line_manager', in: 'unitOfResource' }] } as const;

  it('lets a member of the unit the resource is for, and a line manager above it; refuses a member of another unit, naming both ways in', () => {
    const member = { ...subject('u-emp', grant('employee', unit('dep-hf-phil'))), unitId: 'dep-hf-phil' };
    const other = { ...subject('u-emp-2', grant('employee', unit('dep-hf-ling'))), unitId: 'dep-hf-ling' };
    const manager = { ...subject('u-lm', grant('line_manager', unit('fac-hf'))), unitId: 'fac-hf' };
    const resource = { unitPath: PATH.depHfPhil, unitId: 'dep-hf-phil' };
    expect(decide(rule, member, resource)).toEqual({ allowed: true, via: 'memberOfUnit' });
    expect(decide(rule, manager, resource).allowed).toBe(true);
    expect(decide(rule, other, resource)).toEqual({ allowed: false, requiredRoles: ['line_manager of the unit or a unit above it', 'a member of the unit'] });
  });
});

describe('describeRequirement', () => {
  it.each<[RoleRequirement, string]>([
    [{ role: 'admin', in: 'global' }, 'admin'],
    [{ role: 'process_adviser', in: 'anywhere' }, 'process_adviser'],
    [{ role: 'process_owner', in: 'processOfResource' }, 'process_owner of the process'],
    [{ role: 'line_manager', in: 'unitOfResource' }, 'line_manager of the unit or a unit above it'],
  ])('%o reads %s', (requirement, text) => {
    expect(describeRequirement(requirement)).toBe(text);
  });
});

describe('ACTION_RULES: who may take each action', () => {
  // The resource every action is tried on: a user record / mandate in dep-hf-phil, about process p-A, belonging to u-owner.
  const RESOURCE: ResourceContext = { unitPath: PATH.depHfPhil, processId: 'p-A', ownerUserId: 'u-owner' };

  /** One subject per role, holding it globally where it can be, else in the scope that covers RESOURCE. */
  function rightScope(role: Role): Scope {
    const scopes = ASSIGNABLE_SCOPES[role];
    if (scopes.includes('global')) return GLOBAL;
    if (scopes.includes('unit')) return unit('fac-hf');
    return processScope('p-A'); // process-scoped roles, and process_responsible (from a mandate)
  }
  const source = (role: Role): GrantSource => (role === 'process_responsible' ? { kind: 'mandate', id: 'md-A' } : { kind: 'assignment', id: `as-${role}` });

  const SUBJECTS: Record<string, Subject> = {
    ...Object.fromEntries(ROLES.map((role) => [role, subject(`u-${role}`, grant(role, rightScope(role), source(role)))])),
    // The same roles held in a scope that does not cover RESOURCE.
    'line_manager@fac-mn': subject('u-lm-mn', grant('line_manager', unit('fac-mn'))),
    'employee@dep-hf-phil': subject('u-emp', grant('employee', unit('dep-hf-phil'))),
    'process_owner@p-B': subject('u-po-b', grant('process_owner', processScope('p-B'))),
    'process_responsible@p-B': subject('u-pr-b', grant('process_responsible', processScope('p-B'), { kind: 'mandate', id: 'md-B' })),
    'process_adviser@p-B': subject('u-pa-b', grant('process_adviser', processScope('p-B'))),
    'project_manager@fac-hf': subject('u-pm-hf', grant('project_manager', unit('fac-hf'))),
    'benefit_owner@fac-hf': subject('u-bo-hf', grant('benefit_owner', unit('fac-hf'))),
    // The user the resource belongs to (the user record's user, the mandate's holder), with no role.
    owner: subject('u-owner'),
    stranger: subject('u-stranger'),
  };
  const ALL = Object.keys(SUBJECTS).sort();

  const EXPECTED: Record<Action, readonly string[]> = {
    'me.read': ALL,
    'units.read': ALL,
    'processes.read': ALL,
    'mandates.read': ALL,
    'cases.read': ALL,
    'cases.decide': ALL,
    'cases.comment': ALL,
    'workflows.read': ALL,
    'notifications.read': ALL,
    'rounds.read': ALL,
    'rounds.decide': ALL,
    'developmentPlan.read': ALL,
    'projects.read': ALL,
    'projects.decide': ALL,
    'reports.read': ['admin', 'process_owner', 'process_owner@p-B', 'programme_council', 'programme_secretariat', 'rector'],
    'rounds.manage': ['programme_secretariat'],
    'cases.create': ['line_manager'],
    'cases.moveAnyDeadline': ['admin'],
    'workflows.manage': ['admin'],
    'outbox.manage': ['admin'],
    'queues.manage': ['admin'],
    'cases.update': ['owner', 'process_responsible'],
    'units.manage': ['admin'],
    'processes.manage': ['admin'],
    'users.manage': ['admin'],
    'roleAssignments.manage': ['admin'],
    'processes.update': ['admin', 'process_owner'],
    'mandates.manage': ['admin', 'process_owner'],
    'mandates.recordAbsence': ['admin', 'owner', 'process_owner'],
    'roleAssignments.read': ['admin', 'owner', 'programme_secretariat'],
    'users.read': [
      'admin',
      'line_manager',
      'owner',
      'process_adviser',
      'process_adviser@p-B',
      'process_owner',
      'process_owner@p-B',
      'process_responsible',
      'process_responsible@p-B',
      'programme_secretariat',
    ],
  };

  it('has an expectation for every action, and no other', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(ACTION_RULES).sort());
  });

  it('has a subject for every role', () => {
    for (const role of ROLES) expect(SUBJECTS[role]!.grants.map((g) => g.role)).toEqual([role]);
  });

  it.each(Object.entries(EXPECTED) as Array<[Action, readonly string[]]>)('%s is allowed to exactly %j', (action, expected) => {
    const allowed = ALL.filter((name) => decide(ACTION_RULES[action], SUBJECTS[name]!, RESOURCE).allowed);
    expect(allowed).toEqual([...expected].sort());
  });

  const REQUIRED: Partial<Record<Action, string[]>> = {
    'units.manage': ['admin'],
    'processes.manage': ['admin'],
    'users.manage': ['admin'],
    'roleAssignments.manage': ['admin'],
    'processes.update': ['admin', 'process_owner of the process'],
    'mandates.manage': ['admin', 'process_owner of the process'],
    'mandates.recordAbsence': ['admin', 'process_owner of the process', 'the user it belongs to'],
    'roleAssignments.read': ['admin', 'programme_secretariat', 'the user it belongs to'],
    'users.read': [
      'admin',
      'line_manager of the unit or a unit above it',
      'process_adviser',
      'process_owner',
      'process_responsible',
      'programme_secretariat',
      'the user it belongs to',
    ],
  };

  it.each(Object.entries(REQUIRED) as Array<[Action, string[]]>)('a refusal of %s names who may: %j', (action, required) => {
    const decision = decide(ACTION_RULES[action], SUBJECTS.stranger!, RESOURCE);
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect([...decision.requiredRoles].sort()).toEqual([...required].sort());
  });

  it('allows the process owner of the process to update it, reporting the grant', () => {
    expect(decide(ACTION_RULES['processes.update'], SUBJECTS.process_owner!, { processId: 'p-A' })).toEqual({
      allowed: true,
      via: { role: 'process_owner', scope: processScope('p-A'), source: { kind: 'assignment', id: 'as-process_owner' } },
    });
  });

  it.each<[string, readonly string[], boolean]>([
    ['a user in a department under the faculty', PATH.depHfPhil, true],
    ['a user in the faculty itself', PATH.facHf, true],
    ['a user in a sibling faculty’s department', PATH.depMnMath, false],
    ['a user in the sibling faculty', PATH.facMn, false],
    ['a user at the root above the faculty', PATH.uni, false],
  ])('users.read: a line manager of fac-hf reading %s → %s', (_label, unitPath, allowed) => {
    const lineManager = subject('u-lm', grant('line_manager', unit('fac-hf')));
    expect(decide(ACTION_RULES['users.read'], lineManager, { unitPath, ownerUserId: 'u-someone' }).allowed).toBe(allowed);
  });

  it('users.read: a line manager may always read their own user', () => {
    const lineManager = subject('u-lm', grant('line_manager', unit('fac-hf')));
    expect(decide(ACTION_RULES['users.read'], lineManager, { unitPath: PATH.depMnMath, ownerUserId: 'u-lm' })).toEqual({ allowed: true, via: 'owner' });
  });

  it.each<[string, Subject, boolean]>([
    ['the mandate holder (as owner)', subject('u-holder', grant('process_responsible', processScope('p-A'), { kind: 'mandate', id: 'md-A' })), true],
    ['the process owner of the mandate’s process', subject('u-po', grant('process_owner', processScope('p-A'))), true],
    ['an admin', subject('u-admin', grant('admin', GLOBAL)), true],
    ['the process owner of another process', subject('u-po-b', grant('process_owner', processScope('p-B'))), false],
    ['the holder of another mandate', subject('u-other-holder', grant('process_responsible', processScope('p-B'), { kind: 'mandate', id: 'md-B' })), false],
    ['a line manager of the holder’s unit', subject('u-lm', grant('line_manager', unit('fac-hf'))), false],
  ])('mandates.recordAbsence on a mandate of p-A held by u-holder: %s → %s', (_label, s, allowed) => {
    const decision = decide(ACTION_RULES['mandates.recordAbsence'], s, { processId: 'p-A', ownerUserId: 'u-holder', unitPath: PATH.depHfPhil });
    expect(decision.allowed).toBe(allowed);
  });
});

describe('unitsCoveredBy', () => {
  const usersRead = ACTION_RULES['users.read'];

  it.each<[string, Rule, Grant[], 'all' | string[]]>([
    ['an everyone rule, for a user without grants', ACTION_RULES['units.read'], [], 'all'],
    ['users.read, for a global admin', usersRead, [grant('admin', GLOBAL)], 'all'],
    ['users.read, for the global secretariat', usersRead, [grant('programme_secretariat', GLOBAL)], 'all'],
    ['users.read, for a process owner of one process (anywhere)', usersRead, [grant('process_owner', processScope('p-A'))], 'all'],
    ['users.read, for a process responsible (anywhere)', usersRead, [grant('process_responsible', processScope('p-A'), { kind: 'mandate', id: 'md-A' })], 'all'],
    ['users.read, for a line manager of one faculty', usersRead, [grant('line_manager', unit('fac-hf'))], ['fac-hf']],
    ['users.read, for a line manager of two units', usersRead, [grant('line_manager', unit('fac-hf')), grant('line_manager', unit('dep-mn-math'))], ['fac-hf', 'dep-mn-math']],
    ['users.read, for a line manager who is also admin', usersRead, [grant('line_manager', unit('fac-hf')), grant('admin', GLOBAL)], 'all'],
    ['users.read, for an employee', usersRead, [grant('employee', unit('fac-hf'))], []],
    ['users.read, for a rector', usersRead, [grant('rector', GLOBAL)], []],
    ['users.read, for a user without grants', usersRead, [], []],
    ['units.manage, for a global admin', ACTION_RULES['units.manage'], [grant('admin', GLOBAL)], 'all'],
    ['units.manage, for a line manager', ACTION_RULES['units.manage'], [grant('line_manager', unit('fac-hf'))], []],
    ['a global-only rule, for the role held in a unit', { anyOf: [{ role: 'project_manager', in: 'global' }] }, [grant('project_manager', unit('fac-hf'))], []],
    ['a unit rule, for the role held globally', { anyOf: [{ role: 'benefit_owner', in: 'unitOfResource' }] }, [grant('benefit_owner', GLOBAL)], 'all'],
  ])('%s → %j', (_label, rule, grants, expected) => {
    const covered = unitsCoveredBy(rule, subject('u-1', ...grants));
    if (expected === 'all') expect(covered).toBe('all');
    else expect([...covered].sort()).toEqual([...expected].sort());
  });

  it('lists only units in which decide allows the action', () => {
    const lineManager = subject('u-lm', grant('line_manager', unit('fac-hf')), grant('employee', unit('fac-mn')));
    const covered = unitsCoveredBy(usersRead, lineManager);
    expect(covered).toEqual(['fac-hf']);
    for (const unitId of covered as string[]) {
      expect(decide(usersRead, lineManager, { unitPath: ['uni', unitId], ownerUserId: 'u-someone' }).allowed).toBe(true);
    }
    expect(decide(usersRead, lineManager, { unitPath: PATH.facMn, ownerUserId: 'u-someone' }).allowed).toBe(false);
  });
});
