import { Body, Controller, HttpCode, Inject, Injectable, Optional, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, decideAction, Policy, type Principal } from '#flyt/access';
import { calendarFromConfig, deadlineFor, NorwegianCalendar } from '#flyt/calendar';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { InputInvalid, NotFound, NotPermitted, SYSTEM_CLOCK } from '#flyt/kernel';
import { DEADLINE_POLICY, type DeadlinePolicy, roleName, TimerStore, WorkflowInstances } from '#flyt/workflow-runtime';
import { CaseAccess } from './case-access.js';

export const DEADLINE_PARAMS = z.object({
  id: z.uuid(),
  timerId: z
    .string()
    .regex(/^[\w.$-]{1,300}$/, 'a deadline id as the case lists it, e.g. xstate.after.responsibleReminder.improvement-case.submitted'),
});

const OSLO_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' });

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

/**
 * Moving a pending deadline of a case, recorded with its reason. By the role in charge of the
 * state's deadlines (state `meta`), or an admin; a deadline that escalates to someone only by that
 * someone (or an admin), so nobody switches off the escalation that watches them. At most the
 * deadline's own length times DEADLINE_MOVE_LIMIT from now. The one a deadline of the state
 * escalates to is told of any move they did not make.
 */
@Injectable()
export class CaseDeadlinesService {
  constructor(
    private readonly access: CaseAccess,
    private readonly instances: WorkflowInstances,
    private readonly timers: TimerStore,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Optional() @Inject(DEADLINE_POLICY) private readonly policy?: DeadlinePolicy,
    @Optional() private readonly calendar?: NorwegianCalendar,
  ) {}

  async move(id: string, timerId: string, body: MoveDeadlineBody, principal: Principal): Promise<CaseDeadlineView> {
    const row = await this.access.visibleCase(id, principal);
    const pending = (await this.timers.pending([id])).get(id) ?? [];
    const timer = pending.find((t) => t.timerId === timerId);
    if (!timer) throw new NotFound('pending deadline', timerId);

    const instance = await this.instances.get(id);
    const workflow = this.instances.registry.workflow(instance.workflowId);
    const registration = this.instances.registry.get(instance.workflowId, instance.version);
    const escalations = workflow.escalations ?? {};
    const escalation = Object.hasOwn(escalations, timer.delayName) ? escalations[timer.delayName]! : null;
    const inCharge = escalation ? escalation.role : this.instances.stateMeta(instance).deadlineOwner;
    const { roles } = this.access.rolesFor(principal, row);
    if (!(inCharge && (roles as string[]).includes(inCharge)) && !decideAction(principal, 'cases.moveAnyDeadline').allowed) {
      const who = inCharge ? `${roleName(registration, inCharge)}${escalation ? ', whom it escalates to,' : ''} or an administrator` : 'an administrator';
      throw new NotPermitted('move this deadline', [...(inCharge ? [inCharge] : []), 'admin'], `Only ${who} may move this deadline.`);
    }

    const now = SYSTEM_CLOCK.now();
    const field = body.dueAt ? 'dueAt' : 'workingDays';
    const dueAt = body.dueAt
      ? new Date(body.dueAt)
      : deadlineFor(
          { workingDays: body.workingDays! },
          { now, context: null },
          { calendar: this.calendar ?? calendarFromConfig(this.config.deadlines), timeOfDay: this.config.deadlines.timeOfDay },
        );
    if (dueAt.getTime() <= now.getTime()) throw new InputInvalid([{ field, reason: 'must be in the future' }]);
    const ruleEnd = this.policy?.ruleEndsAt({ workflowId: instance.workflowId, delayName: timer.delayName }, now);
    if (ruleEnd) {
      const limit = new Date(now.getTime() + this.config.deadlines.moveLimit * (ruleEnd.getTime() - now.getTime()));
      if (dueAt.getTime() > limit.getTime()) {
        const latest = OSLO_TIME.format(limit);
        const times = this.config.deadlines.moveLimit === 1 ? 'its own length' : `${this.config.deadlines.moveLimit} times its own length`;
        throw new InputInvalid([{ field, reason: `must be no later than ${latest} (Oslo time): a deadline moves at most ${times} from now` }]);
      }
    }
    // Told: whoever a deadline of this state escalates to, unless they moved it themselves.
    const notify = [...new Map(
      pending
        .flatMap((t) => (Object.hasOwn(escalations, t.delayName) ? [escalations[t.delayName]!] : []))
        .filter((e) => !(roles as string[]).includes(e.role))
        .map((e) => [e.recipient, { to: e.recipient, template: 'deadlineMoved', delay: timer.delayName }] as const),
    ).values()];
    return this.timers.move({ instanceId: id, timerId, dueAt, movedBy: principal.userId, reason: body.reason, notify });
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
      'By the role in charge of the state’s deadlines (the process responsible while the case is submitted or awaits information, the process owner while it is with them, the line manager in local-improvement steps) or an admin; a deadline that escalates to someone (the process owner, the programme secretariat) only by them or an admin. At most the deadline’s own length (times DEADLINE_MOVE_LIMIT) from now. The old reminder will not fire; the new one fires at the new time. The move appears in the case history, the inbox shows the new deadline, and the one a deadline of the state escalates to is told. A case the caller may not see answers 404.',
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
