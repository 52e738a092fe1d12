import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import {
  CREATE_ROLE_ASSIGNMENT,
  END_ROLE_ASSIGNMENT,
  LIST_ROLE_ASSIGNMENTS,
  ROLE_ASSIGNMENT,
  ROLE_ASSIGNMENT_PAGE,
  UPDATE_ROLE_ASSIGNMENT,
} from './role-assignment.dto.js';
import type { ListRoleAssignmentsQuery } from './role-assignment.dto.js';
import { RoleAssignmentsService } from './role-assignments.service.js';

@ApiTags('role-assignments')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/role-assignments')
export class RoleAssignmentsController {
  constructor(private readonly assignments: RoleAssignmentsService) {}

  @Get()
  @Policy('roleAssignments.read', { resource: true })
  @ApiOperation({ summary: 'List role assignments; without admin or programme secretariat rights, only your own' })
  @ApiAnswer(200, ROLE_ASSIGNMENT_PAGE, 'A page of role assignments')
  @ApiProblems(400, 403)
  list(@Query({ schema: LIST_ROLE_ASSIGNMENTS }) query: ListRoleAssignmentsQuery, @CurrentPrincipal() principal: Principal) {
    return this.assignments.list(query, principal);
  }

  @Get(':id')
  @Policy('roleAssignments.read', { resource: true })
  @ApiOperation({ summary: 'One role assignment (your own, or any with admin or programme secretariat rights)' })
  @ApiAnswer(200, ROLE_ASSIGNMENT, 'The role assignment')
  @ApiProblems(400, 403, 404)
  get(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>, @CurrentPrincipal() principal: Principal) {
    return this.assignments.get(id, principal);
  }

  @Post()
  @Policy('roleAssignments.manage')
  @ApiOperation({ summary: 'Assign a role to a user, globally, in a unit (and the units below it) or for a process' })
  @ApiAnswer(201, ROLE_ASSIGNMENT, 'The role assignment created')
  @ApiProblems(400, 403, 409)
  create(@Body({ schema: CREATE_ROLE_ASSIGNMENT }) body: z.infer<typeof CREATE_ROLE_ASSIGNMENT>, @CurrentPrincipal() principal: Principal) {
    return this.assignments.create(body, principal);
  }

  @Patch(':id')
  @Policy('roleAssignments.manage')
  @ApiOperation({ summary: 'Change the period of a role assignment that has not been ended' })
  @ApiAnswer(200, ROLE_ASSIGNMENT, 'The role assignment as changed')
  @ApiProblems(400, 403, 404, 409)
  update(
    @Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>,
    @Body({ schema: UPDATE_ROLE_ASSIGNMENT }) body: z.infer<typeof UPDATE_ROLE_ASSIGNMENT>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.assignments.update(id, body, principal);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Policy('roleAssignments.manage')
  @ApiOperation({ summary: 'End a role assignment now, with a reason' })
  @ApiAnswer(200, ROLE_ASSIGNMENT, 'The role assignment, ended')
  @ApiProblems(400, 403, 404, 409)
  end(
    @Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>,
    @Body({ schema: END_ROLE_ASSIGNMENT }) body: z.infer<typeof END_ROLE_ASSIGNMENT>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.assignments.end(id, body.reason, principal);
  }
}
