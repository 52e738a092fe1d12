import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import type { CostBenefitFigures as Figures } from './assessment';

/** The figures the API computes from the assessment: net present value, payback, and the cash flow year by year. */
export function CostBenefitFigures({ figures }: { figures: Figures | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!figures) {
    return (
      <section aria-labelledby="cb-figures-heading" className="cb-part">
        <Heading level={3} data-size="xs" id="cb-figures-heading">
          {t('costBenefit.figures.title')}
        </Heading>
        <Paragraph>{t('costBenefit.figures.none')}</Paragraph>
      </section>
    );
  }
  const payback =
    figures.paybackYears === null
      ? t('costBenefit.figures.noPayback')
      : figures.paybackYears === 0
        ? t('costBenefit.figures.paysAtOnce')
        : t('costBenefit.figures.years', { count: figures.paybackYears, years: format.number(figures.paybackYears, 2) });
  let cumulative = 0;
  const rows = figures.cashFlows.map((flow) => ({ ...flow, cumulative: (cumulative += flow.netNok) }));
  const npvSign = figures.netPresentValueNok >= 0 ? 'positive' : 'negative';

  return (
    <section aria-labelledby="cb-figures-heading" className="cb-part">
      <Heading level={3} data-size="xs" id="cb-figures-heading">
        {t('costBenefit.figures.title')}
      </Heading>
      <dl className="cb-figures">
        <div className={`cb-figure cb-figure-${npvSign}`}>
          <dt>{t('costBenefit.figures.npv')}</dt>
          <dd>{format.nok(figures.netPresentValueNok)}</dd>
        </div>
        <div className="cb-figure">
          <dt>{t('costBenefit.figures.pvBenefits')}</dt>
          <dd>{format.nok(figures.presentValueBenefitsNok)}</dd>
        </div>
        <div className="cb-figure">
          <dt>{t('costBenefit.figures.pvCosts')}</dt>
          <dd>{format.nok(figures.presentValueCostsNok)}</dd>
        </div>
        <div className="cb-figure">
          <dt>{t('costBenefit.figures.payback')}</dt>
          <dd>{payback}</dd>
        </div>
      </dl>
      <Paragraph data-size="sm">
        {t('costBenefit.figures.explain', {
          rate: format.percent(figures.discountRate),
          horizon: t('costBenefit.figures.years', { count: figures.horizonYears, years: format.number(figures.horizonYears) }),
        })}
      </Paragraph>
      {figures.unpricedValues > 0 && <Paragraph data-size="sm">{t('costBenefit.figures.unpriced', { count: figures.unpricedValues })}</Paragraph>}
      <div className="table-scroll">
        <Table zebra data-size="sm" className="cb-table">
          <caption>{t('costBenefit.figures.cashFlowCaption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('costBenefit.figures.year')}</Table.HeaderCell>
              <Table.HeaderCell className="cb-number">{t('costBenefit.figures.benefits')}</Table.HeaderCell>
              <Table.HeaderCell className="cb-number">{t('costBenefit.figures.costs')}</Table.HeaderCell>
              <Table.HeaderCell className="cb-number">{t('costBenefit.figures.net')}</Table.HeaderCell>
              <Table.HeaderCell className="cb-number">{t('costBenefit.figures.cumulative')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((flow) => (
              <Table.Row key={flow.year}>
                <Table.HeaderCell scope="row">{flow.year === 0 ? t('costBenefit.figures.yearZero') : flow.year}</Table.HeaderCell>
                <Table.Cell className="cb-number">{format.nok(flow.benefitsNok)}</Table.Cell>
                <Table.Cell className="cb-number">{format.nok(flow.costsNok)}</Table.Cell>
                <Table.Cell className="cb-number">{format.nok(flow.netNok)}</Table.Cell>
                <Table.Cell className="cb-number">{format.nok(flow.cumulative)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </section>
  );
}
