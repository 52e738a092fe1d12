import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { CSV_CONTENT_TYPE, PDF_CONTENT_TYPE } from '#flyt/documents';
import { ApiAnswer, ApiFileAnswer, ApiProblems } from '#flyt/http';
import {
  ANNUAL_REPORT,
  BENEFITS_FILE_QUERY,
  BENEFITS_QUERY,
  BENEFITS_REPORT,
  type BenefitsFileQuery,
  type BenefitsQuery,
  PROJECTS_REPORT,
  REPORT_FILE_QUERY,
  REPORT_YEAR_PARAMS,
  type ReportFileQuery,
  type ReportYearParams,
} from './reports.dto.js';
import { ReportsService } from './reports.service.js';

const WHO =
  'For admins, the programme secretariat and council, and the rector, who see every process; and for process owners, who see only the processes they own (their projects, benefits and cases). Others get 403.';
const CSV_FORMAT =
  'UTF-8 with a byte order mark, semicolons between fields, a decimal comma and CRLF between records: Norwegian Excel opens it as it is. In bokmål unless `lang=en`.';
const BENEFITS =
  'Planned against realised benefits, from each project’s benefits-realisation plan and the measurements its follow-up recorded. ' +
  'A priced benefit realises its planned yearly value times the share of the way from baseline to target its latest measurement reached (between 0 and 1); a benefit not measured yet realises 0. ' +
  'Per year: the benefits due to be measured that year, judged by the measurements that answer that year’s dates.';
const PROJECTS =
  'Every project by where it stands (awaiting its team, concept, planning, execution, closure, closed, stopped) with the gate ahead and its planned date; ' +
  'late when that date has passed and the gate is not decided; on hold; and, once closed, whether its benefits follow-up runs or was concluded at BP6.';
const ANNUAL =
  'The rector’s annual report to the board for a calendar year (Europe/Oslo): the cases reported in the year by the state they are in now and by process; ' +
  'the days from report to the first decision (rejected, merged, accepted as a local improvement, escalated), for decisions taken in the year; the local improvements completed in the year; ' +
  'the projects under way in the year by phase, as they stand today; and the benefits planned against realised as of the year’s end. 400 for a year outside 2000–2100.';

const CSV_BENEFITS_EXAMPLE =
  '\uFEFFProsjekt;Prosjekttittel;Prosess;Gevinster;Nådd mål;Ikke nådd;Ikke målt ennå;Planlagt per år (kr);Realisert per år (kr)\r\n' +
  'PROSJEKT-1;Digitale eksamensprotokoller;Saksbehandling;2;1;0;1;500000;400000\r\n' +
  'Alle gevinster, siste måling;;;2;1;0;1;500000;400000\r\n';

const attachment = (type: string, filename: string) => ({ type, disposition: `attachment; filename="${filename}"` });
const GROUPING_IN_FILENAME = { project: 'prosjekt', process: 'prosess', year: 'ar' } as const;

