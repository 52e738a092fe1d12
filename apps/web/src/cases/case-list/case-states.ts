import { useQuery } from '@tanstack/react-query';
import { api, type Label } from '../../api/client';

interface WorkflowState {
  path: string;
  label: Label;
  final: boolean;
}

interface Workflow {
  id: string;
  states: WorkflowState[];
}

const CASE_WORKFLOW = 'improvement-case';

/**
 * The states an improvement case can be in, with their labels, as the workflow describes itself
 * (GET /api/workflows): the case list's filter offers them, and groups them into open and ended.
 */
export function useCaseStates() {
  const workflows = useQuery({
    queryKey: ['case-catalogue', 'workflow-states'],
    queryFn: () => api<{ items: Workflow[] }>('/api/workflows'),
    staleTime: 60 * 60_000,
  });
  const states = workflows.data?.items.find((w) => w.id === CASE_WORKFLOW)?.states ?? [];
  // A compound state matches its sub-states, so a group names top-level states only.
  const topLevel = states.filter((s) => !s.path.includes('.'));
  const groups: Record<string, string[]> = {
    open: topLevel.filter((s) => !s.final).map((s) => s.path),
    ended: topLevel.filter((s) => s.final).map((s) => s.path),
  };
  const labelOf = (path: string): Label | undefined => states.find((s) => s.path === path)?.label;
  return { states, groups, labelOf, pending: workflows.isPending, failed: workflows.isError, retry: () => void workflows.refetch() };
}
