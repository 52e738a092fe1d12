import type { Role } from '#flyt/access';
import { groupForPicker, placementOf, type PickerHints, type PickerPerson } from './sign-in-choices.js';

const PERSONAS = {
  employee: 'sofie@uni.example',
  line_manager: 'knut@uni.example',
  process_responsible: 'siri@uni.example',
  process_adviser: 'maria@uni.example',
  process_owner: 'ingrid@uni.example',
  programme_secretariat: 'eva@uni.example',
  programme_council: 'randi@uni.example',
  rector: 'bjorn@uni.example',
  project_manager: 'anders@uni.example',
  benefit_owner: 'camilla@uni.example',
  admin: 'henrik@uni.example',
} satisfies Record<Role, string>;

const HINTS: PickerHints = {
  personas: PERSONAS,
  demoRoles: new Map<string, Role>([
    ['siri@uni.example', 'process_responsible'],
    ['ole@uni.example', 'process_adviser'],
    ['eirik@uni.example', 'process_responsible'],
    ['sofie@uni.example', 'employee'],
  ]),
};

let sequence = 0;
const person = (email: string, roles: Role[], name = email.split('@')[0]!): PickerPerson => ({ id: `id-${++sequence}`, email, name, roles });

describe('the dev-login picker', () => {
  it('offers each person under one role: the one they are the persona of, else their demo role, else their most specialised', () => {
    expect(placementOf(person('siri@uni.example', ['process_adviser', 'process_responsible']), HINTS)).toBe('process_responsible');
    // A deputy standing in today holds both roles; the demo organisation shows him as an adviser.
    expect(placementOf(person('ole@uni.example', ['process_responsible', 'process_adviser']), HINTS)).toBe('process_adviser');
    expect(placementOf(person('kari@uni.example', ['employee', 'line_manager', 'project_manager']), HINTS)).toBe('project_manager');
    // A demo role the person no longer holds today does not count.
    expect(placementOf(person('eirik@uni.example', ['line_manager']), HINTS)).toBe('line_manager');
  });

  it('groups in the order of the roles, the persona first, then the demo users, then the rest by name', () => {
    const groups = groupForPicker({
      holders: [
        person('zed@uni.example', ['process_responsible'], 'Åse Zed'),
        person('eirik@uni.example', ['process_responsible'], 'Eirik Dahl'),
        person('anna@uni.example', ['process_responsible'], 'Anna Berg'),
        person('siri@uni.example', ['process_responsible'], 'Siri Aasen'),
        person('henrik@uni.example', ['admin'], 'Henrik Brekke'),
        person('knut@uni.example', ['line_manager'], 'Knut Olsen'),
      ],
      plain: [],
      plainTotal: 0,
      hints: HINTS,
      perRole: 8,
    });
    expect(groups.map((g) => g.role)).toEqual(['line_manager', 'process_responsible', 'admin']);
    expect(groups[1]!.people.map((p) => p.name)).toEqual(['Siri Aasen', 'Eirik Dahl', 'Anna Berg', 'Åse Zed']);
    expect(groups.every((g) => g.more === 0)).toBe(true);
  });

  it('lists a few per role and counts the others, plain employees among the employees', () => {
    const groups = groupForPicker({
      holders: [person('sofie@uni.example', ['employee'], 'Sofie Lunde'), person('per@uni.example', ['employee'], 'Per Holm')],
      plain: [person('ada@uni.example', [], 'Ada Lie'), person('bo@uni.example', [], 'Bo Ek')],
      plainTotal: 40,
      hints: HINTS,
      perRole: 3,
    });
    expect(groups).toEqual([{ role: 'employee', people: [expect.objectContaining({ name: 'Sofie Lunde' }), expect.objectContaining({ name: 'Ada Lie' }), expect.objectContaining({ name: 'Bo Ek' })], more: 39 }]);
  });
});
