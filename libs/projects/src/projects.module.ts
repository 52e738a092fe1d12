import { Module } from '@nestjs/common';
import { CasesModule } from '#flyt/cases';
import { FollowupsController } from './followups.controller.js';
import { FollowupsService } from './followups.service.js';
import { ProjectArtefactsService } from './project-artefacts.service.js';
import { ProjectInbox } from './project-inbox.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/**
 * Projects through stage gates and the follow-up of their benefits, for apps/api
 * (docs/projects.md). Needs WorkflowRuntimeModule with PROJECT_REGISTRATION and
 * BENEFITS_FOLLOWUP_REGISTRATION among its workflows. The inbox lists what waits for the caller
 * here: ProjectInbox adds itself to OtherWorkSources.
 */
@Module({
  imports: [CasesModule],
  controllers: [ProjectsController, FollowupsController, ReportsController],
  providers: [ProjectsService, ProjectArtefactsService, FollowupsService, ProjectInbox, ReportsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
