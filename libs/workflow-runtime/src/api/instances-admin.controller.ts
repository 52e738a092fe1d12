import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import { WorkflowInstances } from '../instances/workflow-instances.js';
import { TimerStore } from '../timers/timer-store.js';
import { WorkflowRuntime } from '../workflow-runtime.service.js';
import { HOLD, INSTANCE } from './workflow.dto.js';

type IdParams = z.infer<typeof ID_PARAMS>;

/**
 * Any workflow instance as the runtime holds it, for admins: its state, deadlines, links and whole
 * history with the messages sent and received; and putting it on hold or resuming it. The libs of
 * the workflows give their users their own views (a case's page), with their own visibility rules.
 */
@ApiTags('workflows')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/workflows/instances')
export class InstancesAdminController {
  constructor(
    private readonly instances: WorkflowInstances,
    private readonly timers: TimerStore,
    private readonly runtime: WorkflowRuntime,
  ) {}

  private async view(id: string) {
    const instance = await this.instances.get(id);
    const [pending, held, links, history] = await Promise.all([this.timers.pending([id]), this.timers.held(id), this.instances.links(id), this.instances.history(id)]);
    return {
      id: instance.id,
      workflowId: instance.workflowId,
      version: instance.version,
      state: instance.state,
      stateLabel: this.instances.registry.label(instance.workflowId, instance.state, instance.version),
      status: instance.status,
      revision: instance.revision,
      heldSince: instance.heldSince,
      heldBy: instance.heldBy,
      pendingDeadlines: (pending.get(id) ?? []).map(({ timerId, delayName, dueAt, generation }) => ({ timerId, delayName, dueAt, generation })),
      heldDeadlines: held,
      links,
      history: history.map(({ idempotencyKey: _key, facts: _facts, ...entry }) => entry),
    };
  }

  @Get(':id')
  @Policy('workflows.manage')
  @ApiOperation({ summary: 'A workflow instance with its deadlines, linked instances and history (admins)' })
  @ApiAnswer(200, INSTANCE, 'The instance')
  @ApiProblems(400, 403, 404)
  get(@Param({ schema: ID_PARAMS }) { id }: IdParams) {
    return this.view(id);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Policy('workflows.manage')
  @ApiOperation({
    summary: 'Put a workflow instance on hold (admins)',
    description: 'Its pending deadlines stop, each keeping the working time it had left; events can still be sent. 409 when it is on hold already or has ended.',
  })
  @ApiAnswer(200, INSTANCE, 'The instance, on hold')
  @ApiProblems(400, 403, 404, 409)
  async hold(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: HOLD }) body: z.infer<typeof HOLD>, @CurrentPrincipal() principal: Principal) {
    await this.runtime.hold({ instanceId: id, actor: { userId: principal.userId, roles: ['admin'] }, reason: body.reason });
    return this.view(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Policy('workflows.manage')
  @ApiOperation({
    summary: 'Resume a workflow instance on hold (admins)',
    description:
      'Each held deadline runs again with the time it had left, counted in the same calendar from now, unless the workflow itself also holds it (a HOLD decision in it). 409 when no operator put it on hold.',
  })
  @ApiAnswer(200, INSTANCE, 'The instance, running again')
  @ApiProblems(400, 403, 404, 409)
  async resume(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: HOLD }) body: z.infer<typeof HOLD>, @CurrentPrincipal() principal: Principal) {
    await this.runtime.resume({ instanceId: id, actor: { userId: principal.userId, roles: ['admin'] }, reason: body.reason });
    return this.view(id);
  }
}
