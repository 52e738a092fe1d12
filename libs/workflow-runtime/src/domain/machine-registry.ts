import type { AnyStateNode } from 'xstate';
import type { MachineRegistration } from './machine-registration.js';

/** A workflow id or version the registry does not know: a programming error, not a user's. */
export class UnknownWorkflow extends Error {
  constructor(id: string, version?: number) {
    super(version === undefined ? `No workflow ${id} is registered` : `Workflow ${id} has no version ${version}`);
  }
}

function stateNodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(stateNodesOf)];
}

/**
 * The machines Flyt runs, by id and version. An instance stays on the version it started on, so
 * every version that still has instances must stay registered; new instances take the newest.
 */
export class MachineRegistry {
  private readonly byId = new Map<string, Map<number, MachineRegistration>>();

  constructor(registrations: readonly MachineRegistration[] = []) {
    for (const registration of registrations) this.register(registration);
  }

  register(registration: MachineRegistration): void {
    const versions = this.byId.get(registration.id) ?? new Map<number, MachineRegistration>();
    if (versions.has(registration.version)) throw new Error(`Workflow ${registration.id} version ${registration.version} is registered twice`);
    assertRestorable(registration);
    versions.set(registration.version, registration);
    this.byId.set(registration.id, versions);
  }

  get(id: string, version: number): MachineRegistration {
    const registration = this.byId.get(id)?.get(version);
    if (!registration) throw new UnknownWorkflow(id, version);
    return registration;
  }

  latest(id: string): MachineRegistration {
    const versions = this.byId.get(id);
    if (!versions?.size) throw new UnknownWorkflow(id);
    return versions.get(Math.max(...versions.keys()))!;
  }

  all(): MachineRegistration[] {
    return [...this.byId.values()].flatMap((versions) => [...versions.values()]).sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  }
}

/**
 * The runtime stores `value` and `context` and restores them with `resolveState`, which keeps
 * neither history nor child actors: a machine that needs them cannot be made durable this way.
 * Every event a machine handles must also have a payload schema, or the API could not take it.
 */
function assertRestorable({ id, machine, events }: MachineRegistration): void {
  const problems: string[] = [];
  for (const node of stateNodesOf(machine.root)) {
    if (node.type === 'history') problems.push(`history state ${node.id}`);
    if (node.invoke.length) problems.push(`invoked actor in ${node.id}`);
    for (const type of node.transitions.keys()) {
      if (type && !type.startsWith('xstate.') && !(type in events)) problems.push(`event ${type} (in ${node.id}) has no payload schema`);
    }
  }
  if (problems.length) throw new Error(`Workflow ${id} cannot be run durably: ${problems.join('; ')}`);
}
