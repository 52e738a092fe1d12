import type { MachineRegistration } from '#flyt/workflow-runtime';
import { IMPROVEMENT_CASE_WORKFLOW } from './improvement-case.machine.js';

/** Every workflow Flyt runs, each version that may still have instances. The API and the worker register the same list. */
export const WORKFLOWS: readonly MachineRegistration[] = [IMPROVEMENT_CASE_WORKFLOW];
