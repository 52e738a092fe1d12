import { Module } from '@nestjs/common';
import { NotificationsModule } from '#flyt/notifications';
import { CaseAccess } from './case-access.js';
import { CaseComments } from './case-comments.service.js';
import { CaseDeadlinesController, CaseDeadlinesService } from './case-deadlines.controller.js';
import { CaseHistory } from './case-history.service.js';
import { CaseInbox } from './case-inbox.service.js';
import { CaseRepository } from './case-repository.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { InboxController } from './inbox.controller.js';
import { OtherWorkModule } from './other-work.js';

/**
 * Improvement cases for apps/api: the case data, cost-benefit, visibility, history, comments and
 * the inbox. Needs WorkflowRuntimeModule with IMPROVEMENT_CASE_REGISTRATION among its workflows.
 */
@Module({
  imports: [NotificationsModule, OtherWorkModule],
  controllers: [CasesController, InboxController, CaseDeadlinesController],
  providers: [CaseRepository, CaseAccess, CasesService, CaseInbox, CaseHistory, CaseComments, CaseDeadlinesService],
  exports: [CasesService, CaseRepository],
})
export class CasesModule {}
