import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import { ProjectArtefactsService } from './project-artefacts.service.js';
import {
  ARTEFACT_FORMS,
  ARTEFACT_PARAMS,
  INSTANCE_HISTORY,
  LIST_PROJECTS,
  type ListProjectsQuery,
  PROJECT,
  PROJECT_PAGE,
  PUT_ARTEFACT,
  type PutArtefactBody,
  SEND_PROJECT_EVENT,
  type SendProjectEventBody,
} from './project.dto.js';
import { ProjectsService } from './projects.service.js';

type IdParams = z.infer<typeof ID_PARAMS>;
type ArtefactParams = z.infer<typeof ARTEFACT_PARAMS>;

/** The project as the API shows it: with the schema of each kind of artefact, for the forms that write them. */
const withArtefactForms = async <T extends object>(project: Promise<T>) => ({ ...(await project), artefactForms: ARTEFACT_FORMS });

const INVISIBLE =
  'A project the caller may not see answers 404: it is seen by the programme, the rector, the process roles of its process and the people who work on it.';

@ApiTags('projects')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly artefacts: ProjectArtefactsService,
  ) {}

  @Get()
  @Policy('projects.read', { resource: true })
  @ApiOperation({ summary: 'List projects', description: 'The projects the caller may see, newest first; filter by phase or process.' })
  @ApiAnswer(200, PROJECT_PAGE, 'A page of projects')
  @ApiProblems(400)
  list(@Query({ schema: LIST_PROJECTS }) query: ListProjectsQuery, @CurrentPrincipal() principal: Principal) {
    return this.projects.list(query, principal);
  }

  @Get(':id')
  @Policy('projects.read', { resource: true })
  @ApiOperation({
    summary: 'One project: phase, the checklist of the gate ahead, artefacts, gate decisions with their figures, status reports, the events the caller may send',
    description: INVISIBLE,
  })
  @ApiAnswer(200, PROJECT, 'The project')
  @ApiProblems(400, 404)
  get(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return withArtefactForms(this.projects.detail(id, principal));
  }

  @Get(':id/history')
  @Policy('projects.read', { resource: true })
  @ApiOperation({ summary: 'The event log of a project: appointments, artefact edits, gate decisions with their authority, status reports, deadlines', description: INVISIBLE })
  @ApiAnswer(200, INSTANCE_HISTORY, 'Every event, oldest first')
  @ApiProblems(400, 404)
  history(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal) {
    return this.projects.history(id, principal);
  }

  @Post(':id/events')
  @HttpCode(200)
  @Policy('projects.decide', { resource: true })
  @ApiOperation({
    summary: 'Send an event to the project (APPOINT_TEAM, SET_GATE_DATE, SUBMIT_FOR_GATE, GO, RECYCLE, HOLD, STOP, APPROVE_GATE_DECISION, …)',
    description: `400: unknown event or bad payload (\`payload.<field>\`); 403: the caller lacks the role; 409: \`expectedRevision\` is stale; 422: not possible in this state or with this data (a checklist item missing: the answer lists them). ${INVISIBLE}`,
  })
  @ApiAnswer(200, PROJECT, 'The project after the event')
  @ApiProblems(400, 403, 404, 409, 422)
  send(@Param({ schema: ID_PARAMS }) { id }: IdParams, @Body({ schema: SEND_PROJECT_EVENT }) body: SendProjectEventBody, @CurrentPrincipal() principal: Principal) {
    return withArtefactForms(this.projects.send(id, body, principal));
  }

  @Put(':id/artefacts/:kind')
  @Policy('projects.decide', { resource: true })
  @ApiOperation({
    summary: 'Write one of the project’s artefacts (the project manager or owner)',
    description: `The whole artefact, in the schema of its kind. 409 once the gate that checks it has passed (it is frozen with the decision) or when \`expectedVersion\` is stale. ${INVISIBLE}`,
  })
  @ApiAnswer(200, PROJECT, 'The project with the artefact as saved')
  @ApiProblems(400, 403, 404, 409)
  putArtefact(@Param({ schema: ARTEFACT_PARAMS }) { id, kind }: ArtefactParams, @Body({ schema: PUT_ARTEFACT }) body: PutArtefactBody, @CurrentPrincipal() principal: Principal) {
    return withArtefactForms(this.artefacts.put(id, kind, body, principal));
  }
}
