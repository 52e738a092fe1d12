import type { AnyStateMachine } from 'xstate';
import { actionReferencesOf, DURABLE_BUILT_INS } from './effects.js';
import { RUNTIME_EVENTS } from './instance.js';
import type { MachineRegistration, WorkflowRegistration } from './machine-registration.js';
import { TIMER_EFFECT_KINDS } from './platform-actions.js';
import { labelAt, metaOf, pathOf, stateNodesOf } from './state-meta.js';
import type { Localised } from './workflow-definition.js';

/** The Nest token of the registry the runtime's services share. */
export const MACHINE_REGISTRY = Symbol('MACHINE_REGISTRY');

/** A workflow id or version the registry does not know: a programming error, not a user's. */
export class UnknownWorkflow extends Error {
  constructor(id: string, version?: number) {
    super(version === undefined ? `No workflow ${id} is registered` : `Workflow ${id} has no version ${version}`);
  }
}

/**
 * The workflows Flyt runs, by id and version. An instance stays on the version it started on, so
 * every version that still has instances must stay registered; new instances take the newest.
 * Registering checks what the platform relies on, so a mistake stops start-up, named, instead of
 * failing later in a job: see docs/adding-a-workflow.md for the rules.
 */
export class MachineRegistry {
  private readonly byId = new Map<string, { workflow: WorkflowRegistration; versions: Map<number, MachineRegistration> }>();

  constructor(workflows: readonly WorkflowRegistration[] = []) {
    for (const workflow of workflows) this.register(workflow);
  }

  register(workflow: WorkflowRegistration): void {
    if (this.byId.has(workflow.id)) throw new Error(`Workflow ${workflow.id} is registered twice`);
    const versions = new Map<number, MachineRegistration>();
    for (const version of workflow.versions) {
      if (versions.has(version.version)) throw new Error(`Workflow ${workflow.id} version ${version.version} is registered twice`);
      versions.set(version.version, { ...version, id: workflow.id, resourceName: workflow.noun.en, workflow });
    }
    if (versions.size === 0) throw new Error(`Workflow ${workflow.id} has no version`);
    assertRunnable(workflow, versions);
    this.byId.set(workflow.id, { workflow, versions });
  }

  get(id: string, version: number): MachineRegistration {
    const registration = this.byId.get(id)?.versions.get(version);
    if (!registration) throw new UnknownWorkflow(id, version);
    return registration;
  }

  has(id: string, version?: number): boolean {
    const entry = this.byId.get(id);
    return entry !== undefined && (version === undefined || entry.versions.has(version));
  }

  latest(id: string): MachineRegistration {
    const entry = this.byId.get(id);
    if (!entry) throw new UnknownWorkflow(id);
    return entry.versions.get(Math.max(...entry.versions.keys()))!;
  }

  workflow(id: string): WorkflowRegistration {
    const entry = this.byId.get(id);
    if (!entry) throw new UnknownWorkflow(id);
    return entry.workflow;
  }

