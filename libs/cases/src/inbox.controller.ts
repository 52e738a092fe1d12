import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { INBOX } from './case.dto.js';
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
      'the reminders and escalations sent; overdue cases first, then by the next deadline.',
  })
  @ApiAnswer(200, INBOX, 'The cases waiting for the caller')
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: await this.inbox.items(principal) };
  }
}
