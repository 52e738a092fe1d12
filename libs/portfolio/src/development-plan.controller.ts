import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Policy } from '#flyt/access';
import { ApiAnswer, ApiFileAnswer, ApiProblems } from '#flyt/http';
import { DEVELOPMENT_PLAN, PLAN_YEAR_PARAMS } from './development-plan.dto.js';
import { DevelopmentPlanService } from './development-plan.service.js';
import { CSV_CONTENT_TYPE } from '#flyt/documents';

type YearParams = z.infer<typeof PLAN_YEAR_PARAMS>;

const WHAT =
  'Every case an approved round of this plan year or an earlier one prioritised, while its allocation has money in this year or later (projects roll forward), ' +
  'with its allocation, key figures at the configured discount rate and where it stands now; and the cases this year’s rounds deferred that still await prioritisation. ' +
  'Read from the PRIORITISE and DEFER events the cases received from the rounds. A year without an approved round has a plan of what earlier ones carry forward.';

const CSV_EXAMPLE =
  '\uFEFFDel;Saksnummer;Tittel;Prosess;Runde;Rundens tittel;Rundens planår;Godkjent;Videreført fra tidligere plan;Status;Poeng;Bevilgning 2027 (kr);…\r\n' +
  'Prioritert;FLYT-2026-0001;Digital søknad;Saksbehandling;RUNDE-1;Utviklingsplan 2027;2027;2026-12-15;Nei;Under realisering (prosjekt);3,4;1200000;…\r\n';

/** The development plan (docs/priority-rounds.md, "The development plan and the minutes"): the university's published plan, for everyone signed in. */
@ApiTags('development plan')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/development-plans')
export class DevelopmentPlanController {
  constructor(private readonly plans: DevelopmentPlanService) {}

  @Get(':year')
  @Policy('developmentPlan.read')
  @ApiOperation({ summary: 'The development plan (utviklingsplan) of a year', description: WHAT })
  @ApiAnswer(200, DEVELOPMENT_PLAN, 'The plan')
  @ApiProblems(400)
  plan(@Param({ schema: PLAN_YEAR_PARAMS }) { year }: YearParams) {
    return this.plans.plan(year);
  }

  @Get(':year/csv')
  @Policy('developmentPlan.read')
  @ApiOperation({
    summary: 'The development plan of a year as CSV, for Excel',
    description: `${WHAT} One row per case, prioritised first, then carried over (column "Del"); a column per year of any allocation. UTF-8 with a byte order mark, semicolons between fields, a decimal comma: Norwegian Excel opens it as it is.`,
  })
  @ApiFileAnswer(200, CSV_CONTENT_TYPE, 'The plan as a spreadsheet (text/csv)', CSV_EXAMPLE)
  @ApiProblems(400)
  async csv(@Param({ schema: PLAN_YEAR_PARAMS }) { year }: YearParams): Promise<StreamableFile> {
    return new StreamableFile(Buffer.from(await this.plans.csv(year), 'utf8'), {
      type: CSV_CONTENT_TYPE,
      disposition: `attachment; filename="utviklingsplan-${year}.csv"`,
    });
  }
}
