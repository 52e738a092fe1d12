import { Body, Controller, HttpCode, Inject, Injectable, Optional, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentPrincipal, decide, Policy, type Principal } from '#flyt/access';
import { calendarFromConfig, deadlineFor, NorwegianCalendar } from '#flyt/calendar';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { InputInvalid, NotFound, NotPermitted, SYSTEM_CLOCK } from '#flyt/kernel';
import { WorkflowRuntime } from '#flyt/workflow-runtime';
import { CasesService } from './cases.service.js';
import { caseRolesFor } from './domain/case-roles.js';
import { deadlineOwner } from './domain/deadline-owner.js';
import { isVisible, visibleCaseOf } from './domain/visibility.js';

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

const ADMIN = { anyOf: [{ role: 'admin' as const, in: 'global' as const }] };

interface DeadlineCaseRow {
  process_id: string;
  process_name: string;
  unit_path: string[];
  unit_name: string;
  reporter_id: string;
  proposed_at: Date | null;
  escalated_to_programme_at: Date | null;
  state: string;
}

/** Moving a pending deadline of a case: by whoever the state waits on, or an admin; recorded with its reason. */
@Injectable()
export class CaseDeadlinesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly cases: CasesService,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Optional() private readonly calendar?: NorwegianCalendar,
  ) {}

  async move(id: string, timerId: string, body: MoveDeadlineBody, principal: Principal): Promise<CaseDeadlineView> {
    const [row] = (await this.db.query(
      `SELECT c.process_id, p.name_nb AS process_name, ru.path AS unit_path, ru.name_nb AS unit_name, c.reporter_id, c.proposed_at, c.escalated_to_programme_at, c.state
         FROM improvement_case c JOIN process p ON p.id = c.process_id JOIN unit ru ON ru.id = c.reporting_unit_id WHERE c.id = $1`,
      [id],
    )) as DeadlineCaseRow[];
    const visibility = row && (await this.cases.visibilityOf(principal));
    if (!row || !isVisible(visibility, visibleCaseOf(row))) {
      throw new NotFound('case', id);
    }
    const [timer] = await this.db.query(`SELECT 1 FROM workflow_timer WHERE instance_id = $1 AND timer_id = $2 AND status = 'pending'`, [id, timerId]);
    if (!timer) throw new NotFound('pending deadline', timerId);

    const owner = deadlineOwner(row.state);
    const { roles } = caseRolesFor(principal.userId, principal.grants, {
      processId: row.process_id,
      processName: row.process_name,
      reportingUnitPath: row.unit_path,
      reportingUnitName: row.unit_name,
      reporterId: row.reporter_id,
    });
    if (!(owner && (roles as string[]).includes(owner)) && !decide(ADMIN, principal).allowed) {
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
    return this.runtime.moveTimer({ instanceId: id, timerId, dueAt, movedBy: principal.userId, reason: body.reason });
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
