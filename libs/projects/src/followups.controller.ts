import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import { FollowupsService } from './followups.service.js';
import { FOLLOWUP, INSTANCE_HISTORY, SEND_PROJECT_EVENT, type SendProjectEventBody } from './project.dto.js';

type IdParams = z.infer<typeof ID_PARAMS>;

const INVISIBLE = 'A follow-up answers 404 to whoever may not see its project.';

@ApiTags('benefits follow-up')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/follow-ups')
export class FollowupsController {
  constructor(private readonly followups: FollowupsService) {}

  @Get(':id')
  @Policy('projects.read', { resource: true })
  @ApiOperation({ summary: 'A project’s benefits follow-up: measurement dates, measurements, the conclusion (BP6)', description: INVISIBLE })
  @ApiAnswer(200, FOLLOWUP, 'The follow-up')
  @ApiProblems(400, 404)
  get(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return this.followups.detail(id, principal);
  }

  @Get(':id/history')
  @Policy('projects.read', { resource: true })
  @ApiOperation({ summary: 'The event log of a benefits follow-up: measurements, reminders and escalations, the conclusion', description: INVISIBLE })
  @ApiAnswer(200, INSTANCE_HISTORY, 'Every event, oldest first')
  @ApiProblems(400, 404)
  history(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return this.followups.history(id, principal);
  }

  @Post(':id/events')
  @HttpCode(200)
  @Policy('projects.decide', { resource: true })
  @ApiOperation({
    summary: 'Record a measurement (RECORD_MEASUREMENT) or conclude the benefits work (CONCLUDE, BP6)',
    description: `400: unknown event or bad payload (\`payload.<field>\`), a benefit not in the plan; 403: the caller lacks the role; 409: \`expectedRevision\` is stale; 422: not possible now, or a value that misses its target without an explanation (then \`errors\` names \`payload.deviationExplanation\`). ${INVISIBLE}`,
  })
  @ApiAnswer(200, FOLLOWUP, 'The follow-up after the event')
  @ApiProblems(400, 403, 404, 409, 422)
  send(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: SEND_PROJECT_EVENT }) body: SendProjectEventBody, @CurrentPrincipal() principal: Principal) {
    return this.followups.send(id, body, principal);
  }
}
