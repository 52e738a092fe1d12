import type { CaseRole } from '#workflows/improvement-case.machine';

/**
 * Who is in charge of the deadlines of a state, and so may move them: the role the state waits
 * on. While the reporter is asked for information, the process responsible who asked keeps the
 * deadline: a reporter does not extend their own. States without deadlines have no one.
 */
export function deadlineOwner(state: string): CaseRole | null {
  if (state === 'submitted' || state === 'awaitingInformation') return 'processResponsible';
  if (state === 'withProcessOwner') return 'processOwner';
  if (state.startsWith('localImprovement.')) return 'lineManager';
  return null;
}
