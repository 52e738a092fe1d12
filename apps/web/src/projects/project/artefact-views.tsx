import { Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import type { PlannedBenefit } from '../benefits/types';
import { TableScroll } from './table-scroll';
import type { ArtefactKind } from './types';

/**
 * An artefact's content as people read it: the documents as labelled text, the registers and
 * plans as tables. The words are the artefact forms' own (`forms.artefacts.<kind>.<field>`), so a
 * field is called the same where it is written and where it is read.
 */
export function ArtefactView({ kind, content, nameOf }: { kind: ArtefactKind; content: unknown; nameOf: (userId: string | null | undefined) => string }) {
  switch (kind) {
    case 'justification':
      return <Justification content={content as JustificationContent} />;
    case 'milestones':
      return <Milestones content={content as MilestoneContent[]} />;
    case 'riskRegister':
      return <RiskRegister content={content as RiskContent[]} nameOf={nameOf} />;
    case 'steeringGroup':
      return <SteeringGroup content={content as SteeringGroupContent} nameOf={nameOf} />;
    case 'benefitPlan':
      return <BenefitPlan content={content as BenefitPlanContent} nameOf={nameOf} />;
    default:
      return <Document kind={kind} content={content as Record<string, unknown>} nameOf={nameOf} />;
  }
}

interface JustificationContent {
  background: string;
  objectives: string;
  recommendation: string;
  alternatives: { id: string; name: string; description: string; benefit: string; costNok: number; netPresentValueNok: number | null; chosen: boolean }[];
}
interface MilestoneContent {
  id: string;
  name: string;
  dueOn: string;
  gate: string | null;
  done: boolean;
}
interface RiskContent {
  id: string;
  risk: string;
  probability: number;
  consequence: number;
  mitigation: string;
  ownerId: string | null;
}
interface SteeringGroupContent {
  members: { userId: string; role: string; name?: string }[];
  userGroups: { name: string; description: string; contactUserId: string | null }[];
}
// The plan's benefits are those the follow-up freezes at BP5.
interface BenefitPlanContent {
  benefits: PlannedBenefit[];
}

function useWords(kind: ArtefactKind) {
  const { t } = useTranslation();
  return (field: string) => t(`forms.artefacts.${kind}.${field}`);
}

/** Long text as written, line breaks kept. */
function Text({ children }: { children: string }) {
  return <div className="artefact-text">{children}</div>;
}

function Justification({ content }: { content: JustificationContent }) {
  const { t } = useTranslation();
  const w = useWords('justification');
  const format = useFormat();
  return (
    <>
      <dl className="artefact-fields">
        {(['background', 'objectives', 'recommendation'] as const).map((field) => (
          <div key={field} className="artefact-field">
            <dt>{w(field)}</dt>
            <dd>
              <Text>{content[field]}</Text>
            </dd>
          </div>
        ))}
      </dl>
      {content.alternatives.length === 0 ? (
        <Paragraph data-size="sm">{t('project.artefacts.noAlternatives')}</Paragraph>
      ) : (
        <TableScroll label={w('alternatives')}>
          <Table data-size="sm">
            <caption>{w('alternatives')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{w('alternatives.name')}</Table.HeaderCell>
                <Table.HeaderCell>{w('alternatives.description')}</Table.HeaderCell>
                <Table.HeaderCell>{w('alternatives.benefit')}</Table.HeaderCell>
                <Table.HeaderCell className="number">{w('alternatives.costNok')}</Table.HeaderCell>
                <Table.HeaderCell className="number">{w('alternatives.netPresentValueNok')}</Table.HeaderCell>
                <Table.HeaderCell>{t('project.artefacts.chosenColumn')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {content.alternatives.map((a) => (
                <Table.Row key={a.id}>
                  <Table.Cell>{a.name}</Table.Cell>
                  <Table.Cell>
                    <Text>{a.description}</Text>
                  </Table.Cell>
                  <Table.Cell>
                    <Text>{a.benefit}</Text>
                  </Table.Cell>
                  <Table.Cell className="number">{format.nok(a.costNok)}</Table.Cell>
                  <Table.Cell className="number">{a.netPresentValueNok === null ? t('project.notComputed') : format.nok(a.netPresentValueNok)}</Table.Cell>
                  <Table.Cell>{a.chosen ? <Tag data-color="success">{t('project.artefacts.chosen')}</Tag> : t('project.no')}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
    </>
  );
}

function Milestones({ content }: { content: MilestoneContent[] }) {
  const { t } = useTranslation();
  const w = useWords('milestones');
  const format = useFormat();
  if (content.length === 0) return <Paragraph data-size="sm">{t('project.artefacts.emptyList')}</Paragraph>;
  const sorted = [...content].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <TableScroll label={t('project.artefact.milestones.name')}>
      <Table data-size="sm">
        <caption className="visually-hidden">{t('project.artefact.milestones.name')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{w('items.name')}</Table.HeaderCell>
            <Table.HeaderCell>{w('items.dueOn')}</Table.HeaderCell>
            <Table.HeaderCell>{w('items.gate')}</Table.HeaderCell>
            <Table.HeaderCell>{t('project.artefacts.reached')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {sorted.map((m) => (
            <Table.Row key={m.id}>
              <Table.Cell>{m.name}</Table.Cell>
              <Table.Cell>{format.date(m.dueOn)}</Table.Cell>
              <Table.Cell>{m.gate ? t(`project.gateName.${m.gate}`) : '–'}</Table.Cell>
              <Table.Cell>{m.done ? t('project.yes') : t('project.no')}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </TableScroll>
  );
}

function RiskRegister({ content, nameOf }: { content: RiskContent[]; nameOf: (id: string | null) => string }) {
  const { t } = useTranslation();
  const w = useWords('riskRegister');
  if (content.length === 0) return <Paragraph data-size="sm">{t('project.artefacts.emptyList')}</Paragraph>;
  // The greatest risks first: that is the order a steering group reads them in.
  const sorted = [...content].sort((a, b) => b.probability * b.consequence - a.probability * a.consequence);
  return (
    <TableScroll label={t('project.artefact.riskRegister.name')}>
      <Table data-size="sm">
        <caption className="visually-hidden">{t('project.artefact.riskRegister.name')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{w('items.risk')}</Table.HeaderCell>
            <Table.HeaderCell className="number">{t('project.artefacts.probabilityShort')}</Table.HeaderCell>
            <Table.HeaderCell className="number">{t('project.artefacts.consequenceShort')}</Table.HeaderCell>
            <Table.HeaderCell className="number">{t('project.artefacts.score')}</Table.HeaderCell>
            <Table.HeaderCell>{w('items.mitigation')}</Table.HeaderCell>
            <Table.HeaderCell>{w('items.ownerId')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {sorted.map((r) => {
            const score = r.probability * r.consequence;
            return (
              <Table.Row key={r.id}>
                <Table.Cell>
                  <Text>{r.risk}</Text>
                </Table.Cell>
                <Table.Cell className="number">{r.probability}</Table.Cell>
                <Table.Cell className="number">{r.consequence}</Table.Cell>
                <Table.Cell className="number">
                  <Tag data-color={score >= 15 ? 'danger' : score >= 8 ? 'warning' : 'success'}>
                    {t('project.artefacts.scoreValue', { score, level: t(`project.artefacts.level.${score >= 15 ? 'high' : score >= 8 ? 'medium' : 'low'}`) })}
                  </Tag>
                </Table.Cell>
                <Table.Cell>{r.mitigation ? <Text>{r.mitigation}</Text> : t('project.artefacts.none')}</Table.Cell>
                <Table.Cell>{r.ownerId ? nameOf(r.ownerId) : t('project.artefacts.nobody')}</Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </TableScroll>
  );
}

function SteeringGroup({ content, nameOf }: { content: SteeringGroupContent; nameOf: (id: string | null) => string }) {
  const { t } = useTranslation();
  const w = useWords('steeringGroup');
  const order = ['chair', 'userRepresentative', 'member'];
  const members = [...content.members].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  return (
    <>
      {members.length === 0 ? (
        <Paragraph data-size="sm">{t('project.artefacts.noMembers')}</Paragraph>
      ) : (
        <TableScroll label={w('members')}>
          <Table data-size="sm">
            <caption>{w('members')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{w('members.userId')}</Table.HeaderCell>
                <Table.HeaderCell>{w('members.role')}</Table.HeaderCell>
                <Table.HeaderCell>{w('members.name')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {members.map((m) => (
                <Table.Row key={m.userId}>
                  <Table.Cell>{nameOf(m.userId)}</Table.Cell>
                  <Table.Cell>{t(`forms.artefacts.steeringGroup.members.roleOptions.${m.role}`)}</Table.Cell>
                  <Table.Cell>{m.name ?? '–'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
      {content.userGroups.length === 0 ? (
        <Paragraph data-size="sm">{t('project.artefacts.noUserGroups')}</Paragraph>
      ) : (
        <TableScroll label={w('userGroups')}>
          <Table data-size="sm">
            <caption>{w('userGroups')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{w('userGroups.name')}</Table.HeaderCell>
                <Table.HeaderCell>{w('userGroups.description')}</Table.HeaderCell>
                <Table.HeaderCell>{w('userGroups.contactUserId')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {content.userGroups.map((g, i) => (
                <Table.Row key={i}>
                  <Table.Cell>{g.name}</Table.Cell>
                  <Table.Cell>{g.description ? <Text>{g.description}</Text> : '–'}</Table.Cell>
                  <Table.Cell>{g.contactUserId ? nameOf(g.contactUserId) : t('project.artefacts.nobody')}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
    </>
  );
}

function BenefitPlan({ content, nameOf }: { content: BenefitPlanContent; nameOf: (id: string | null) => string }) {
  const { t } = useTranslation();
  const w = useWords('benefitPlan');
  const format = useFormat();
  if (content.benefits.length === 0) return <Paragraph data-size="sm">{t('project.artefacts.noBenefits')}</Paragraph>;
  const total = content.benefits.reduce((sum, b) => sum + (b.priced ? (b.yearlyValueNok ?? 0) : 0), 0);
  return (
    <>
      <TableScroll label={t('project.artefact.benefitPlan.name')}>
        <Table data-size="sm">
          <caption className="visually-hidden">{t('project.artefact.benefitPlan.name')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{w('benefits.title')}</Table.HeaderCell>
              <Table.HeaderCell>{w('benefits.kind')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{w('benefits.yearlyValueNok')}</Table.HeaderCell>
              <Table.HeaderCell>{w('benefits.indicator')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{w('benefits.baseline')}</Table.HeaderCell>
              <Table.HeaderCell className="number">{w('benefits.target')}</Table.HeaderCell>
              <Table.HeaderCell>{w('benefits.measurementDates')}</Table.HeaderCell>
              <Table.HeaderCell>{w('benefits.responsibleManagerId')}</Table.HeaderCell>
              <Table.HeaderCell>{w('benefits.benefitOwnerIds')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {content.benefits.map((b) => (
              <Table.Row key={b.id}>
                <Table.Cell>
                  {b.title}
                  <Paragraph data-size="xs" className="artefact-note">
                    {`${w('benefits.measurementMethod')}: ${b.measurementMethod}`}
                  </Paragraph>
                </Table.Cell>
                <Table.Cell>{t(`forms.artefacts.benefitPlan.benefits.kindOptions.${b.kind}`)}</Table.Cell>
                <Table.Cell className="number">{b.priced && b.yearlyValueNok !== null ? format.nok(b.yearlyValueNok) : t('project.artefacts.notPriced')}</Table.Cell>
                <Table.Cell>{`${b.indicator} (${b.unit})`}</Table.Cell>
                <Table.Cell className="number">
                  {format.number(b.baseline, 2)}
                  <Paragraph data-size="xs" className="artefact-note">
                    {b.baselineMeasuredOn ? t('project.artefacts.measuredOn', { date: format.date(b.baselineMeasuredOn) }) : t('project.artefacts.notMeasured')}
                  </Paragraph>
                </Table.Cell>
                <Table.Cell className="number">{format.number(b.target, 2)}</Table.Cell>
                <Table.Cell>{b.measurementDates.map((d) => format.date(d)).join(', ')}</Table.Cell>
                <Table.Cell>{nameOf(b.responsibleManagerId)}</Table.Cell>
                <Table.Cell>{b.benefitOwnerIds.map((id) => nameOf(id)).join(', ')}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </TableScroll>
      <Paragraph data-size="sm">{t('project.artefacts.pricedTotal', { amount: format.nok(total) })}</Paragraph>
    </>
  );
}

/** The fields of a document in the order of its schema, each under its label. */
const DOCUMENT_FIELDS: Partial<Record<ArtefactKind, readonly string[]>> = {
  governingDocument: ['objectives', 'scope', 'outOfScope', 'deliverables', 'organisation', 'budgetNok', 'qualityAssurance', 'plan', 'dependencies'],
  handover: ['deliverablesAccepted', 'acceptedBy', 'operationsOwner', 'handoverDate', 'closingRecommendation', 'openIssues'],
  finalReport: ['summary', 'goalsAchieved', 'benefitsSoFar', 'costOutcomeNok', 'lessonsLearned'],
};

function Document({ kind, content, nameOf }: { kind: ArtefactKind; content: Record<string, unknown>; nameOf: (id: string | null) => string }) {
  const { t } = useTranslation();
  const w = useWords(kind);
  const format = useFormat();
  const fields = DOCUMENT_FIELDS[kind] ?? Object.keys(content);
  const shown = (field: string, value: unknown): ReactNode => {
    if (value === null || value === undefined || value === '') return <span className="artefact-empty">{t('project.artefacts.notFilled')}</span>;
    if (typeof value === 'boolean') return value ? t('project.yes') : t('project.no');
    if (typeof value === 'number') return field.endsWith('Nok') ? format.nok(value) : format.number(value, 2);
    if (field === 'operationsOwner') return nameOf(String(value));
    if (/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return format.date(String(value));
    return <Text>{String(value)}</Text>;
  };
  return (
    <dl className="artefact-fields">
      {fields.map((field) => (
        <div key={field} className="artefact-field">
          <dt>{w(field)}</dt>
          <dd>{shown(field, content[field])}</dd>
        </div>
      ))}
    </dl>
  );
}