  workflows(): WorkflowRegistration[] {
    return [...this.byId.values()].map((e) => e.workflow).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Every version of every workflow, by id, then version. */
  all(): MachineRegistration[] {
    return [...this.byId.values()].flatMap((e) => [...e.versions.values()]).sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  }

  /** The label of a state of a workflow: from the instance's version when given, else the newest version that knows it. */
  label(workflowId: string, statePath: string, version?: number): Localised | null {
    const entry = this.byId.get(workflowId);
    if (!entry) return null;
    const candidates = version !== undefined && entry.versions.has(version) ? [entry.versions.get(version)!] : [...entry.versions.values()].reverse();
    for (const registration of candidates) {
      const label = labelAt(registration.machine, statePath);
      if (label) return label;
    }
    return null;
  }
}

/**
 * Every delay name the machine's `after` transitions use that needs a deadline rule: not a number of
 * milliseconds, and not computed by the machine from its context (those keep the machine's length).
 */
function delayNamesOf(machine: AnyStateMachine): Set<string> {
  const delays = (machine.implementations.delays ?? {}) as Record<string, unknown>;
  const names = new Set<string>();
  for (const node of stateNodesOf(machine)) {
    for (const t of node.after ?? []) if (typeof t.delay === 'string' && typeof delays[t.delay] !== 'function') names.add(t.delay);
  }
  return names;
}

/**
 * What the runtime needs of a machine to run it durably and serve it generically. It stores `value`
 * and `context` and restores them with `resolveState`, which keeps neither history nor child actors;
 * every event needs a payload schema, or the API could not take it; effects must be named so the
 * outbox can carry them; every state needs a label, every delay a rule, every notification its words.
 */
function assertRunnable(workflow: WorkflowRegistration, versions: Map<number, MachineRegistration>): void {
  const problems: string[] = [];
  const { templates, recipients } = workflow.notifications;
  for (const { version, machine, events, roles, migrateFrom } of versions.values()) {
    const at = (what: string) => `v${version}: ${what}`;
    for (const node of stateNodesOf(machine)) {
      if (node.type === 'history') problems.push(at(`history state ${node.id}`));
      if (node.invoke.length) problems.push(at(`invoked actor in ${node.id}`));
      for (const type of node.transitions.keys()) {
        if (!type || type.startsWith('xstate.')) continue;
        if (Object.values(RUNTIME_EVENTS).includes(type as never) || type.startsWith('flyt.')) problems.push(at(`event ${type} (in ${node.id}) uses a name the runtime keeps for itself`));
        else if (!Object.hasOwn(events, type)) problems.push(at(`event ${type} (in ${node.id}) has no payload schema`));
      }
      const meta = metaOf(node);
      if (!meta.label?.nb || !meta.label?.en) problems.push(at(`state ${pathOf(node)} has no label in meta (nb and en)`));
      for (const role of [...(meta.waitsFor ?? []), ...(meta.deadlineOwner ? [meta.deadlineOwner] : [])]) {
        if (!roles.includes(role)) problems.push(at(`state ${pathOf(node)} names the role ${role}, which is not among its roles`));
      }
    }
    for (const role of roles) {
      if (!workflow.roleNames[role]?.nb || !workflow.roleNames[role]?.en) problems.push(at(`role ${role} has no name in roleNames (nb and en)`));
    }
    for (const delay of delayNamesOf(machine)) {
      if (!Object.hasOwn(workflow.deadlines, delay)) problems.push(at(`delay ${delay} has no deadline rule`));
    }
    for (const ref of actionReferencesOf(machine)) {
      if (ref.name === null && !ref.builtIn) problems.push(at(`an inline action in ${ref.where}: name it, so the runtime can carry it out`));
      if (ref.builtIn && !DURABLE_BUILT_INS.includes(ref.builtInType!)) {
        problems.push(at(`${ref.builtInType} in ${ref.where} needs a live actor: use a named effect (or a platform action) instead`));
      }
      if (ref.name !== null && (TIMER_EFFECT_KINDS as readonly string[]).includes(ref.name)) problems.push(at(`action ${ref.name} (in ${ref.where}) uses a name the runtime keeps for itself`));
      if (ref.name === 'notify' && ref.params && typeof ref.params === 'object') {
        const { to, template } = ref.params as { to?: unknown; template?: unknown };
        if (typeof template !== 'string' || !Object.hasOwn(templates, template)) problems.push(at(`notify in ${ref.where} names template ${String(template)}, which has no wording`));
        if (typeof to !== 'string' || !recipients.includes(to)) problems.push(at(`notify in ${ref.where} names recipient ${String(to)}, which is not among the workflow's recipients`));
      }
    }
    if (migrateFrom) {
      const previous = versions.get(migrateFrom.from);
      if (!previous) problems.push(at(`migrates from version ${migrateFrom.from}, which is not registered`));
      else {
        const oldPaths = new Set(stateNodesOf(previous.machine).map(pathOf));
        const newPaths = new Set(stateNodesOf(machine).map(pathOf));
        for (const [from, to] of Object.entries(migrateFrom.states)) {
          if (!oldPaths.has(from)) problems.push(at(`migration maps state ${from}, which version ${migrateFrom.from} does not have`));
          if (!newPaths.has(to)) problems.push(at(`migration maps ${from} to ${to}, which version ${version} does not have`));
        }
      }
    }
  }
  for (const [template, wording] of Object.entries(templates)) {
    if (!wording.nb || !wording.en) problems.push(`notification template ${template} needs wording in nb and en`);
  }
  if (Object.keys(templates).length > 0 && (!workflow.subject || !workflow.recipients)) {
    problems.push('it notifies people, so its lib must give the subject and recipients hooks');
  }
  const allRoles = new Set(workflow.versions.flatMap((v) => v.roles));
  for (const [delay, escalation] of Object.entries(workflow.escalations ?? {})) {
    if (!Object.hasOwn(workflow.deadlines, delay)) problems.push(`escalation ${delay} has no deadline rule`);
    if (!allRoles.has(escalation.role)) problems.push(`escalation ${delay} names the role ${escalation.role}, which no version has`);
    if (!recipients.includes(escalation.recipient)) problems.push(`escalation ${delay} names the recipient ${escalation.recipient}, which is not among the workflow's recipients`);
  }
  for (const [template, delay] of Object.entries(workflow.notifications.deadlineOf ?? {})) {
    if (!Object.hasOwn(templates, template)) problems.push(`deadlineOf names template ${template}, which has no wording`);
    if (!Object.hasOwn(workflow.deadlines, delay)) problems.push(`deadlineOf names delay ${delay}, which has no deadline rule`);
  }
  if (problems.length) throw new Error(`Workflow ${workflow.id} cannot be run durably: ${problems.join('; ')}`);
}
