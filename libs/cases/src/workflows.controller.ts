import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AnyStateNode } from 'xstate';
import type { z } from 'zod';
import { Policy } from '#flyt/access';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { NotFound } from '#flyt/kernel';
import { MACHINE_REGISTRY, type MachineRegistration, MachineRegistry, toMermaid, WorkflowRuntime } from '#flyt/workflow-runtime';
import { CASE_STATE_LABELS, IMPROVEMENT_CASE_WORKFLOW } from '#workflows/improvement-case.machine';
import { DIAGRAM, DIAGRAM_QUERY, WORKFLOW_LIST, WORKFLOW_PARAMS, type WorkflowView } from './case.dto.js';

/** Human labels of the states of each workflow the API knows. */
const STATE_LABELS: Record<string, Record<string, { nb: string; en: string }>> = {
  [IMPROVEMENT_CASE_WORKFLOW.id]: CASE_STATE_LABELS,
};

function stateNodes(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...stateNodes(child)]);
}

@ApiTags('workflows')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/workflows')
export class WorkflowsController {
  constructor(
    @Inject(MACHINE_REGISTRY) private readonly registry: MachineRegistry,
    private readonly runtime: WorkflowRuntime,
  ) {}

  private describe(id: string, versions: MachineRegistration[]): WorkflowView {
    const latest = versions[versions.length - 1]!;
    const labels = STATE_LABELS[id] ?? {};
    return {
      id,
      versions: versions.map((v) => v.version),
      latestVersion: latest.version,
      roles: [...latest.roles],
      states: stateNodes(latest.machine.root).map((node) => {
        const path = node.path.join('.');
        return { path, label: labels[path] ?? null, final: node.type === 'final' };
      }),
      events: Object.entries(latest.events).map(([type, schema]) => ({
        type,
        description: schema.description ?? null,
        payloadSchema: this.runtime.jsonSchemaOf(schema),
      })),
    };
  }

  @Get()
  @Policy('workflows.read')
  @ApiOperation({ summary: 'The registered workflows: versions, states with their labels, events with their payload schemas' })
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
    const registration = this.registry.all().find((r) => r.id === id && (query.version === undefined ? true : r.version === query.version));
    if (!registration) throw new NotFound('workflow', query.version === undefined ? id : `${id} version ${query.version}`);
    const chosen = query.version === undefined ? this.registry.latest(id) : registration;
    return { workflowId: id, version: chosen.version, mermaid: toMermaid(chosen.machine) };
  }
}
