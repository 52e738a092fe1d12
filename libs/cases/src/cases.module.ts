import { Module } from '@nestjs/common';
import { CaseDeadlinesController, CaseDeadlinesService } from './case-deadlines.controller.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { InboxController } from './inbox.controller.js';
import { WorkflowsController } from './workflows.controller.js';

/** Improvement cases: data, cost-benefit, visibility, the inbox, and the workflows behind them. Needs WorkflowRuntimeModule. */
@Module({
  controllers: [CasesController, InboxController, WorkflowsController, CaseDeadlinesController],
  providers: [CasesService, CaseDeadlinesService],
  exports: [CasesService],
})
export class CasesModule {}
