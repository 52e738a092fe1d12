import { Module } from '@nestjs/common';
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
 * The inbox (in libs/cases) lists the rounds waiting for the caller: RoundInbox adds itself to
 * OtherWorkSources.
 */
@Module({
  controllers: [RoundsController, RoundMinutesController, DevelopmentPlanController],
  providers: [
    RoundsService,
    RoundVotesService,
    RoundScenariosService,
    RoundMinutesService,
    DevelopmentPlanService,
    RoundInbox,
  ],
  exports: [RoundsService],
})
export class PortfolioModule {}
