import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Grant, Principal } from '#flyt/access';
import { CLOCK, type Clock, osloDay } from '#flyt/kernel';
import { sqlOfManager, type TransactionSql } from '#flyt/workflow-runtime';
import { annualReportPdf } from './domain/annual-report-pdf.js';
import {
  type AnnualReport,
  annualReport,
  type BenefitGroupsReport,
  benefitsReport,
  type BenefitStatus,
  groupBenefits,
  type Locale,
  type ProjectsByPhaseReport,
  projectsByPhase,
  toCsv,
} from './domain/reports.js';
import { annualCaseRows, type ProcessScope, projectBenefitsRows, projectStatusRows } from './report-queries.js';
import type { BenefitsQuery } from './reports.dto.js';

/** Who sees every process's figures: the programme, the rector and admins, in their global roles. */
const SEE_ALL: readonly Grant['role'][] = ['admin', 'programme_secretariat', 'programme_council', 'rector'];

/**
 * The processes whose figures a reader of the reports sees (docs/projects.md, "Reports"): all of
 * them for the programme, the rector and admins; a process owner only the processes they own.
 */
export function reportScopeOf(principal: Pick<Principal, 'grants'>): ProcessScope {
  const { grants } = principal;
  if (grants.some((g) => SEE_ALL.includes(g.role) && g.scope.kind === 'global')) return null;
  const owned = grants.filter((g) => g.role === 'process_owner');
  if (owned.some((g) => g.scope.kind === 'global')) return null;
  return [...new Set(owned.flatMap((g) => (g.scope.kind === 'process' ? [g.scope.processId] : [])))].sort();
}

export interface BenefitsAnswer extends BenefitGroupsReport {
  year: number | null;
  benefits: BenefitStatus[];
}

/**
 * The reports on projects and benefits and the rector's annual report to the board, as JSON, CSV
 * and PDF. report-queries.ts reads the rows; domain/reports.ts decides what the reports say.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get sql(): TransactionSql {
    return sqlOfManager(this.db.manager);
  }

  private today(): string {
    return osloDay(this.clock.now());
  }

  async benefits(query: BenefitsQuery, principal: Principal): Promise<BenefitsAnswer> {
    const today = this.today();
    const yearEnd = query.year === undefined ? today : `${query.year}-12-31`;
    const asOf = yearEnd < today ? yearEnd : today;
    const report = benefitsReport(await projectBenefitsRows(this.sql, reportScopeOf(principal), query.year ?? null), asOf);
    return { ...groupBenefits(report, query.groupBy, query.year), year: query.year ?? null, benefits: report.benefits };
  }

  async benefitsCsv(query: BenefitsQuery, principal: Principal, locale: Locale): Promise<{ asOf: string; csv: string }> {
    const answer = await this.benefits(query, principal);
    return { asOf: answer.asOf, csv: toCsv(answer, locale) };
  }

  async projects(principal: Principal): Promise<ProjectsByPhaseReport> {
    return projectsByPhase(await projectStatusRows(this.sql, reportScopeOf(principal)), this.today());
  }

  async projectsCsv(principal: Principal, locale: Locale): Promise<{ today: string; csv: string }> {
    const report = await this.projects(principal);
    return { today: report.today, csv: toCsv(report, locale) };
  }

  async annual(year: number, principal: Principal): Promise<AnnualReport> {
    const scope = reportScopeOf(principal);
    const now = this.clock.now();
    const [cases, projects, benefits] = await Promise.all([
      annualCaseRows(this.sql, year, scope),
      projectStatusRows(this.sql, scope, year),
      projectBenefitsRows(this.sql, scope, year),
    ]);
    return annualReport({ year, today: osloDay(now), generatedAt: now, cases, projects, benefits });
  }

  async annualCsv(year: number, principal: Principal, locale: Locale): Promise<string> {
    return toCsv(await this.annual(year, principal), locale);
  }

  async annualPdf(year: number, principal: Principal, locale: Locale): Promise<Buffer> {
    return annualReportPdf(await this.annual(year, principal), locale);
  }
}
