import { Controller, Get, Query } from '@nestjs/common';
import type { z } from 'zod';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { INBOX, INBOX_QUERY } from './case.dto.js';
import { CaseInbox } from './case-inbox.service.js';
import { OtherWorkSources } from './other-work.js';

@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/inbox')
export class InboxController {
  constructor(
    private readonly inbox: CaseInbox,
    private readonly otherWork: OtherWorkSources,
  ) {}

  @Get()
  @Policy('cases.read', { resource: true })
  @ApiOperation({
    summary: 'The cases waiting for the caller',
    description:
      'Open cases the caller can see where they may take a decision now (withdrawing aside), and those where a deadline of the current state ' +
      'reminded or alerted the caller (an escalation to the process owner or the programme secretariat). Each with its pending deadlines and ' +
      'the reminders and escalations sent; overdue cases first, then by the next deadline. Paged (`limit`, default 50, `offset`), with counts of the whole inbox. ' +
      '`otherWork` lists, unpaged, what waits for the caller in other workflows: ballots to fill in, a recommendation to approve, a gate to prepare or decide, a status report or a measurement due.',
  })
  @ApiAnswer(200, INBOX, 'A page of the cases waiting for the caller, with counts of the whole inbox')
  @ApiProblems(400)
  async list(@Query({ schema: INBOX_QUERY }) query: z.infer<typeof INBOX_QUERY>, @CurrentPrincipal() principal: Principal) {
    const [page, otherWork] = await Promise.all([this.inbox.page(principal, query), this.otherWork.itemsFor(principal)]);
    return { ...page, otherWork };
  }
}
