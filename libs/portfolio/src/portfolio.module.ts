import { Global, Module } from '@nestjs/common';
import { OTHER_WORK } from '#flyt/cases';
import { RoundInbox } from './round-inbox.js';
import { DevelopmentPlanController } from './development-plan.controller.js';
import { DevelopmentPlanService } from './development-plan.service.js';
import { RoundMinutesController } from './round-minutes.controller.js';
import { RoundMinutesService } from './round-minutes.service.js';
import { RoundScenariosService } from './round-scenarios.service.js';
import { RoundVotesService } from './round-votes.service.js';
import { RoundsController } from './rounds.controller.js';
import { RoundsService } from './rounds.service.js';

/**
 * Priority rounds for apps/api (docs/priority-rounds.md): set-up, voting, conflicts of interest,
 * the result and scenarios. Needs WorkflowRuntimeModule with PRIORITY_ROUND_REGISTRATION among its workflows.
 * Global for one thing: the inbox (in libs/cases) lists the rounds waiting for the caller through
 * OTHER_WORK without importing this module.
 */
@Global()
@Module({
  controllers: [RoundsController, RoundMinutesController, DevelopmentPlanController],
  providers: [
    RoundsService,
    RoundVotesService,
    RoundScenariosService,
    RoundMinutesService,
    DevelopmentPlanService,
    RoundInbox,
    { provide: OTHER_WORK, useExisting: RoundInbox },
  ],
  exports: [RoundsService, OTHER_WORK],
})
export class PortfolioModule {}
