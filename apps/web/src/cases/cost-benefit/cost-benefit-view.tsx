import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import { useCatalogueNames } from '../report/catalogue';
import type { CostBenefitAssessment } from './assessment';

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="cb-subpart">
      <Heading level={4} data-size="2xs" id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** The assessment as written: values, costs, what moves to other units, who contributed, and its horizon and scope. */
export function CostBenefitView({ assessment }: { assessment: CostBenefitAssessment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useCatalogueNames();
  const none = <Paragraph className="cb-none">{t('costBenefit.view.none')}</Paragraph>;
  const notAnswered = t('costBenefit.view.notAnswered');
  const amount = (n: number | null) => (n === null ? '–' : format.nok(n));
  const hours = (n: number | null) => (n === null ? '–' : format.number(n, 1));
  const answer = (b: boolean | null) => (b === null ? notAnswered : b ? t('costBenefit.answers.yes') : t('costBenefit.answers.no'));
  const oneOff = assessment.costs?.oneOff ?? [];
  const yearly = assessment.costs?.yearly ?? [];

  return (
    <section aria-labelledby="cb-view-heading" className="cb-part">
      <Heading level={3} data-size="xs" id="cb-view-heading">
        {t('costBenefit.view.title')}
      </Heading>

      <Part id="cb-view-values" title={t('costBenefit.parts.values')}>
        {assessment.values.length === 0 ? (
          none
        ) : (
          <div className="table-scroll">
            <Table zebra data-size="sm" className="cb-table">
              <caption className="cb-hidden-caption">{t('costBenefit.parts.values')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('costBenefit.fields.description')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('costBenefit.fields.kind')}</Table.HeaderCell>
                  <Table.HeaderCell className="cb-number">{t('costBenefit.fields.yearlyAmountNok')}</Table.HeaderCell>
                  <Table.HeaderCell className="cb-number">{t('costBenefit.fields.yearlyHours')}</Table.HeaderCell>
                  <Table.HeaderCell className="cb-number">{t('costBenefit.fields.firstYear')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {assessment.values.map((value, i) => (
                  <Table.Row key={i}>
                    <Table.Cell className="cb-text">{value.description}</Table.Cell>
                    <Table.Cell>
                      {t(`costBenefit.natures.${value.nature}`)}, {t(`costBenefit.kinds.${value.kind}`).toLocaleLowerCase()}
                    </Table.Cell>
                    <Table.Cell className="cb-number">{value.priced ? amount(value.yearlyAmountNok) : t('costBenefit.view.unpriced')}</Table.Cell>
                    <Table.Cell className="cb-number">{hours(value.yearlyHours)}</Table.Cell>
                    <Table.Cell className="cb-number">{value.firstYear}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </Part>

      <Part id="cb-view-costs" title={t('costBenefit.parts.costs')}>
        {assessment.costs === null ? (
          <Paragraph className="cb-none">{notAnswered}</Paragraph>
        ) : oneOff.length === 0 && yearly.length === 0 ? (
          none
        ) : (
          <>
            {oneOff.length > 0 && (
              <div className="table-scroll">
                <Table zebra data-size="sm" className="cb-table">
                  <caption>{t('costBenefit.parts.oneOff')}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t('costBenefit.fields.description')}</Table.HeaderCell>
                      <Table.HeaderCell className="cb-number">{t('costBenefit.fields.amountNok')}</Table.HeaderCell>
                      <Table.HeaderCell className="cb-number">{t('costBenefit.fields.year')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {oneOff.map((cost, i) => (
                      <Table.Row key={i}>
                        <Table.Cell className="cb-text">{cost.description}</Table.Cell>
                        <Table.Cell className="cb-number">{format.nok(cost.amountNok)}</Table.Cell>
                        <Table.Cell className="cb-number">{cost.year}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            )}
            {yearly.length > 0 && (
              <div className="table-scroll">
                <Table zebra data-size="sm" className="cb-table">
                  <caption>{t('costBenefit.parts.yearly')}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t('costBenefit.fields.description')}</Table.HeaderCell>
                      <Table.HeaderCell className="cb-number">{t('costBenefit.fields.yearlyAmount')}</Table.HeaderCell>
                      <Table.HeaderCell className="cb-number">{t('costBenefit.fields.firstYear')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {yearly.map((cost, i) => (
                      <Table.Row key={i}>
                        <Table.Cell className="cb-text">{cost.description}</Table.Cell>
                        <Table.Cell className="cb-number">{format.nok(cost.amountNok)}</Table.Cell>
                        <Table.Cell className="cb-number">{cost.firstYear}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            )}
          </>
        )}
      </Part>

      <Part id="cb-view-shifts" title={t('costBenefit.parts.costShifts')}>
        {assessment.costShifts === null ? (
          <Paragraph className="cb-none">{notAnswered}</Paragraph>
        ) : assessment.costShifts.length === 0 ? (
          <Paragraph>{t('costBenefit.view.noShifts')}</Paragraph>
        ) : (
          <div className="table-scroll">
            <Table zebra data-size="sm" className="cb-table">
              <caption className="cb-hidden-caption">{t('costBenefit.parts.costShifts')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('costBenefit.fields.unitId')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('costBenefit.fields.description')}</Table.HeaderCell>
                  <Table.HeaderCell className="cb-number">{t('costBenefit.fields.yearlyCostNok')}</Table.HeaderCell>
                  <Table.HeaderCell className="cb-number">{t('costBenefit.fields.yearlyHours')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {assessment.costShifts.map((shift, i) => (
                  <Table.Row key={i}>
                    <Table.Cell>{names.unit({ id: shift.unitId, nameNb: t('costBenefit.view.unknownUnit') })}</Table.Cell>
                    <Table.Cell className="cb-text">{shift.description}</Table.Cell>
                    <Table.Cell className="cb-number">{amount(shift.yearlyCostNok)}</Table.Cell>
                    <Table.Cell className="cb-number">{hours(shift.yearlyHours)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </Part>

      <Part id="cb-view-contributors" title={t('costBenefit.parts.contributors')}>
        {assessment.contributors.length === 0 ? (
          none
        ) : (
          <ul className="cb-contributors">
            {assessment.contributors.map((c, i) => (
              <li key={i}>
                {c.unitId
                  ? t('costBenefit.view.contributorInUnit', {
                      name: c.name,
                      level: t(`costBenefit.levels.${c.level}`).toLocaleLowerCase(),
                      unit: names.unit({ id: c.unitId, nameNb: t('costBenefit.view.unknownUnit') }),
                    })
                  : t('costBenefit.view.contributor', { name: c.name, level: t(`costBenefit.levels.${c.level}`).toLocaleLowerCase() })}
              </li>
            ))}
          </ul>
        )}
      </Part>

      <Part id="cb-view-scope" title={t('costBenefit.parts.scope')}>
        <dl className="cb-facts">
          <div>
            <dt>{t('costBenefit.fields.horizonYears')}</dt>
            <dd>
              {assessment.horizonYears === null
                ? notAnswered
                : t('costBenefit.figures.years', { count: assessment.horizonYears, years: format.number(assessment.horizonYears) })}
            </dd>
          </div>
          <div>
            <dt>{t('costBenefit.fields.durationMonths')}</dt>
            <dd>
              {assessment.durationMonths === null
                ? notAnswered
                : t('costBenefit.view.months', { count: assessment.durationMonths, months: format.number(assessment.durationMonths, 1) })}
            </dd>
          </div>
          <div>
            <dt>{t('costBenefit.fields.needsResourcesOutsideUnit')}</dt>
            <dd>{answer(assessment.needsResourcesOutsideUnit)}</dd>
          </div>
        </dl>
      </Part>
    </section>
  );
}
