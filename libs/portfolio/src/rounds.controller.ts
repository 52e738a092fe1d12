import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import {
  AVAILABLE_CANDIDATES,
  BALLOT,
  BALLOTS,
  CANDIDATE_OUTCOME,
  type CandidateOutcomeBody,
  CASE_AND_ROUND_PARAMS,
  CREATE_ROUND,
  CREATE_SCENARIO,
  type CreateRoundBody,
  type CreateScenarioBody,
  DECIDE_CONFLICT,
  type DecideConflictBody,
  DECLARE_CONFLICT,
  type DeclareConflictBody,
  LIST_ROUNDS,
  type ListRoundsQuery,
  ROUND,
  ROUND_PAGE,
  SAVE_BALLOT,
  type SaveBallotBody,
  SCENARIOS,
  SEND_ROUND_EVENT,
  type SendRoundEventBody,
  UPDATE_ROUND,
  type UpdateRoundBody,
} from './round.dto.js';
import { RoundScenariosService } from './round-scenarios.service.js';
import { RoundVotesService } from './round-votes.service.js';
import { RoundsService } from './rounds.service.js';

type IdParams = z.infer<typeof ID_PARAMS>;
type CaseParams = z.infer<typeof CASE_AND_ROUND_PARAMS>;

const INVISIBLE = 'A round the caller may not see (not the programme, the rector, or one of its members) answers 404.';