/** The reports on projects and benefits, and the rector's annual report (docs/projects.md, "Reports"). */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('benefits')
  @Policy('reports.read')
  @ApiOperation({ summary: 'Planned against realised benefits, per project, process or year', description: `${BENEFITS} ${WHO}` })
  @ApiAnswer(200, BENEFITS_REPORT, 'The lines of the grouping, the totals and every benefit')
  @ApiProblems(400, 403)
  benefits(@Query({ schema: BENEFITS_QUERY }) query: BenefitsQuery, @CurrentPrincipal() principal: Principal) {
    return this.reports.benefits(query, principal);
  }

  @Get('benefits/csv')
  @Policy('reports.read')
  @ApiOperation({
    summary: 'Planned against realised benefits as CSV, for Excel',
    description: `${BENEFITS} One row per line of the grouping, then every benefit once. ${CSV_FORMAT} ${WHO}`,
  })
  @ApiFileAnswer(200, CSV_CONTENT_TYPE, 'The benefits as a spreadsheet (text/csv)', CSV_BENEFITS_EXAMPLE)
  @ApiProblems(400, 403)
  async benefitsCsv(@Query({ schema: BENEFITS_FILE_QUERY }) { lang, ...query }: BenefitsFileQuery, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const { asOf, csv } = await this.reports.benefitsCsv(query, principal, lang);
    return new StreamableFile(Buffer.from(csv, 'utf8'), attachment(CSV_CONTENT_TYPE, `gevinster-per-${GROUPING_IN_FILENAME[query.groupBy]}-${asOf}.csv`));
  }

  @Get('projects')
  @Policy('reports.read')
  @ApiOperation({ summary: 'Projects by phase, with the gate ahead and whether it is late', description: `${PROJECTS} ${WHO}` })
  @ApiAnswer(200, PROJECTS_REPORT, 'The projects and the count per stage')
  @ApiProblems(403)
  projects(@CurrentPrincipal() principal: Principal) {
    return this.reports.projects(principal);
  }

  @Get('projects/csv')
  @Policy('reports.read')
  @ApiOperation({ summary: 'Projects by phase as CSV, for Excel', description: `${PROJECTS} One row per project. ${CSV_FORMAT} ${WHO}` })
  @ApiFileAnswer(200, CSV_CONTENT_TYPE, 'The projects as a spreadsheet (text/csv)')
  @ApiProblems(400, 403)
  async projectsCsv(@Query({ schema: REPORT_FILE_QUERY }) { lang }: ReportFileQuery, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const { today, csv } = await this.reports.projectsCsv(principal, lang);
    return new StreamableFile(Buffer.from(csv, 'utf8'), attachment(CSV_CONTENT_TYPE, `prosjekter-${today}.csv`));
  }

  @Get('annual/:year')
  @Policy('reports.read')
  @ApiOperation({ summary: 'The rector’s annual report to the board (årsrapport) of a year', description: `${ANNUAL} ${WHO}` })
  @ApiAnswer(200, ANNUAL_REPORT, 'The annual report')
  @ApiProblems(400, 403)
  annual(@Param({ schema: REPORT_YEAR_PARAMS }) { year }: ReportYearParams, @CurrentPrincipal() principal: Principal) {
    return this.reports.annual(year, principal);
  }

  @Get('annual/:year/csv')
  @Policy('reports.read')
  @ApiOperation({
    summary: 'The annual report as CSV, for Excel',
    description: `${ANNUAL} One long table (section, item, measure, value), for a pivot table. ${CSV_FORMAT} ${WHO}`,
  })
  @ApiFileAnswer(200, CSV_CONTENT_TYPE, 'The annual report as a spreadsheet (text/csv)')
  @ApiProblems(400, 403)
  async annualCsv(
    @Param({ schema: REPORT_YEAR_PARAMS }) { year }: ReportYearParams,
    @Query({ schema: REPORT_FILE_QUERY }) { lang }: ReportFileQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    const csv = await this.reports.annualCsv(year, principal, lang);
    return new StreamableFile(Buffer.from(csv, 'utf8'), attachment(CSV_CONTENT_TYPE, `arsrapport-${year}.csv`));
  }

  @Get('annual/:year/pdf')
  @Policy('reports.read')
  @ApiOperation({
    summary: 'The annual report as a PDF, to send to the board',
    description: `${ANNUAL} A4, in bokmål unless \`lang=en\`, drawn in the standard Helvetica (æøå included; a character it lacks is drawn as its base letter or ?). ${WHO}`,
  })
  @ApiFileAnswer(200, PDF_CONTENT_TYPE, 'The annual report (application/pdf)')
  @ApiProblems(400, 403)
  async annualPdf(
    @Param({ schema: REPORT_YEAR_PARAMS }) { year }: ReportYearParams,
    @Query({ schema: REPORT_FILE_QUERY }) { lang }: ReportFileQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    const pdf = await this.reports.annualPdf(year, principal, lang);
    return new StreamableFile(pdf, attachment(PDF_CONTENT_TYPE, `arsrapport-${year}.pdf`));
  }
}
