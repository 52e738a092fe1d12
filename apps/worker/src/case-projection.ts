import { Injectable, type OnModuleInit } from '@nestjs/common';
import { projectCase } from '#flyt/cases';
import { WorkflowRuntime } from '#flyt/workflow-runtime';
import { IMPROVEMENT_CASE_WORKFLOW } from '#workflows/improvement-case.machine';

/** Events the worker sends (deadlines) keep the case row in step, as those the API sends do. */
@Injectable()
export class CaseProjection implements OnModuleInit {
  constructor(private readonly runtime: WorkflowRuntime) {}

  onModuleInit(): void {
    this.runtime.registerProjection(IMPROVEMENT_CASE_WORKFLOW.id, projectCase);
  }
}