@ApiTags('priority rounds')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly votes: RoundVotesService,
    private readonly scenarios: RoundScenariosService,
  ) {}

  @Get()
  @Policy('rounds.read', { resource: true })
  @ApiOperation({ summary: 'List priority rounds', description: 'The programme and the rector see every round; anyone else the rounds they are a member of.' })
  @ApiAnswer(200, ROUND_PAGE, 'A page of rounds, newest plan year first')
  @ApiProblems(400)
  list(@Query({ schema: LIST_ROUNDS }) query: ListRoundsQuery, @CurrentPrincipal() principal: Principal) {
    return this.rounds.list(query, principal);
  }

  @Get('candidates')
  @Policy('rounds.manage')
  @ApiOperation({ summary: 'Cases that may join a round', description: 'Awaiting prioritisation and in no other round; cases deferred by earlier rounds first.' })
  @ApiAnswer(200, AVAILABLE_CANDIDATES, 'The cases')
  @ApiProblems(403)
  candidates(@CurrentPrincipal() principal: Principal) {
    return this.rounds.availableCandidates(principal);
  }

  @Post()
  @Policy('rounds.manage')
  @ApiOperation({
    summary: 'Set up a priority round (the programme secretariat)',
    description: 'The round and its workflow are created together, in draft. Each candidate’s cost per year is read from its cost-benefit assessment. Bad input writes nothing.',
  })
  @ApiAnswer(201, ROUND, 'The round, being set up')
  @ApiProblems(400, 403)
  create(@Body({ schema: CREATE_ROUND }) body: CreateRoundBody, @CurrentPrincipal() principal: Principal) {
    return this.rounds.create(body, principal);
  }

  @Get(':id')
  @Policy('rounds.read', { resource: true })
  @ApiOperation({ summary: 'One round: set-up, candidates, members, conflicts, the events the caller may send', description: INVISIBLE })
  @ApiAnswer(200, ROUND, 'The round')
  @ApiProblems(400, 404)
  get(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return this.rounds.detail(id, principal);
  }

  @Patch(':id')
  @Policy('rounds.manage')
  @ApiOperation({ summary: 'Change the set-up before voting opens', description: `Lists given replace the stored ones. 422 once voting has opened. ${INVISIBLE}` })
  @ApiAnswer(200, ROUND, 'The round as changed')
  @ApiProblems(400, 403, 404, 422)
  update(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: UPDATE_ROUND }) body: UpdateRoundBody, @CurrentPrincipal() principal: Principal) {
    return this.rounds.update(id, body, principal);
  }

  @Post(':id/events')
  @HttpCode(200)
  @Policy('rounds.decide', { resource: true })
  @ApiOperation({
    summary: 'Send an event to the round (OPEN, CLOSE_VOTING, EXTEND, RECOMMEND, APPROVE, RETURN, CANCEL)',
    description:
      '400: unknown event or bad payload (`payload.<field>`); 403: the caller lacks the role; 409: `expectedRevision` is stale; 422: not possible in this state or with this data. On APPROVE every candidate case is prioritised, deferred or declined.',
  })
  @ApiAnswer(200, ROUND, 'The round after the event')
  @ApiProblems(400, 403, 404, 409, 422)
  send(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: SEND_ROUND_EVENT }) body: SendRoundEventBody, @CurrentPrincipal() principal: Principal) {
    return this.rounds.send(id, body, principal);
  }

  @Put(':id/candidates/:caseId/outcome')
  @Policy('rounds.manage')
  @ApiOperation({ summary: 'What approval does with a case the portfolio leaves out: defer (default) or decline with a reason', description: INVISIBLE })
  @ApiAnswer(200, ROUND, 'The round')
  @ApiProblems(400, 403, 404, 422)
  outcome(@Param({ schema: CASE_AND_ROUND_PARAMS }) { id, caseId }: CaseParams, @Body({ schema: CANDIDATE_OUTCOME }) body: CandidateOutcomeBody, @CurrentPrincipal() principal: Principal) {
    return this.rounds.setCandidateOutcome(id, caseId, body, principal);
  }

  @Get(':id/ballot')
  @Policy('rounds.decide', { resource: true })
  @ApiOperation({ summary: 'My ballot (a member of the round)', description: INVISIBLE })
  @ApiAnswer(200, BALLOT, 'Your votes and the cases still to vote on')
  @ApiProblems(400, 403, 404)
  myBallot(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return this.votes.myBallot(id, principal);
  }

  @Put(':id/ballot')
  @Policy('rounds.decide', { resource: true })
  @ApiOperation({
    summary: 'Save votes: 0–5 per criterion for each case given, with an optional comment',
    description: 'Save as you go: the cases given are saved, the others kept. Changeable until voting closes (422 after). Hidden from other members until then.',
  })
  @ApiAnswer(200, BALLOT, 'Your ballot')
  @ApiProblems(400, 403, 404, 422)
  saveBallot(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: SAVE_BALLOT }) body: SaveBallotBody, @CurrentPrincipal() principal: Principal) {
    return this.votes.saveBallot(id, body, principal);
  }

  @Get(':id/ballots')
  @Policy('rounds.read', { resource: true })
  @ApiOperation({ summary: 'Every member’s ballot, once voting has closed', description: `422 while voting is open. ${INVISIBLE}` })
  @ApiAnswer(200, BALLOTS, 'The ballots')
  @ApiProblems(400, 404, 422)
  ballots(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return this.votes.allBallots(id, principal);
  }

  @Post(':id/conflicts')
  @HttpCode(200)
  @Policy('rounds.decide', { resource: true })
  @ApiOperation({ summary: 'Declare a conflict of interest for a case (a member): you are left out of its tally', description: INVISIBLE })
  @ApiAnswer(200, ROUND, 'The round')
  @ApiProblems(400, 403, 404, 422)
  declare(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: DECLARE_CONFLICT }) body: DeclareConflictBody, @CurrentPrincipal() principal: Principal) {
    return this.votes.declareConflict(id, body, principal);
  }

  @Delete(':id/conflicts/:caseId')
  @Policy('rounds.decide', { resource: true })
  @ApiOperation({ summary: 'Withdraw your declared conflict of interest for a case, while voting is open', description: INVISIBLE })
  @ApiAnswer(200, ROUND, 'The round')
  @ApiProblems(400, 403, 404, 422)
  withdraw(@Param({ schema: CASE_AND_ROUND_PARAMS }) { id, caseId }: CaseParams, @CurrentPrincipal() principal: Principal) {
    return this.votes.withdrawConflict(id, caseId, principal);
  }

  @Put(':id/conflicts/decision')
  @Policy('rounds.manage')
  @ApiOperation({ summary: 'Record the secretariat’s decision on a declared or suggested conflict of interest', description: INVISIBLE })
  @ApiAnswer(200, ROUND, 'The round')
  @ApiProblems(400, 403, 404, 422)
  decide(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: DECIDE_CONFLICT }) body: DecideConflictBody, @CurrentPrincipal() principal: Principal) {
    return this.votes.decideConflict(id, body, principal);
  }

  @Get(':id/scenarios')
  @Policy('rounds.read', { resource: true })
  @ApiOperation({
    summary: 'The result: the council’s portfolio and the what-if scenarios side by side, with explanations and the greedy comparison',
    description: `Once voting has closed (422 before). ${INVISIBLE}`,
  })
  @ApiAnswer(200, SCENARIOS, 'The scenarios, the council’s own first')
  @ApiProblems(400, 404, 422)
  scenarioList(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return this.scenarios.list(id, principal);
  }

  @Post(':id/scenarios')
  @HttpCode(200)
  @Policy('rounds.manage')
  @ApiOperation({ summary: 'Run a what-if scenario: another budget, weights, floor or mandatory set; the ballots are not touched', description: INVISIBLE })
  @ApiAnswer(200, SCENARIOS, 'The scenarios with the new one')
  @ApiProblems(400, 403, 404, 422)
  createScenario(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: CREATE_SCENARIO }) body: CreateScenarioBody, @CurrentPrincipal() principal: Principal) {
    return this.scenarios.create(id, body, principal);
  }
}
