import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiFileAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import { RoundMinutesService } from './round-minutes.service.js';
import { PDF_CONTENT_TYPE } from '#flyt/documents';

type IdParams = z.infer<typeof ID_PARAMS>;

/** The minutes of a priority round (docs/priority-rounds.md, "The development plan and the minutes"). */
@ApiTags('priority rounds')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/rounds')
export class RoundMinutesController {
  constructor(private readonly minutes: RoundMinutesService) {}

  @Get(':id/minutes')
  @Policy('rounds.read', { resource: true })
  @ApiOperation({
    summary: 'The minutes of a round as a PDF, in bokmål, to archive',
    description:
      'Title, reference, plan year, the board’s decision, the budget frame, criteria and weights, members, candidates with their cost per year, every member’s scores per case, ' +
      'conflicts of interest and the secretariat’s decisions, the recommended portfolio (before a recommendation, the council’s own) with each case’s explanation and the greedy comparison, ' +
      'the recommendation and the approval. Once voting has closed (422 before). A round the caller may not see answers 404.',
  })
  @ApiFileAnswer(200, PDF_CONTENT_TYPE, 'The minutes (application/pdf)')
  @ApiProblems(400, 404, 422)
  async pdf(@Param({ schema: ID_PARAMS }) { id }: IdParams, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const { reference, pdf } = await this.minutes.pdf(id, principal);
    return new StreamableFile(pdf, { type: PDF_CONTENT_TYPE, disposition: `attachment; filename="${reference}-protokoll.pdf"` });
  }
}
