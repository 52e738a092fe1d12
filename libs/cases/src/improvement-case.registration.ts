import type { WorkflowRegistration } from '#flyt/workflow-runtime';
import { IMPROVEMENT_CASE_WORKFLOW } from '#workflows/improvement-case/improvement-case.workflow';
import { caseFacts, caseSubject, projectCase } from './case-repository.js';
import { caseRecipients } from './case-recipients.js';

/**
 * The improvement case as the apps register it: its definition from `workflows/improvement-case/`
 * and the hooks over the case data: the case row kept in step with every event, what a case is
 * called and who its notifications go to, the facts its guards read, where people open it.
 */
export const IMPROVEMENT_CASE_REGISTRATION: WorkflowRegistration = {
  ...IMPROVEMENT_CASE_WORKFLOW,
  projection: projectCase,
  subject: caseSubject,
  recipients: caseRecipients,
  facts: caseFacts,
  path: (caseId) => `/cases/${caseId}`,
};
