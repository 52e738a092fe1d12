import { Card, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import { TableScroll } from './table-scroll';
import { GATE_OF_PHASE, PHASES, type CostShift, type Figures, type GateDecision, type Project } from './types';

type StepStatus = 'done' | 'current' | 'submitted' | 'ahead' | 'stopped' | 'notReached';
interface Step {
  key: string;
  name: string;
  status: StepStatus;
  /** The gate that ends a phase, with its own status and the day it was passed or is planned for. */
  gate?: { name: string; status: StepStatus; note?: string };
}

/**
 * Where the project stands in Prosjektveiviseren's model: its mandate, the four phases each ended
 * by its gate (beslutningspunkt), and the end. Each step says in words whether it is done, where
 * the project is now, or ahead; colour only repeats it.
 */
export function PhaseSteps({ project }: { project: Project }) {
  const { t } = useTranslation();
  const format = useFormat();
  const passed = new Map(project.gateDecisions.filter((d) => d.decision === 'GO').map((d) => [d.gate, d]));
  const atGate = /\.(awaitingDecision|awaitingApproval|onHold)/.test(project.state);
  const stoppedAt = project.state === 'stopped' ? (project.stop?.gate ?? null) : null;
  const later: StepStatus = stoppedAt ? 'notReached' : 'ahead';

  const steps: Step[] = [{ key: 'mandate', name: t('project.phases.mandate'), status: project.state === 'mandate' ? 'current' : 'done' }];
  for (const phase of PHASES) {
    const gate = GATE_OF_PHASE[phase];
    const decision = passed.get(gate);
    let phaseStatus: StepStatus = later;
    let gateStatus: StepStatus = later;
    let note: string | undefined;
    if (decision) {
      phaseStatus = gateStatus = 'done';
      note = format.date(decision.decidedAt);
    } else if (stoppedAt === gate) {
      phaseStatus = 'done';
      gateStatus = 'stopped';
    } else if (project.phase === phase) {
      phaseStatus = atGate ? 'submitted' : 'current';
      gateStatus = atGate ? 'current' : 'ahead';
      if (project.plannedGateOn) note = format.date(project.plannedGateOn);
    }
    steps.push({ key: phase, name: t(`project.phases.${phase}`), status: phaseStatus, gate: { name: t(`project.gateName.${gate}`), status: gateStatus, note } });
  }
  steps.push(
    stoppedAt
      ? { key: 'stopped', name: t('project.phases.stopped'), status: 'stopped' }
      : { key: 'closed', name: t('project.phases.closed'), status: project.state === 'closed' ? 'done' : 'ahead' },
  );

  return (
    <ol className="phase-steps">
      {steps.map((step) => (
        <li key={step.key} className={`phase-step phase-step-${step.status}`} aria-current={step.status === 'current' ? 'step' : undefined}>
          <span className="phase-step-name">{step.name}</span>
          <span className="phase-step-status">{t(`project.phases.status.${step.status}`)}</span>
          {step.gate && (
            <span className={`phase-gate phase-step-${step.gate.status}`} aria-current={step.gate.status === 'current' ? 'step' : undefined}>
              <span className="phase-step-name">{step.gate.name}</span>
              <span className="phase-step-status">
                {step.gate.note
                  ? t(`project.phases.gateStatusOn.${step.gate.status}`, { date: step.gate.note })
                  : t(`project.phases.gateStatus.${step.gate.status}`)}
              </span>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The checklist of the gate ahead, each item done or missing (docs/projects.md, "Gates and their checklists"). */
export function Checklist({ project }: { project: Project }) {
  const { t } = useTranslation();
  const format = useFormat();
  const checklist = project.checklist;
  if (!checklist) return null;
  const done = checklist.items.filter((i) => i.done).length;
  return (
    <section aria-labelledby="checklist" className="project-section">
      <Heading level={2} data-size="sm" id="checklist">
        {t('project.checklist.title', { gate: checklist.gate })}
      </Heading>
      <Paragraph data-size="sm">{t('project.checklist.summary', { done, total: checklist.items.length, gate: checklist.gate })}</Paragraph>
      <ul className="checklist">
        {checklist.items.map((item) => (
          <li key={item.item} className={item.done ? 'checklist-done' : 'checklist-missing'}>
            <Tag data-color={item.done ? 'success' : 'danger'} data-size="sm">
              {item.done ? t('project.checklist.done') : t('project.checklist.missing')}
            </Tag>
            <span>{capitalised(format.label(item.label))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Every gate decision that took effect, newest first: what was decided, by whom and in which
 * capacity, why, and the cost-benefit figures it was taken on, which later estimates never change.
 */
export function GateDecisions({ project, nameOf }: { project: Project; nameOf: (userId: string | null | undefined) => string }) {
  const { t } = useTranslation();
  const decisions = [...project.gateDecisions].reverse();
  return (
    <section aria-labelledby="decisions" className="project-section">
      <Heading level={2} data-size="sm" id="decisions">
        {t('project.decisions.title')}
      </Heading>
      {project.pendingDecision && (
        <Paragraph>
          {t('project.decisions.pending', {
            gate: project.pendingDecision.gate,
            decision: t(`project.decision.${project.pendingDecision.decision}`),
            who: nameOf(project.pendingDecision.by),
          })}
        </Paragraph>
      )}
      {decisions.length === 0 && <Paragraph>{t('project.decisions.none')}</Paragraph>}
      {decisions.map((decision) => (
        <DecisionCard key={decision.id} decision={decision} nameOf={nameOf} />
      ))}
      <section aria-labelledby="figures-now" className="project-subsection">
        <Heading level={3} data-size="xs" id="figures-now">
          {t('project.figures.nowTitle')}
        </Heading>
        <Paragraph data-size="sm">{t('project.figures.nowIntro')}</Paragraph>
        <FigureList figures={project.figures.figures} costShifts={project.figures.costShifts} />
      </section>
    </section>
  );
}

function DecisionCard({ decision, nameOf }: { decision: GateDecision; nameOf: (userId: string | null | undefined) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = `decision-${decision.id}`;
  return (
    <Card data-color="neutral" asChild>
      <section className="decision" aria-labelledby={headingId}>
      <Heading level={3} data-size="xs" id={headingId}>
        {t('project.decisions.heading', { gate: decision.gate, decision: t(`project.decision.${decision.decision}`) })}
      </Heading>
      <dl className="artefact-fields">
        <div className="artefact-field">
          <dt>{t('project.decisions.decidedBy')}</dt>
          <dd>{t('project.decisions.byAs', { who: nameOf(decision.decidedBy), as: t(`project.decidedAs.${decision.decidedAs}`, { defaultValue: decision.decidedAs }) })}</dd>
        </div>
        {decision.approvedBy && (
          <div className="artefact-field">
            <dt>{t('project.decisions.approvedBy')}</dt>
            <dd>{nameOf(decision.approvedBy)}</dd>
          </div>
        )}
        <div className="artefact-field">
          <dt>{t('project.decisions.decidedAt')}</dt>
          <dd>{format.dateTime(decision.decidedAt)}</dd>
        </div>
        <div className="artefact-field">
          <dt>{t('project.decisions.reason')}</dt>
          <dd className="artefact-text">{decision.reason}</dd>
        </div>
      </dl>
      <Heading level={4} data-size="2xs">
        {t('project.figures.decisionTitle')}
      </Heading>
      <FigureList figures={decision.figures} costShifts={decision.costShifts} />
      </section>
    </Card>
  );
}

/** The cost-benefit figures: present values, net present value, payback, and the costs moved to other units. */
function FigureList({ figures, costShifts }: { figures: Figures | null; costShifts: CostShift[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!figures) return <Paragraph data-size="sm">{t('project.figures.none')}</Paragraph>;
  const rows: [string, string][] = [
    [t('project.figures.netPresentValue'), format.nok(figures.netPresentValueNok)],
    [t('project.figures.presentValueBenefits'), format.nok(figures.presentValueBenefitsNok)],
    [t('project.figures.presentValueCosts'), format.nok(figures.presentValueCostsNok)],
    [t('project.figures.payback'), figures.paybackYears === null ? t('project.figures.noPayback') : t('project.figures.years', { count: figures.paybackYears, years: format.number(figures.paybackYears, 1) })],
    [t('project.figures.discountRate'), format.percent(figures.discountRate)],
    [t('project.figures.horizon'), t('project.figures.years', { count: figures.horizonYears, years: format.number(figures.horizonYears) })],
    [t('project.figures.unpriced'), format.number(figures.unpricedValues)],
  ];
  return (
    <>
      <dl className="figures">
        {rows.map(([label, value]) => (
          <div key={label} className="figure">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {costShifts.length > 0 && (
        <TableScroll label={t('project.figures.costShifts')}>
          <Table data-size="sm">
            <caption>{t('project.figures.costShifts')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('project.figures.unit')}</Table.HeaderCell>
                <Table.HeaderCell>{t('project.figures.shiftDescription')}</Table.HeaderCell>
                <Table.HeaderCell className="number">{t('project.figures.yearlyCost')}</Table.HeaderCell>
                <Table.HeaderCell className="number">{t('project.figures.yearlyHours')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {costShifts.map((s, i) => (
                <Table.Row key={`${s.unitId}-${i}`}>
                  <Table.Cell>{s.unitName ?? t('project.figures.unknownUnit')}</Table.Cell>
                  <Table.Cell>{s.description}</Table.Cell>
                  <Table.Cell className="number">{s.yearlyCostNok === null ? '–' : format.nok(s.yearlyCostNok)}</Table.Cell>
                  <Table.Cell className="number">{s.yearlyHours === null ? '–' : format.number(s.yearlyHours)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
    </>
  );
}
