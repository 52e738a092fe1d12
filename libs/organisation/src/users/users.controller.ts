import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import { CREATE_USER, LIST_USERS, UPDATE_USER, USER, USER_DETAIL, USER_PAGE } from './user.dto.js';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput } from './user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Policy('users.read', { resource: true })
  @ApiOperation({
    summary: 'List users',
    description:
      'Admins, the programme secretariat and the holders of process roles see everyone; a line manager sees the users of their unit and the units below it; anyone else only themself.',
  })
  @ApiAnswer(200, USER_PAGE, 'A page of users, by name')
  @ApiProblems(400)
  list(@Query({ schema: LIST_USERS }) query: ListUsersQuery, @CurrentPrincipal() principal: Principal) {
    return this.users.list(query, principal);
  }

  @Get(':id')
  @Policy('users.read', { resource: true })
  @ApiOperation({ summary: 'One user, with the role assignments and mandates in force today' })
  @ApiAnswer(200, USER_DETAIL, 'The user and the roles they hold today')
  @ApiProblems(400, 403, 404)
  get(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>, @CurrentPrincipal() principal: Principal) {
    return this.users.detail(id, principal);
  }

  @Post()
  @Policy('users.manage')
  @ApiOperation({ summary: 'Add a user with a home unit' })
  @ApiAnswer(201, USER, 'The user created')
  @ApiProblems(400, 403, 409)
  create(@Body({ schema: CREATE_USER }) body: CreateUserInput) {
    return this.users.create(body);
  }

  @Patch(':id')
  @Policy('users.manage')
  @ApiOperation({ summary: 'Change a user: e-mail, name, home unit, locale, or link to the identity provider' })
  @ApiAnswer(200, USER, 'The user as changed')
  @ApiProblems(400, 403, 404, 409)
  update(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>, @Body({ schema: UPDATE_USER }) body: UpdateUserInput) {
    return this.users.update(id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Policy('users.manage')
  @ApiOperation({
    summary: 'End a user: they can no longer sign in, and their role assignments end with them',
    description: 'Refused while the user holds a mandate in force or starting later; the process owner ends or re-delegates it first.',
  })
  @ApiAnswer(200, USER, 'The user, ended')
  @ApiProblems(400, 403, 404, 409)
  end(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>, @CurrentPrincipal() principal: Principal) {
    return this.users.end(id, principal);
  }
}
