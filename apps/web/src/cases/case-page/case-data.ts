import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type AllowedEvent, type BlockedEvent, type Label } from '../../api/client';
import type { CostBenefitAssessment, CostBenefitFiguresData } from '../cost-benefit/cost-benefit-section';

/** A case as GET /api/cases/{id} gives it (libs/cases/src/case.dto.ts, `CASE`). */
export interface CaseView {
  id: string;
  reference: string;
  title: string;
  process: { id: string; code: string; nameNb: string };
  reportingUnit: { id: string; code: string; nameNb: string };
  reporter: { id: string; name: string };
  state: string;
  stateLabel: Label;
  estimatedSize: EstimatedSize | null;
  createdAt: string;
  updatedAt: string;
  description: string;
  problem: string;
  significantItComponent: boolean | null;
  expectedBenefits: string;
  strategicGoals: number[];
  duplicateOf: string[];
  status: 'active' | 'done';
  revision: number;
  workflow: { id: string; version: number };
  heldSince: string | null;
  costBenefit: CostBenefitAssessment | null;
  costBenefitFigures: CostBenefitFiguresData | null;
  costBenefitMissing: string[];
  myRoles: string[];
  allowedEvents: AllowedEvent[];
  blockedEvents: BlockedEvent[];
  linkedInstances: InstanceLink[];
}

export const ESTIMATED_SIZES = ['small', 'medium', 'large'] as const;
export type EstimatedSize = (typeof ESTIMATED_SIZES)[number];
/** The policy's strategic goals are numbered 1–12 (libs/cases/src/domain/case-data.ts). */
export const STRATEGIC_GOALS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

export interface InstanceLink {
  relation: 'parent' | 'child' | 'sentTo' | 'receivedFrom';
  instanceId: string;
  workflowId: string;
  state: string | null;
  stateLabel: Label | null;
}

/** The answer to an event: the case after it, and what Flyt warns of. */
export interface CaseEventAnswer extends CaseView {
  warnings: { code: string; message: string }[];
}

export interface HistoryEntry {
  revision: number;
  type: string;
  payload: unknown;
  actor: { id: string; name: string } | null;
  actorRoles: string[];
  authority: { role: string; basis: string } | null;
  from: string | null;
  to: string;
  toLabel: Label;
  occurredAt: string;
  receivedFrom: { instanceId: string; workflowId: string } | null;
  messagesSent: { kind: 'start' | 'event'; type: string; toInstanceId: string; toWorkflowId: string; deliveredAt: string | null }[];
}

export interface CaseComment {
  id: string;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
}

/** A registered workflow as GET /api/workflows describes it (libs/workflow-runtime/src/api/workflow.dto.ts). */
export interface WorkflowView {
  id: string;
  noun: Label;
  latestVersion: number;
  states: { path: string; label: Label; final: boolean; waitsFor: string[]; deadlineOwner: string | null; tags: string[] }[];
}

export interface ProcessView {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
  endedAt: string | null;
}

interface Page<T> {
  items: T[];
  total: number;
}

export const caseKeys = {
  detail: (id: string) => ['case', id] as const,
  history: (id: string) => ['case-history', id] as const,
  comments: (id: string) => ['case-comments', id] as const,
};

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api<CaseView>(`/api/cases/${id}`) });
}

export function useCaseHistory(id: string) {
  return useQuery({ queryKey: caseKeys.history(id), queryFn: () => api<{ items: HistoryEntry[] }>(`/api/cases/${id}/history`).then((h) => h.items) });
}

export function useCaseComments(id: string) {
  return useQuery({ queryKey: caseKeys.comments(id), queryFn: () => api<{ items: CaseComment[] }>(`/api/cases/${id}/comments`).then((c) => c.items) });
}

/** The workflows change only with a new release: fetched once per visit. */
export function useWorkflows() {
  return useQuery({
    queryKey: ['workflows'],
    queryFn: () => api<{ items: WorkflowView[] }>('/api/workflows').then((w) => w.items),
    staleTime: Infinity,
  });
}

export function useWorkflow(workflowId: string) {
  const workflows = useWorkflows();
  return { ...workflows, data: workflows.data?.find((w) => w.id === workflowId) };
}

export function useDiagram(workflowId: string, version: number) {
  return useQuery({
    queryKey: ['workflow-diagram', workflowId, version],
    queryFn: () => api<{ mermaid: string }>(`/api/workflows/${workflowId}/diagram?version=${version}`).then((d) => d.mermaid),
    staleTime: Infinity,
  });
}

/** The process catalogue, ended processes too: an old edit may name one. */
export function useProcesses(enabled = true) {
  return useQuery({
    queryKey: ['processes', 'all'],
    queryFn: () => api<Page<ProcessView>>('/api/processes?limit=200&includeEnded=true').then((p) => p.items),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** After a decision or an edit: the case, its history and every inbox and list that shows it. */
export function useRefreshAfterChange(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: caseKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: caseKeys.history(id) }),
      queryClient.invalidateQueries({ queryKey: ['inbox'] }),
      queryClient.invalidateQueries({ queryKey: ['cases'] }),
    ]);
}

/** Where the web app shows an instance of a workflow, by the workflow's id. */
export const INSTANCE_PAGES: Record<string, string> = {
  'improvement-case': '/cases',
  'priority-round': '/rounds',
  project: '/projects',
  'benefits-followup': '/follow-ups',
};

export function instancePath(workflowId: string, instanceId: string): string | null {
  const base = INSTANCE_PAGES[workflowId];
  return base ? `${base}/${instanceId}` : null;
}

/** A state's ancestors and itself, outermost first: `localImprovement.plan` → `localImprovement`, `localImprovement.plan`. */
export function statePaths(state: string): string[] {
  const parts = state.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}
