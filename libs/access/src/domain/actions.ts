import type { Rule } from './policy.js';

/** Every action of the API, and who may take it: the one place where authorization rules are written. */
export const ACTION_RULES = {
  'me.read': { everyone: true },
  'units.read': { everyone: true },
  'units.manage': { anyOf: [{ role: 'admin', in: 'global' }] },
  'processes.read': { everyone: true },
  'processes.manage': { anyOf: [{ role: 'admin', in: 'global' }] },
  'processes.update': {
    anyOf: [
      { role: 'admin', in: 'global' },
      { role: 'process_owner', in: 'processOfResource' },
    ],
  },
  'users.read': {
    owner: true,
    anyOf: [
      { role: 'admin', in: 'global' },
      { role: 'programme_secretariat', in: 'global' },
      { role: 'process_owner', in: 'anywhere' },
      { role: 'process_responsible', in: 'anywhere' },
      { role: 'process_adviser', in: 'anywhere' },
      { role: 'line_manager', in: 'unitOfResource' },
    ],
  },
  'users.manage': { anyOf: [{ role: 'admin', in: 'global' }] },
  'roleAssignments.read': {
    owner: true,
    anyOf: [
      { role: 'admin', in: 'global' },
      { role: 'programme_secretariat', in: 'global' },
    ],
  },
  'roleAssignments.manage': { anyOf: [{ role: 'admin', in: 'global' }] },
  'mandates.read': { everyone: true },
  'mandates.manage': {
    anyOf: [
      { role: 'admin', in: 'global' },
      { role: 'process_owner', in: 'processOfResource' },
    ],
  },
  'mandates.recordAbsence': {
    owner: true,
    anyOf: [
      { role: 'admin', in: 'global' },
      { role: 'process_owner', in: 'processOfResource' },
    ],
  },
  /** Everyone may ask; the cases service answers with the cases the caller may see (visibility). */
  'cases.read': { everyone: true },
  /** Checked against the reporting unit: a member of it, or a line manager of it or a unit above. */
  'cases.create': { memberOfUnit: true, anyOf: [{ role: 'line_manager', in: 'unitOfResource' }] },
  /** Checked against the case: its reporter or process responsible (the text), more roles for the cost-benefit assessment. */
  'cases.update': { owner: true, anyOf: [{ role: 'process_responsible', in: 'processOfResource' }] },
  /** The workflow decides, by the roles the caller holds for the case now. */
  'cases.decide': { everyone: true },
  /** Anyone who can see the case. */
  'cases.comment': { everyone: true },
  /** Who else may move a case's deadline, beside the role in charge of the state's deadlines (the workflow decides that one). */
  'cases.moveAnyDeadline': { anyOf: [{ role: 'admin', in: 'global' }] },
  'workflows.read': { everyone: true },
  /** Any workflow instance as the runtime holds it, and putting one on hold or resuming it. */
  'workflows.manage': { anyOf: [{ role: 'admin', in: 'global' }] },
  /** Dead outbox rows: why an effect could not be carried out, and trying it again. */
  'outbox.manage': { anyOf: [{ role: 'admin', in: 'global' }] },
  /** The queue dashboard at /admin/queues. */
  'queues.manage': { anyOf: [{ role: 'admin', in: 'global' }] },
  /** Everyone may ask; the rounds service answers with the rounds the caller may see (the programme, the rector, a round's members). */
  'rounds.read': { everyone: true },
  /** Setting up priority rounds, their scenarios and what happens to cases left out. */
  'rounds.manage': { anyOf: [{ role: 'programme_secretariat', in: 'global' }] },
  /** The round's workflow decides, by the roles the caller holds for the round now (votes: its members). */
  'rounds.decide': { everyone: true },
  /** The development plan is the university's published plan: everyone signed in may read it. */
  'developmentPlan.read': { everyone: true },
  /** Everyone may ask; the projects service answers with the projects the caller may see (the programme, the rector, the process roles of its process, the people on it). */
  'projects.read': { everyone: true },
  /** The project's and the follow-up's workflows decide, by the roles the caller holds for it now; artefacts: its manager and owner. */
  'projects.decide': { everyone: true },
  /** The reports on projects and benefits, and the rector's annual report to the board. */
  'reports.read': {
    anyOf: [
      { role: 'admin', in: 'global' },
      { role: 'programme_secretariat', in: 'global' },
      { role: 'programme_council', in: 'global' },
      { role: 'rector', in: 'global' },
      { role: 'process_owner', in: 'anywhere' },
    ],
  },
  /** Everyone, on their own notifications and notification settings only (the service filters by the caller). */
  'notifications.read': { everyone: true },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof ACTION_RULES;
