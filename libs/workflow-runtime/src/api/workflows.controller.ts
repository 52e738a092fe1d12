import { Controller, Get, Inject, Optional, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Policy } from '#flyt/access';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { NotFound } from '#flyt/kernel';
import type { MachineRegistration } from '../domain/machine-registration.js';
import { MachineRegistry } from '../domain/machine-registry.js';
import { toMermaid } from '../domain/mermaid.js';
import { deadlineOwnerAt, labelAt, pathOf, stateNodesOf, waitsForAt } from '../domain/state-meta.js';
import { WorkflowInstances } from '../instances/workflow-instances.js';
import { MACHINE_REGISTRY } from '../workflow-runtime.service.js';
import { DEADLINE_RULES_IN_FORCE, type DeadlineRulesInForce } from './deadline-rules-in-force.js';
import { DIAGRAM, DIAGRAM_QUERY, WORKFLOW_LIST, WORKFLOW_PARAMS, type WorkflowView } from './workflow.dto.js';

/** Every registered workflow, described from its registration: nothing here names one. */
@ApiTags('workflows')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/workflows')
export class WorkflowsController {
  constructor(
    @Inject(MACHINE_REGISTRY) private readonly registry: MachineRegistry,
    private readonly instances: WorkflowInstances,
    @Optional() @Inject(DEADLINE_RULES_IN_FORCE) private readonly rules?: DeadlineRulesInForce,
  ) {}

  private describe(id: string, versions: MachineRegistration[]): WorkflowView {
    const latest = versions[versions.length - 1]!;
    const { machine } = latest;
    return {
      id,
      noun: { ...latest.workflow.noun },
      versions: versions.map((v) => v.version),
      latestVersion: latest.version,
      roles: [...latest.roles],
      states: stateNodesOf(machine).map((node) => {
        const path = pathOf(node);
        return {
          path,
          label: { ...labelAt(machine, path)! },
          final: node.type === 'final',
          waitsFor: [...waitsForAt(machine, path)],
          deadlineOwner: deadlineOwnerAt(machine, path),
          tags: [...node.tags],
        };
      }),
      events: Object.entries(latest.events).map(([type, schema]) => ({
        type,
        description: schema.description ?? null,
        payloadSchema: this.instances.jsonSchemaOf(schema),
      })),
      deadlines: { ...(this.rules?.rulesOf(id) ?? latest.workflow.deadlines) },
    };
  }

  @Get()
  @Policy('workflows.read')
  @ApiOperation({
    summary: 'The registered workflows: versions, states with their labels and who they wait for, events with their payload schemas, deadline rules',
  })
  @ApiAnswer(200, WORKFLOW_LIST, 'Every workflow, newest version described')
  list() {
    const byId = new Map<string, MachineRegistration[]>();
    for (const registration of this.registry.all()) byId.set(registration.id, [...(byId.get(registration.id) ?? []), registration]);
    return { items: [...byId].map(([id, versions]) => this.describe(id, versions)) };
  }

  @Get(':id/diagram')
  @Policy('workflows.read')
  @ApiOperation({ summary: 'A Mermaid state diagram of a workflow, generated from the machine itself' })
  @ApiAnswer(200, DIAGRAM, 'The diagram as Mermaid text')
  @ApiProblems(400, 404)
  diagram(@Param({ schema: WORKFLOW_PARAMS }) { id }: z.infer<typeof WORKFLOW_PARAMS>, @Query({ schema: DIAGRAM_QUERY }) query: z.infer<typeof DIAGRAM_QUERY>) {
    if (!this.registry.has(id, query.version)) throw new NotFound('workflow', query.version === undefined ? id : `${id} version ${query.version}`);
    const chosen = query.version === undefined ? this.registry.latest(id) : this.registry.get(id, query.version);
    return { workflowId: id, version: chosen.version, mermaid: toMermaid(chosen.machine) };
  }
}
