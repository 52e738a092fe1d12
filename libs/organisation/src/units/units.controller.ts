import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import { CREATE_UNIT, LIST_UNITS, UNIT, UNIT_PAGE, UPDATE_UNIT } from './unit.dto.js';
import type { ListUnitsQuery } from './unit.dto.js';
import { toUnitView, UnitsService } from './units.service.js';
import type { z } from 'zod';

@ApiTags('units')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Policy('units.read')
  @ApiOperation({ summary: 'List units (the university, faculties, departments, sections, central administration)' })
  @ApiAnswer(200, UNIT_PAGE, 'A page of units, shallowest first')
  @ApiProblems(400)
  list(@Query({ schema: LIST_UNITS }) query: ListUnitsQuery) {
    return this.units.list(query);
  }

  @Get(':id')
  @Policy('units.read')
  @ApiOperation({ summary: 'One unit' })
  @ApiAnswer(200, UNIT, 'The unit')
  @ApiProblems(400, 404)
  async get(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>) {
    return toUnitView(await this.units.get(id));
  }

  @Post()
  @Policy('units.manage')
  @ApiOperation({ summary: 'Create a unit under a parent unit' })
  @ApiAnswer(201, UNIT, 'The unit created')
  @ApiProblems(400, 403, 409)
  create(@Body({ schema: CREATE_UNIT }) body: z.infer<typeof CREATE_UNIT>) {
    return this.units.create(body);
  }

  @Patch(':id')
  @Policy('units.manage')
  @ApiOperation({ summary: 'Rename a unit, change its code, or move it (with its sub-units) under another parent' })
  @ApiAnswer(200, UNIT, 'The unit as changed')
  @ApiProblems(400, 403, 404, 409)
  update(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>, @Body({ schema: UPDATE_UNIT }) body: z.infer<typeof UPDATE_UNIT>) {
    return this.units.update(id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Policy('units.manage')
  @ApiOperation({ summary: 'End a unit that no longer has active sub-units, users, processes or role assignments' })
  @ApiAnswer(200, UNIT, 'The unit, ended')
  @ApiProblems(400, 403, 404, 409)
  end(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>) {
    return this.units.end(id);
  }
}
