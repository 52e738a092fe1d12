import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import {
  ABSENCE_PARAMS,
  CREATE_MANDATE,
  END_MANDATE,
  LIST_MANDATES,
  MANDATE,
  MANDATE_PAGE,
  RECORD_ABSENCE,
  UPDATE_MANDATE,
} from './mandate.dto.js';
import type { ListMandatesQuery } from './mandate.dto.js';
import { MandatesService } from './mandates.service.js';

@ApiTags('mandates')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/mandates')
export class MandatesController {
  constructor(private readonly mandates: MandatesService) {}

  @Get()
  @Policy('mandates.read')
  @ApiOperation({ summary: 'List mandates (who is process responsible for which process, and when); open ones unless includeEnded' })
  @ApiAnswer(200, MANDATE_PAGE, 'A page of mandates, latest start first')
  @ApiProblems(400)
  list(@Query({ schema: LIST_MANDATES }) query: ListMandatesQuery, @CurrentPrincipal() principal: Principal) {
    return this.mandates.list(query, principal.day);
  }

  @Get(':id')
  @Policy('mandates.read')
  @ApiOperation({ summary: 'One mandate, with its deputy and the holder’s absences' })
  @ApiAnswer(200, MANDATE, 'The mandate')
  @ApiProblems(400, 404)
  get(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>, @CurrentPrincipal() principal: Principal) {
    return this.mandates.get(id, principal.day);
  }

  @Post()
  @Policy('mandates.manage', { resource: true })
  @ApiOperation({ summary: 'Delegate the process-responsible role for a process to a named person (process owner of that process, or admin)' })
  @ApiAnswer(201, MANDATE, 'The mandate created')
  @ApiProblems(400, 403, 409)
  create(@Body({ schema: CREATE_MANDATE }) body: z.infer<typeof CREATE_MANDATE>, @CurrentPrincipal() principal: Principal) {
    return this.mandates.create(body, principal);
  }

  @Patch(':id')
  @Policy('mandates.manage', { resource: true })
  @ApiOperation({ summary: 'Change the dates, deputy or description of a mandate that has not been ended' })
  @ApiAnswer(200, MANDATE, 'The mandate as changed')
  @ApiProblems(400, 403, 404, 409)
  update(
    @Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>,
    @Body({ schema: UPDATE_MANDATE }) body: z.infer<typeof UPDATE_MANDATE>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.mandates.update(id, body, principal);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Policy('mandates.manage', { resource: true })
  @ApiOperation({ summary: 'End a mandate now, with an optional reason; neither holder nor deputy holds the role through it afterwards' })
  @ApiAnswer(200, MANDATE, 'The mandate, ended')
  @ApiProblems(400, 403, 404, 409)
  end(
    @Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>,
    @Body({ schema: END_MANDATE }) body: z.infer<typeof END_MANDATE>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.mandates.end(id, body.reason, principal);
  }

  @Post(':id/absences')
  @Policy('mandates.recordAbsence', { resource: true })
  @ApiOperation({ summary: 'Record an absence of the holder, during which the deputy stands in (the holder, the process owner, or admin)' })
  @ApiAnswer(201, MANDATE, 'The mandate with the absence recorded')
  @ApiProblems(400, 403, 404, 409)
  recordAbsence(
    @Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>,
    @Body({ schema: RECORD_ABSENCE }) body: z.infer<typeof RECORD_ABSENCE>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.mandates.recordAbsence(id, body, principal);
  }

  @Delete(':id/absences/:absenceId')
  @HttpCode(204)
  @Policy('mandates.recordAbsence', { resource: true })
  @ApiOperation({ summary: 'Delete a recorded absence of the holder (the holder, the process owner, or admin)' })
  @ApiResponse({ status: 204, description: 'The absence is deleted; the holder holds the role alone again' })
  @ApiProblems(400, 403, 404, 409)
  async removeAbsence(@Param({ schema: ABSENCE_PARAMS }) { id, absenceId }: z.infer<typeof ABSENCE_PARAMS>, @CurrentPrincipal() principal: Principal) {
    await this.mandates.removeAbsence(id, absenceId, principal);
  }
}
