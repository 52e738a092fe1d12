import { Alert, Card, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import type { Conclusion, FollowUp, PlannedBenefit } from './types';
import { CaptionedTable } from './table-scroll';

type Stage = 'waiting' | 'due' | 'overdue' | 'escalated' | 'concluding' | 'concluded';

/** Where the follow-up stands, from its state: the wait for a date, a measurement due or late, BP6. */
function stageOf(data: FollowUp): Stage {
  const state = data.state;
  if (data.status === 'done' || state === 'concluded') return 'concluded';
  if (state === 'concluding') return 'concluding';
  for (const stage of ['escalated', 'overdue', 'due'] as const) if (state.endsWith(`.${stage}`)) return stage;
  return 'waiting';
}

/** The benefits the current measurement date still waits for. */
export function missingAtCurrent(data: FollowUp): Set<string> {
  const point = data.points[data.current];
  if (!point || data.status === 'done') return new Set();
  const measured = new Set(data.measurements.filter((m) => m.pointIndex === point.index).map((m) => m.benefitId));
  return new Set(point.benefitIds.filter((id) => !measured.has(id)));
}

const STAGE_COLOUR: Record<Stage, 'info' | 'warning' | 'danger' | 'success'> = {
  waiting: 'info',
  due: 'warning',
  overdue: 'danger',
  escalated: 'danger',
  concluding: 'info',
  concluded: 'success',
};

/** What is due now, and which benefits it waits for. */
export function StatusSummary({ data }: { data: FollowUp }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stage = stageOf(data);
  const point = data.points[data.current];
  const date = point ? format.date(point.dueOn) : '';
  const missing = missingAtCurrent(data);
  const titles = data.benefits.filter((b) => missing.has(b.id)).map((b) => b.title);
  return (
    <Alert data-color={STAGE_COLOUR[stage]} className="follow-up-status">
      <Heading level={2} data-size="xs">
        {t(`benefits.status.${stage}.title`, { date })}
      </Heading>
      <Paragraph>{t(`benefits.status.${stage}.body`, { date })}</Paragraph>
      {titles.length > 0 && stage !== 'concluding' && (
        <>
          <Paragraph>{t(stage === 'waiting' ? 'benefits.status.toMeasure' : 'benefits.status.missing', { date })}</Paragraph>
          <ul>
            {titles.map((title) => (
              <li key={title}>{title}</li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}

/** The plan's measurement dates after closure, each with what was measured and what is still due. */
export function MeasurementPoints({ data }: { data: FollowUp }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stage = stageOf(data);
  const titleOf = (id: string) => data.benefits.find((b) => b.id === id)?.title ?? '';
  const statusOf = (index: number): { text: string; colour: 'success' | 'info' | 'warning' | 'danger' | 'neutral' } => {
    if (index < data.current) return { text: t('benefits.points.measured'), colour: 'success' };
    if (index > data.current || stage === 'concluding') return { text: t('benefits.points.upcoming'), colour: 'neutral' };
    if (stage === 'concluded') return { text: t('benefits.points.notMeasured'), colour: 'neutral' };
    return { text: t(`benefits.points.${stage}`), colour: STAGE_COLOUR[stage] === 'success' ? 'success' : STAGE_COLOUR[stage] };
  };
  return (
    <section aria-labelledby="points-heading">
      <Heading level={2} data-size="sm" id="points-heading">
        {t('benefits.points.title')}
      </Heading>
      {data.points.length === 0 ? (
        <Paragraph>{t('benefits.points.none')}</Paragraph>
      ) : (
        <CaptionedTable caption={t('benefits.points.caption')}>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('benefits.points.date')}</Table.HeaderCell>
              <Table.HeaderCell>{t('benefits.points.benefits')}</Table.HeaderCell>
              <Table.HeaderCell>{t('benefits.points.status')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {data.points.map((point) => {
              const status = statusOf(point.index);
              const measured = new Set(data.measurements.filter((m) => m.pointIndex === point.index).map((m) => m.benefitId));
              return (
                <Table.Row key={point.index}>
                  <Table.Cell className="nowrap">{format.date(point.dueOn)}</Table.Cell>
                  <Table.Cell>
                    <ul className="plain-list">
                      {point.benefitIds.map((benefitId) => (
                        <li key={benefitId}>
                          {measured.has(benefitId) ? t('benefits.points.benefitMeasured', { title: titleOf(benefitId) }) : titleOf(benefitId)}
                        </li>
                      ))}
                    </ul>
                  </Table.Cell>
                  <Table.Cell>
                    <Tag data-color={status.colour}>{status.text}</Tag>
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </CaptionedTable>
      )}
    </section>
  );
}

/** One benefit of the plan: who answers for it, what is measured from where to where, and what was measured. */
export function BenefitCard({ benefit, data, names }: { benefit: PlannedBenefit; data: FollowUp; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? t('benefits.followUp.unknownPerson')) : t('benefits.history.bySystem'));
  const amount = (value: number) => t('benefits.benefit.amount', { value: format.number(value, 2), unit: benefit.unit });
  const measurements = data.measurements.filter((m) => m.benefitId === benefit.id);
  const headingId = `benefit-${benefit.id}`;
  return (
    <Card data-color="neutral" className="benefit-card">
      <section aria-labelledby={headingId}>
        <Heading level={3} data-size="xs" id={headingId}>
          {benefit.title}
        </Heading>
        <dl className="facts">
          <div>
            <dt>{t('benefits.benefit.kind')}</dt>
            <dd>{t(`benefits.kinds.${benefit.kind}`)}</dd>
          </div>
          <div>
            <dt>{t('benefits.benefit.responsible')}</dt>
            <dd>{nameOf(benefit.responsibleManagerId)}</dd>
          </div>
          <div>
            <dt>{t('benefits.benefit.owners')}</dt>
            <dd>{benefit.benefitOwnerIds.map(nameOf).join(', ')}</dd>
          </div>
          <div>
            <dt>{t('benefits.benefit.indicator')}</dt>
            <dd>{t('benefits.benefit.indicatorValue', { indicator: benefit.indicator, unit: benefit.unit })}</dd>
          </div>
          <div>
            <dt>{t('benefits.benefit.baseline')}</dt>
            <dd>
              {benefit.baselineMeasuredOn
                ? t('benefits.benefit.baselineMeasured', { amount: amount(benefit.baseline), date: format.date(benefit.baselineMeasuredOn) })
                : t('benefits.benefit.baselineEstimated', { amount: amount(benefit.baseline) })}
            </dd>
          </div>
          <div>
            <dt>{t('benefits.benefit.target')}</dt>
            <dd>{amount(benefit.target)}</dd>
          </div>
          <div>
            <dt>{t('benefits.benefit.value')}</dt>
            <dd>{benefit.priced && benefit.yearlyValueNok !== null ? t('benefits.benefit.perYear', { amount: format.nok(benefit.yearlyValueNok) }) : t('benefits.benefit.notPriced')}</dd>
          </div>
          <div>
            <dt>{t('benefits.benefit.method')}</dt>
            <dd>{benefit.measurementMethod}</dd>
          </div>
          <div>
            <dt>{t('benefits.benefit.dates')}</dt>
            <dd>{[...benefit.measurementDates].sort().map(format.date).join(', ')}</dd>
          </div>
        </dl>
        {measurements.length === 0 ? (
          <Paragraph data-size="sm">{t('benefits.benefit.noMeasurements')}</Paragraph>
        ) : (
          <CaptionedTable caption={t('benefits.benefit.measurementsCaption', { title: benefit.title })} size="sm">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('benefits.measurement.point')}</Table.HeaderCell>
                <Table.HeaderCell>{t('benefits.measurement.measuredOn')}</Table.HeaderCell>
                <Table.HeaderCell>{t('benefits.measurement.value')}</Table.HeaderCell>
                <Table.HeaderCell>{t('benefits.measurement.target')}</Table.HeaderCell>
                <Table.HeaderCell>{t('benefits.measurement.comment')}</Table.HeaderCell>
                <Table.HeaderCell>{t('benefits.measurement.deviation')}</Table.HeaderCell>
                <Table.HeaderCell>{t('benefits.measurement.evidence')}</Table.HeaderCell>
                <Table.HeaderCell>{t('benefits.measurement.recorded')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {measurements.map((m) => (
                <Table.Row key={m.id}>
                  <Table.Cell>{format.date(m.dueOn)}</Table.Cell>
                  <Table.Cell>{format.date(m.measuredOn)}</Table.Cell>
                  <Table.Cell className="nowrap">{amount(m.value)}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={m.meetsTarget ? 'success' : 'warning'}>{m.meetsTarget ? t('benefits.measurement.met') : t('benefits.measurement.notMet')}</Tag>
                  </Table.Cell>
                  <Table.Cell>{m.comment ?? '–'}</Table.Cell>
                  <Table.Cell>{m.deviationExplanation ?? '–'}</Table.Cell>
                  <Table.Cell>
                    {m.evidenceUrl ? (
                      <Link href={m.evidenceUrl} rel="noreferrer">
                        {t('benefits.measurement.evidenceLink', { date: format.date(m.measuredOn) })}
                      </Link>
                    ) : (
                      '–'
                    )}
                  </Table.Cell>
                  <Table.Cell>{t('benefits.measurement.recordedBy', { name: nameOf(m.recordedBy), at: format.dateTime(m.recordedAt) })}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </CaptionedTable>
        )}
      </section>
    </Card>
  );
}

/** BP6: the process owner's conclusion. */
export function ConclusionSection({ conclusion }: { conclusion: Conclusion }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="conclusion-heading">
      <Heading level={2} data-size="sm" id="conclusion-heading">
        {t('benefits.conclusion.title')}
      </Heading>
      <dl className="facts">
        <div>
          <dt>{t('benefits.conclusion.outcome')}</dt>
          <dd>{t(`forms.CONCLUDE.outcomeOptions.${conclusion.outcome}`)}</dd>
        </div>
        <div>
          <dt>{t('benefits.conclusion.summary')}</dt>
          <dd>{conclusion.summary}</dd>
        </div>
        {conclusion.furtherActions && (
          <div>
            <dt>{t('benefits.conclusion.furtherActions')}</dt>
            <dd>{conclusion.furtherActions}</dd>
          </div>
        )}
        {conclusion.newCase && (
          <div>
            <dt>{t('benefits.conclusion.newCase')}</dt>
            <dd>{conclusion.newCase.title}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
