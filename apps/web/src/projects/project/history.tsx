import { Heading, Paragraph } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import type { HistoryEntry } from './types';

const TEXT_FIELDS = ['reason', 'note', 'summary', 'nextSteps', 'issues'];

/**
 * The project's history as a timeline, newest first: each event in words, who took it and in
 * which capacity, what they wrote, and where it left the project. Deadlines that passed are the
 * reminders and escalations Flyt sent; artefact edits name the artefact and its new version.
 */
export function History({ entries, nameOf }: { entries: HistoryEntry[]; nameOf: (userId: string | null | undefined) => string }) {
  const { t } = useTranslation();
  const newestFirst = [...entries].reverse();
  return (
    <section aria-labelledby="history" className="project-section">
      <Heading level={2} data-size="sm" id="history">
        {t('project.history.title')}
      </Heading>
      {newestFirst.length === 0 ? (
        <Paragraph>{t('project.history.none')}</Paragraph>
      ) : (
        <ol className="timeline">
          {newestFirst.map((entry) => (
            <HistoryItem key={entry.revision} entry={entry} nameOf={nameOf} />
          ))}
        </ol>
      )}
    </section>
  );
}

function HistoryItem({ entry, nameOf }: { entry: HistoryEntry; nameOf: (userId: string | null | undefined) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const payload = (entry.payload ?? {}) as Record<string, unknown>;
  const deadline = /^xstate\.after\.([A-Za-z]+)/.exec(entry.type)?.[1];
  const what = deadline
    ? t(`project.history.deadline.${deadline}`, { defaultValue: t('project.history.deadlinePassed') })
    : entry.type === 'EDITED'
      ? editedWords(payload, t)
      : t([`project.history.entry.${entry.type}`, `events.${entry.type}.label`], { defaultValue: t('project.history.event') });
  const role = entry.authority?.role ?? entry.actorRoles[0];
  const who = entry.actor
    ? role
      ? t('project.history.byAs', { name: entry.actor.name, role: t(`project.roles.${role}`, { defaultValue: t('project.roles.other') }) })
      : t('project.history.by', { name: entry.actor.name })
    : t('project.history.bySystem');

  const details: ReactNode[] = [];
  if (entry.type === 'APPOINT_TEAM') {
    details.push(
      <li key="team">
        {t('project.history.team', { owner: nameOf(payload.projectOwnerId as string), manager: nameOf(payload.projectManagerId as string) })}
      </li>,
    );
  }
  if (typeof payload.plannedOn === 'string') details.push(<li key="plannedOn">{t('project.history.plannedOn', { date: format.date(payload.plannedOn) })}</li>);
  if (entry.type === 'SUBMIT_STATUS_REPORT' && typeof payload.status === 'string') {
    details.push(<li key="status">{`${t('project.reports.status')}: ${t(`forms.SUBMIT_STATUS_REPORT.statusOptions.${payload.status}`)}`}</li>);
  }
  for (const field of TEXT_FIELDS) {
    const text = payload[field];
    if (typeof text === 'string' && text.trim()) {
      details.push(
        <li key={field}>
          {`${t(`project.history.field.${field}`)}: `}
          <q>{text}</q>
        </li>,
      );
    }
  }

  return (
    <li className="timeline-item">
      <time dateTime={entry.occurredAt} className="timeline-time">
        {format.dateTime(entry.occurredAt)}
      </time>
      <div className="timeline-body">
        <Paragraph className="timeline-what">
          <strong>{what}</strong> {who}
        </Paragraph>
        {details.length > 0 && <ul className="timeline-details">{details}</ul>}
        {entry.from !== entry.to && <Paragraph data-size="sm">{t('project.history.movedTo', { state: format.label(entry.toLabel) })}</Paragraph>}
      </div>
    </li>
  );
}

/** "Changed the project justification (version 2)": the artefacts an edit wrote. */
function editedWords(payload: Record<string, unknown>, t: TFunction): string {
  const changes = Array.isArray(payload.changes) ? (payload.changes as { field?: string; to?: { version?: number } }[]) : [];
  const artefacts = changes
    .filter((c) => typeof c.field === 'string' && c.field.startsWith('artefacts.'))
    .map((c) => ({ name: t(`project.artefact.${c.field!.slice('artefacts.'.length)}.the`), version: c.to?.version ?? 1 }));
  if (artefacts.length === 0) return t('project.history.editedOther');
  // An artefact is written once (its first version) and changed after.
  return artefacts.map(({ name, version }) => (version === 1 ? t('project.history.written', { name }) : t('project.history.changed', { name, version }))).join(', ');
}
