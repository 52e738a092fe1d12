import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { assertAllowed, CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import { CREATE_PROCESS, LIST_PROCESSES, PROCESS_DETAIL, PROCESS_PAGE, UPDATE_PROCESS } from './process.dto.js';
import type { CreateProcessInput, ListProcessesQuery, UpdateProcessInput } from './process.dto.js';
import { ProcessesService } from './processes.service.js';

@ApiTags('processes')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/processes')
export class ProcessesController {
  constructor(private readonly processes: ProcessesService) {}

  @Get()
  @Policy('processes.read')
  @ApiOperation({ summary: 'List the process catalogue' })
  @ApiAnswer(200, PROCESS_PAGE, 'A page of processes, by code')
  @ApiProblems(400)
  list(@Query({ schema: LIST_PROCESSES }) query: ListProcessesQuery) {
    return this.processes.list(query);
  }

  @Get(':id')
  @Policy('processes.read')
  @ApiOperation({ summary: 'One process, with its process owners, process responsibles (mandates), advisers and team today' })
  @ApiAnswer(200, PROCESS_DETAIL, 'The process and who holds its roles today')
  @ApiProblems(400, 404)
  get(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>, @CurrentPrincipal() principal: Principal) {
    return this.processes.detail(id, principal.day);
  }

  @Post()
  @Policy('processes.manage')
  @ApiOperation({ summary: 'Add a process to the catalogue, owned by a unit' })
  @ApiAnswer(201, PROCESS_DETAIL, 'The process created')
  @ApiProblems(400, 403, 409)
  create(@Body({ schema: CREATE_PROCESS }) body: CreateProcessInput, @CurrentPrincipal() principal: Principal) {
    return this.processes.create(body, principal.day);
  }

  @Patch(':id')
  @Policy('processes.update', { resource: true })
  @ApiOperation({
    summary: 'Change a process: names, description, code, owning unit, or its team (replaced as a whole)',
    description: 'Allowed to an admin and to the process owner of this process.',
  })
  @ApiAnswer(200, PROCESS_DETAIL, 'The process as changed')
  @ApiProblems(400, 403, 404, 409)
  update(
    @Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>,
    @Body({ schema: UPDATE_PROCESS }) body: UpdateProcessInput,
    @CurrentPrincipal() principal: Principal,
  ) {
    assertAllowed(principal, 'processes.update', { processId: id });
    return this.processes.update(id, body, principal.day);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Policy('processes.manage')
  @ApiOperation({
    summary: 'End a process that has no mandate in force or starting later',
    description: 'The role assignments held for the process (process owner, adviser) end with it.',
  })
  @ApiAnswer(200, PROCESS_DETAIL, 'The process, ended')
  @ApiProblems(400, 403, 404, 409)
  end(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>, @CurrentPrincipal() principal: Principal) {
    return this.processes.end(id, principal.day, principal.userId);
  }
}
