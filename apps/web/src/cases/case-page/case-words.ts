import { useTranslation } from 'react-i18next';
import type { Label } from '../../api/client';
import { useFormat } from '../../format';
import type { WorkflowView } from './case-data';

/** The words the case page says for the workflow's codes: roles, states, events, deadlines, other workflows. */
export function useCaseWords(workflow: WorkflowView | undefined) {
  const { t } = useTranslation();
  const format = useFormat();
  const role = (code: string) => t(`casePage.roles.${code}`, { defaultValue: t('casePage.roles.someone') });
  return {
    role,
    roles: (codes: readonly string[]) => codes.map(role).join(', '),
    /** A state's label as the workflow describes it; a state the newest version no longer has keeps the label the API gave, if any. */
    state: (path: string, given?: Label | null) => {
      const described = workflow?.states.find((s) => s.path === path);
      if (described) return format.label(described.label);
      return given ? format.label(given) : t('casePage.history.someEvent');
    },
    event: (type: string) => t(`events.${type}.label`, { defaultValue: t('casePage.diagram.someEvent') }),
    eventDone: (type: string) => t([`events.${type}.done`, `events.${type}.label`], { defaultValue: t('casePage.history.someEvent') }),
    deadline: (delay: string) => t(`casePage.deadlines.${delay}`, { defaultValue: t('casePage.history.deadlinePassed') }),
    /** Another workflow, as the object of a sentence: "the priority round". */
    workflow: (workflowId: string) => t(`casePage.workflows.${workflowId}`, { defaultValue: t('casePage.workflows.other') }),
  };
}

export type CaseWords = ReturnType<typeof useCaseWords>;
