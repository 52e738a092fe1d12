import { Controller, Get, Query } from '@nestjs/common';
import type { z } from 'zod';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { INBOX, INBOX_QUERY } from './case.dto.js';
import { CaseInbox } from './case-inbox.service.js';

@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/inbox')
export class InboxController {
  constructor(private readonly inbox: CaseInbox) {}

  @Get()
  @Policy('cases.read', { resource: true })
  @ApiOperation({
    summary: 'The cases waiting for the caller',
    description:
      'Open cases the caller can see where they may take a decision now (withdrawing aside), and those where a deadline of the current state ' +
      'reminded or alerted the caller (an escalation to the process owner or the programme secretariat). Each with its pending deadlines and ' +
      'the reminders and escalations sent; overdue cases first, then by the next deadline. Paged (`limit`, default 50, `offset`), with counts of the whole inbox.',
  })
  @ApiAnswer(200, INBOX, 'A page of the cases waiting for the caller, with counts of the whole inbox')
  @ApiProblems(400)
  list(@Query({ schema: INBOX_QUERY }) query: z.infer<typeof INBOX_QUERY>, @CurrentPrincipal() principal: Principal) {
    return this.inbox.page(principal, query);
  }
}
