import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import {
  CASE,
  CASE_EVENT_ANSWER,
  CASE_HISTORY,
  CASE_PAGE,
  COMMENT,
  COMMENT_LIST,
  CREATE_CASE,
  CREATE_COMMENT,
  type CreateCaseBody,
  LIST_CASES,
  type ListCasesQuery,
  SEND_EVENT,
  type SendEventBody,
  UPDATE_CASE,
  type UpdateCaseBody,
} from './case.dto.js';
import { CaseComments } from './case-comments.service.js';
import { CaseHistory } from './case-history.service.js';
import { CasesService } from './cases.service.js';

type IdParams = z.infer<typeof ID_PARAMS>;

const INVISIBLE = 'A case the caller may not see answers 404, as if it did not exist.';

@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly historyOf: CaseHistory,
    private readonly commentsOf: CaseComments,
  ) {}

  @Post()
  @Policy('cases.create', { resource: true })
  @ApiOperation({
    summary: 'Report an improvement case (a draft)',
    description:
      'An employee reports for their own unit; a line manager for their unit or a unit below it. The case and its workflow instance are created together; bad input writes nothing.',
  })
  @ApiAnswer(201, CASE, 'The case, in draft')
  @ApiProblems(400, 403)
  create(@Body({ schema: CREATE_CASE }) body: CreateCaseBody, @CurrentPrincipal() principal: Principal) {
    return this.cases.create(body, principal);
  }

  @Get()
  @Policy('cases.read', { resource: true })
  @ApiOperation({
    summary: 'List the cases the caller may see',
    description:
      'A line manager sees the cases of their unit subtree; process roles the cases of their processes; the programme the cases proposed to it; the people who work on a project its case; admins all; everyone their own.',
  })
  @ApiAnswer(200, CASE_PAGE, 'A page of cases')
  @ApiProblems(400)
  list(@Query({ schema: LIST_CASES }) query: ListCasesQuery, @CurrentPrincipal() principal: Principal) {
    return this.cases.list(query, principal);
  }

  @Get(':id')
  @Policy('cases.read', { resource: true })
  @ApiOperation({ summary: 'One case, with the events the caller may send now and the computed cost-benefit figures', description: INVISIBLE })
  @ApiAnswer(200, CASE, 'The case')
  @ApiProblems(400, 404)
  get(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return this.cases.detail(id, principal);
  }

  @Patch(':id')
  @Policy('cases.update', { resource: true })
  @ApiOperation({
    summary: 'Change the case data or its cost-benefit assessment',
    description:
      'The text: by the reporter or the process responsible while the case is a draft, submitted or awaiting information. The cost-benefit assessment: also by the line manager and the process owner, until the case is proposed to the programme; while its project runs (in realisation), by the project owner and the project manager alone. 422 when the state does not allow the change. Whoever moves a case to a process they do not look after gets the case as changed in this answer, and cannot see it afterwards.',
  })
  @ApiAnswer(200, CASE, 'The case as changed')
  @ApiProblems(400, 403, 404, 422)
  update(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: UPDATE_CASE }) body: UpdateCaseBody, @CurrentPrincipal() principal: Principal) {
    return this.cases.update(id, body, principal);
  }

  @Post(':id/events')
  @HttpCode(200)
  @Policy('cases.decide', { resource: true })
  @ApiOperation({
    summary: 'Send an event to the case (SUBMIT, ESCALATE, …)',
    description:
      '400: unknown event or bad payload (`payload.<field>`); 403: the caller lacks the role (`requiredRoles`); 409: `expectedRevision` is stale; 422: not possible in this state or with this data (`allowedEvents`, and `reason`; an ACCEPT_LOCAL the thresholds for a local improvement refuse also lists them in `thresholdsCrossed`, each with its `code` and `text`). A repeated `idempotencyKey` is applied once. `warnings` says what Flyt warns of though it applied the event.',
  })
  @ApiAnswer(200, CASE_EVENT_ANSWER, 'The case after the event, with any warnings')
  @ApiProblems(400, 403, 404, 409, 422)
  send(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: SEND_EVENT }) body: SendEventBody, @CurrentPrincipal() principal: Principal) {
    return this.cases.send(id, body, principal);
  }

  @Get(':id/history')
  @Policy('cases.read', { resource: true })
  @ApiOperation({
    summary: 'The event log of a case: who did what, with which authority, from which state to which; deadlines moved; events from and to other workflows',
    description: INVISIBLE,
  })
  @ApiAnswer(200, CASE_HISTORY, 'Every event, oldest first')
  @ApiProblems(400, 404)
  async history(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return { items: await this.historyOf.of(id, principal) };
  }

  @Get(':id/comments')
  @Policy('cases.read', { resource: true })
  @ApiOperation({ summary: 'The comments on a case', description: INVISIBLE })
  @ApiAnswer(200, COMMENT_LIST, 'Comments, oldest first')
  @ApiProblems(400, 404)
  async comments(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return { items: await this.commentsOf.of(id, principal) };
  }

  @Post(':id/comments')
  @Policy('cases.comment', { resource: true })
  @ApiOperation({ summary: 'Comment on a case (anyone who can see it)', description: INVISIBLE })
  @ApiAnswer(201, COMMENT, 'The comment')
  @ApiProblems(400, 404)
  addComment(
    @Param({ schema: ID_PARAMS }) { id }: IdParams,
    @Body({ schema: CREATE_COMMENT }) body: z.infer<typeof CREATE_COMMENT>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.commentsOf.add(id, body.body, principal);
  }
}
