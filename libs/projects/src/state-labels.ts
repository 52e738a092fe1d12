import { FOLLOWUP_STATE_LABELS } from '#workflows/benefits-followup/benefits-followup.machine';
import { PROJECT_STATE_LABELS } from '#workflows/project/project.machine';

type Labels = Readonly<Record<string, { nb: string; en: string }>>;

/**
 * The label of a stored state: of its first region (a project's phase, not its reporting cycle),
 * or of the nearest state above it that has one.
 */
function labelIn(labels: Labels, state: string): { nb: string; en: string } {
  const parts = state.split(',')[0]!.split('.');
  for (let i = parts.length; i > 0; i -= 1) {
    const label = labels[parts.slice(0, i).join('.')];
    if (label) return label;
  }
  return { nb: state, en: state };
}

export const projectStateLabel = (state: string) => labelIn(PROJECT_STATE_LABELS, state);
export const followupStateLabel = (state: string) => labelIn(FOLLOWUP_STATE_LABELS, state);
