import { Body, Controller, HttpCode, Inject, Injectable, Optional, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, decideAction, Policy, type Principal } from '#flyt/access';
import { calendarFromConfig, deadlineFor, NorwegianCalendar } from '#flyt/calendar';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { InputInvalid, NotFound, NotPermitted, SYSTEM_CLOCK } from '#flyt/kernel';
import { TimerStore, WorkflowInstances } from '#flyt/workflow-runtime';
import { CaseAccess } from './case-access.js';

export const DEADLINE_PARAMS = z.object({
  id: z.uuid(),
  timerId: z
    .string()
    .regex(/^[\w.$-]{1,300}$/, 'a deadline id as the case lists it, e.g. xstate.after.responsibleReminder.improvement-case.submitted'),
});

export const MOVE_DEADLINE = z
  .strictObject({
    dueAt: z.iso.datetime({ offset: true }).optional().describe('The new due time; give this or workingDays'),
    workingDays: z.number().int().min(1).max(250).optional().describe('Due this many Norwegian working days from today, at the configured time of day'),
    reason: z.string().trim().min(1, 'must not be empty').max(1000, 'at most 1000 characters').describe('Why; shown in the case history'),
  })
  .refine((body) => (body.dueAt === undefined) !== (body.workingDays === undefined), { message: 'give either dueAt or workingDays', path: ['dueAt'] })
  .meta({ id: 'MoveCaseDeadline' });
export type MoveDeadlineBody = z.infer<typeof MOVE_DEADLINE>;

export const CASE_DEADLINE = z
  .object({
    timerId: z.string(),
    delayName: z.string().describe('The named deadline, e.g. responsibleReminder'),
    generation: z.number().int().describe('Grows each time the deadline is set again or moved'),
    dueAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseDeadline' });
export type CaseDeadlineView = z.infer<typeof CASE_DEADLINE>;

/** Moving a pending deadline of a case: by the role in charge of the state's deadlines (state `meta`), or an admin; recorded with its reason. */
@Injectable()
export class CaseDeadlinesService {
  constructor(
    private readonly access: CaseAccess,
    private readonly instances: WorkflowInstances,
    private readonly timers: TimerStore,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Optional() private readonly calendar?: NorwegianCalendar,
  ) {}

  async move(id: string, timerId: string, body: MoveDeadlineBody, principal: Principal): Promise<CaseDeadlineView> {
    const row = await this.access.visibleCase(id, principal);
    if (!(await this.timers.isPending(id, timerId))) throw new NotFound('pending deadline', timerId);

    const { deadlineOwner: owner } = this.instances.stateMeta(await this.instances.get(id));
    const { roles } = this.access.rolesFor(principal, row);
    if (!(owner && (roles as string[]).includes(owner)) && !decideAction(principal, 'cases.moveAnyDeadline').allowed) {
      throw new NotPermitted('move this deadline', [...(owner ? [owner] : []), 'admin']);
    }

    const now = SYSTEM_CLOCK.now();
    const dueAt = body.dueAt
      ? new Date(body.dueAt)
      : deadlineFor(
          { workingDays: body.workingDays! },
          { now, context: null },
          { calendar: this.calendar ?? calendarFromConfig(this.config.deadlines), timeOfDay: this.config.deadlines.timeOfDay },
        );
    if (dueAt.getTime() <= now.getTime()) throw new InputInvalid([{ field: 'dueAt', reason: 'must be in the future' }]);
    return this.timers.move({ instanceId: id, timerId, dueAt, movedBy: principal.userId, reason: body.reason });
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/cases')
export class CaseDeadlinesController {
  constructor(private readonly deadlines: CaseDeadlinesService) {}

  @Post(':id/deadlines/:timerId/move')
  @HttpCode(200)
  @Policy('cases.read', { resource: true })
  @ApiOperation({
    summary: 'Move a pending deadline of a case, with a reason',
    description:
      'By whoever the state waits on (the process responsible while the case is submitted or awaits information, the process owner while it is with them, the line manager in local-improvement steps) or an admin. The old reminder will not fire; the new one fires at the new time. The move appears in the case history and the inbox shows the new deadline. A case the caller may not see answers 404.',
  })
  @ApiAnswer(200, CASE_DEADLINE, 'The deadline as moved')
  @ApiProblems(400, 403, 404)
  move(
    @Param({ schema: DEADLINE_PARAMS }) { id, timerId }: z.infer<typeof DEADLINE_PARAMS>,
    @Body({ schema: MOVE_DEADLINE }) body: MoveDeadlineBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.deadlines.move(id, timerId, body, principal);
  }
}
