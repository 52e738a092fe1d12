import { Heading, Paragraph } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import type { HistoryEntry, PlannedBenefit } from './types';

// A deadline that passed is logged as `xstate.after.<delay>.<machine>.<state>`.
const DEADLINE = /^xstate\.after\.([^.]+)\./;

/**
 * The follow-up's log, oldest first, as a timeline: what happened, who did it and in which role,
 * and where the follow-up stood after it. Deadlines that passed are Flyt's own entries.
 */
export function HistoryTimeline({ items, benefits }: { items: HistoryEntry[]; benefits: PlannedBenefit[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (items.length === 0) return <Paragraph>{t('benefits.history.empty')}</Paragraph>;
  return (
    <ol className="timeline">
      {items.map((entry) => (
        <li key={entry.revision} className="timeline-entry">
          <Heading level={3} data-size="2xs">
            {whatHappened(entry, t)}
          </Heading>
          <Paragraph data-size="sm" className="timeline-meta">
            <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>
            {' · '}
            {entry.actor
              ? entry.authority
                ? t('benefits.history.byAs', { name: entry.actor.name, role: t(`benefits.roles.${entry.authority.role}`, { defaultValue: '' }) || entry.authority.basis })
                : t('benefits.history.by', { name: entry.actor.name })
              : DEADLINE.test(entry.type)
                ? t('benefits.history.byDeadline')
                : t('benefits.history.bySystem')}
          </Paragraph>
          <Detail entry={entry} benefits={benefits} />
          <Paragraph data-size="sm">{t('benefits.history.newState', { state: format.label(entry.toLabel) })}</Paragraph>
        </li>
      ))}
    </ol>
  );
}

function whatHappened(entry: HistoryEntry, t: TFunction): string {
  const deadline = DEADLINE.exec(entry.type)?.[1];
  if (deadline) return t([`benefits.history.deadline.${deadline}`, 'benefits.history.deadline.other']);
  return t([`benefits.history.event.${entry.type}`, 'benefits.history.event.other']);
}

function Detail({ entry, benefits }: { entry: HistoryEntry; benefits: PlannedBenefit[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const payload = (entry.payload ?? {}) as Record<string, unknown>;
  if (entry.type === 'RECORD_MEASUREMENT') {
    const benefit = benefits.find((b) => b.id === payload.benefitId);
    if (!benefit || typeof payload.value !== 'number') return null;
    return (
      <Paragraph data-size="sm">
        {t('benefits.history.measurement', {
          benefit: benefit.title,
          value: format.number(payload.value, 2),
          unit: benefit.unit,
          date: typeof payload.measuredOn === 'string' ? format.date(payload.measuredOn) : '',
        })}
      </Paragraph>
    );
  }
  if (entry.type === 'CONCLUDE' && typeof payload.outcome === 'string') {
    return <Paragraph data-size="sm">{t('benefits.history.concluded', { outcome: t(`forms.CONCLUDE.outcomeOptions.${payload.outcome}`) })}</Paragraph>;
  }
  return null;
}
