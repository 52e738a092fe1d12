import { ROLES, type Role } from '#flyt/access';

/** Someone the dev-login picker may offer, with the roles they hold today (none: a plain employee). */
export interface PickerPerson {
  id: string;
  email: string;
  name: string;
  roles: readonly Role[];
}

/** What the installation knows of its demo organisation: the persona of each role, and the role each demo user shows. */
export interface PickerHints {
  personas: Readonly<Record<Role, string>>;
  demoRoles: ReadonlyMap<string, Role>;
}

export interface PickerGroup {
  role: Role;
  people: PickerPerson[];
  /** How many more people the group holds than it lists. */
  more: number;
}

/**
 * The one role a person is offered under, so that each person has one button: the role they are
 * the demo persona of, else the role the demo organisation gives them, else the last of their
 * roles in ROLES (later roles are the rarer, more specialised ones); plain employees under employee.
 */
export function placementOf(person: PickerPerson, hints: PickerHints): Role {
  const held = new Set(person.roles);
  const persona = ROLES.find((role) => held.has(role) && hints.personas[role] === person.email);
  if (persona) return persona;
  const demo = hints.demoRoles.get(person.email);
  if (demo && held.has(demo)) return demo;
  return [...ROLES].reverse().find((role) => held.has(role)) ?? 'employee';
}

/**
 * The people of the dev-login picker grouped by role, in the order of ROLES, at most `perRole`
 * in a group: the role's persona first, then the demo organisation's users in its own order, then
 * everyone else by name. `plain` are people who hold no role today, of `plainTotal` in all (the
 * caller need not load every one of them); they count as employees.
 */
export function groupForPicker(input: {
  holders: readonly PickerPerson[];
  plain: readonly PickerPerson[];
  plainTotal: number;
  hints: PickerHints;
  perRole: number;
}): PickerGroup[] {
  const { hints, perRole } = input;
  const byRole = new Map<Role, PickerPerson[]>();
  for (const person of [...input.holders, ...input.plain]) {
    const role = person.roles.length ? placementOf(person, hints) : 'employee';
    byRole.set(role, [...(byRole.get(role) ?? []), person]);
  }
  const demoOrder = [...hints.demoRoles.keys()];
  const rank = (role: Role, person: PickerPerson) => {
    if (hints.personas[role] === person.email) return -1;
    const demo = demoOrder.indexOf(person.email);
    return demo >= 0 ? demo : demoOrder.length;
  };
  const plainLeftOut = input.plainTotal - input.plain.length;
  return ROLES.flatMap((role) => {
    const people = (byRole.get(role) ?? []).sort((a, b) => rank(role, a) - rank(role, b) || a.name.localeCompare(b.name, 'nb') || a.email.localeCompare(b.email));
    const total = people.length + (role === 'employee' ? plainLeftOut : 0);
    return total === 0 ? [] : [{ role, people: people.slice(0, perRole), more: total - Math.min(perRole, people.length) }];
  });
}
