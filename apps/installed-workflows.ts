import { IMPROVEMENT_CASE_REGISTRATION } from '#flyt/cases';
import { PRIORITY_ROUND_REGISTRATION } from '#flyt/portfolio';
import { BENEFITS_FOLLOWUP_REGISTRATION, PROJECT_REGISTRATION } from '#flyt/projects';
import type { WorkflowRegistration } from '#flyt/workflow-runtime';

/**
 * Every workflow this installation runs: each one's definition (from `workflows/<name>/`) with the
 * hooks of its lib. The API, the worker and the command-line tools register the same list; adding a
 * workflow adds its registration here (docs/adding-a-workflow.md).
 */
export const INSTALLED_WORKFLOWS: readonly WorkflowRegistration[] = [
  IMPROVEMENT_CASE_REGISTRATION,
  PRIORITY_ROUND_REGISTRATION,
  PROJECT_REGISTRATION,
  BENEFITS_FOLLOWUP_REGISTRATION,
];
