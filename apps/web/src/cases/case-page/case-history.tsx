import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useFormat } from '../../format';
import { wordsPath } from '../../forms/json-schema';
import { LoadError, Loading } from '../../query-states';
import { instancePath, useCaseHistory, type HistoryEntry, type ProcessView } from './case-data';
import { CaseRefLink } from './case-ref-link';
import { yesNo } from './case-summary';
import type { CaseWords } from './case-words';

const DEADLINE_PREFIX = 'xstate.after.';
/** A term of the history's lists with its colon, unless it asks a question (a form's label often does). */
const term = (text: string) => (/[?:]$/.test(text.trim()) ? text : `${text}:`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids in payloads, and the workflow whose page shows what they name. */
const ID_FIELDS: Record<string, string> = { roundId: 'priority-round', projectId: 'project' };

/** The case's history as a timeline, oldest first: what happened, when, who did it and under which authority, and the details in words. */
export function CaseHistory({ caseId, words, processes }: { caseId: string; words: CaseWords; processes: ProcessView[] | undefined }) {
  const { t } = useTranslation();
  const history = useCaseHistory(caseId);
  return (
    <section aria-labelledby="case-history" className="case-section">
      <Heading level={2} data-size="sm" id="case-history">
        {t('casePage.sections.history')}
      </Heading>
      {history.isPending && <Loading />}
      {history.isError && <LoadError onRetry={() => void history.refetch()} />}
      {history.data &&
        (history.data.length === 0 ? (
          <Paragraph>{t('casePage.history.empty')}</Paragraph>
        ) : (
          <ol className="case-timeline" aria-labelledby="case-history">
            {history.data.map((entry, i) => (
              <li key={`${entry.revision}-${entry.type}-${i}`} className="case-timeline-entry">
                <HistoryItem entry={entry} words={words} processes={processes} />
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}

function HistoryItem({ entry, words, processes }: { entry: HistoryEntry; words: CaseWords; processes: ProcessView[] | undefined }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const deadline = entry.type.startsWith(DEADLINE_PREFIX) ? entry.type.slice(DEADLINE_PREFIX.length).split('.')[0]! : null;
  const what = deadline
    ? t('casePage.history.deadlinePassed')
    : t(`casePage.history.types.${entry.type}`, { defaultValue: words.eventDone(entry.type) });
  const from = entry.receivedFrom;
  const fromPath = from ? instancePath(from.workflowId, from.instanceId) : null;
  const who: ReactNode = entry.actor
    ? t('casePage.history.by', { name: entry.actor.name })
    : from
      ? (
          <>
            {t('casePage.history.byWorkflow', { what: words.workflow(from.workflowId) })}
            {fromPath && (
              <>
                {' '}
                (
                <Link asChild>
                  <RouterLink to={fromPath}>{t(`casePage.linked.${from.workflowId}`, { defaultValue: t('casePage.linked.other') })}</RouterLink>
                </Link>
                )
              </>
            )}
          </>
        )
      : t('casePage.history.bySystem');
  // Flyt acting by itself holds no authority worth a line: "who" says it already.
  const roles = (entry.authority ? [entry.authority.role] : entry.actor ? entry.actorRoles : []).filter((role) => role !== 'system');
  const payload = (entry.payload ?? {}) as Record<string, unknown>;

  return (
    <article aria-labelledby={`history-${entry.revision}-${entry.type}`}>
      <Heading level={3} data-size="2xs" id={`history-${entry.revision}-${entry.type}`}>
        {what}
      </Heading>
      <Paragraph data-size="sm" className="case-timeline-when">
        <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>
      </Paragraph>
      <dl className="case-timeline-facts">
        <div>
          <dt>{term(t('casePage.history.who'))}</dt>
          <dd>{who}</dd>
        </div>
        {roles.length > 0 && (
          <div>
            <dt>{term(t('casePage.history.authority'))}</dt>
            <dd>
              {words.roles(roles)}
              {entry.authority && entry.authority.basis !== entry.authority.role && (
                // The API words the basis in English only.
                <span className="case-basis" lang={i18n.language === 'en' ? undefined : 'en'}>
                  {` (${entry.authority.basis})`}
                </span>
              )}
            </dd>
          </div>
        )}
        {entry.from !== null && entry.from !== entry.to && (
          <div>
            <dt>{term(t('casePage.history.stateChange'))}</dt>
            <dd>{t('casePage.history.stateFromTo', { from: words.state(entry.from), to: words.state(entry.to, entry.toLabel) })}</dd>
          </div>
        )}
        {deadline && (
          <div>
            <dt>{term(t('casePage.history.deadline'))}</dt>
            <dd>{words.deadline(deadline)}</dd>
          </div>
        )}
        {entry.type === 'EDITED' && <Changes changes={(payload.changes ?? []) as Change[]} processes={processes} />}
        {entry.type === 'DEADLINE_MOVED' && (
          <>
            <div>
              <dt>{term(t('casePage.history.deadline'))}</dt>
              <dd>{words.deadline(String(payload.delayName))}</dd>
            </div>
            <div>
              <dt>{term(t('casePage.history.moved'))}</dt>
              <dd>
                {t('casePage.history.movedFromTo', { from: format.dateTime(String(payload.fromDueAt)), to: format.dateTime(String(payload.toDueAt)) })}
              </dd>
            </div>
          </>
        )}
        {entry.type === 'MIGRATED' && (
          <div>
            <dt>{term(t('casePage.history.details'))}</dt>
            <dd>{t('casePage.history.migrated', { from: String(payload.fromVersion), to: String(payload.toVersion) })}</dd>
          </div>
        )}
        {['DEADLINE_MOVED', 'HELD', 'RESUMED'].includes(entry.type) && typeof payload.reason === 'string' && (
          <div>
            <dt>{term(t('casePage.history.reason'))}</dt>
            <dd className="case-text">{payload.reason}</dd>
          </div>
        )}
        {!deadline && !['CREATED', 'EDITED', 'DEADLINE_MOVED', 'HELD', 'RESUMED', 'MIGRATED'].includes(entry.type) && (
          <PayloadFacts type={entry.type} value={payload} path="" words={words} />
        )}
        {entry.messagesSent.length > 0 && (
          <div>
            <dt>{term(t('casePage.history.details'))}</dt>
            <dd>
              <ul className="plain-list">
                {entry.messagesSent.map((m, i) => {
                  const path = instancePath(m.toWorkflowId, m.toInstanceId);
                  const what = words.workflow(m.toWorkflowId);
                  const sentence = m.kind === 'start' ? t('casePage.history.started', { what }) : t('casePage.history.sentTo', { event: words.event(m.type), what });
                  return (
                    <li key={i}>
                      {path ? (
                        <Link asChild>
                          <RouterLink to={path}>{sentence}</RouterLink>
                        </Link>
                      ) : (
                        sentence
                      )}
                      {m.deliveredAt === null && ` ${t('casePage.history.onItsWay')}`}
                    </li>
                  );
                })}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}

interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** An edit: each field with what it said before and after. */
function Changes({ changes, processes }: { changes: Change[]; processes: ProcessView[] | undefined }) {
  const { t, i18n } = useTranslation();
  const valueOf = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') {
      return field === 'significantItComponent' || field === 'estimatedSize' ? t('casePage.values.notAssessed') : t('casePage.values.empty');
    }
    switch (field) {
      case 'processId': {
        const process = processes?.find((p) => p.id === value);
        return process ? (i18n.language === 'en' ? process.nameEn : process.nameNb) : t('casePage.caseRef.unknown');
      }
      case 'significantItComponent':
        return yesNo(value as boolean, t);
      case 'estimatedSize':
        return t(`casePage.sizes.${String(value)}`, { defaultValue: String(value) });
      case 'strategicGoals':
        return Array.isArray(value) && value.length > 0 ? value.map((goal) => t('casePage.goalNumber', { number: goal })).join(', ') : t('casePage.values.none');
      default:
        return String(value);
    }
  };
  return (
    <div>
      <dt>{term(t('casePage.history.changes'))}</dt>
      <dd>
        <ul className="plain-list case-changes">
          {changes.map((change) => (
            <li key={change.field}>
              <strong>{t(`casePage.fields.${change.field}`, { defaultValue: change.field })}</strong>
              {change.field === 'costBenefit' ? (
                <Paragraph data-size="sm">{t('casePage.history.costBenefitChanged')}</Paragraph>
              ) : (
                <dl className="case-change">
                  <div>
                    <dt>{term(t('casePage.history.before'))}</dt>
                    <dd className="case-text">
                      <del>{valueOf(change.field, change.from)}</del>
                    </dd>
                  </div>
                  <div>
                    <dt>{term(t('casePage.history.after'))}</dt>
                    <dd className="case-text">
                      <ins>{valueOf(change.field, change.to)}</ins>
                    </dd>
                  </div>
                </dl>
              )}
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

/** An event's payload in words: each field by the words of its form, each value formatted for the language. */
function PayloadFacts({ type, value, path, words }: { type: string; value: Record<string, unknown>; path: string; words: CaseWords }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = (fieldPath: string) => {
    const name = wordsPath(fieldPath).split('.').pop() ?? fieldPath;
    return t([`forms.${type}.${wordsPath(fieldPath)}`, `fields.${name}`], { defaultValue: name });
  };
  const render = (fieldPath: string, key: string, item: unknown): ReactNode => {
    if (typeof item === 'string') {
      if (key === 'caseId' && UUID.test(item)) return <CaseRefLink id={item} />;
      const workflowId = ID_FIELDS[key];
      if (workflowId && UUID.test(item)) {
        const to = instancePath(workflowId, item);
        return to ? (
          <Link asChild>
            <RouterLink to={to}>{t(`casePage.linked.${workflowId}`)}</RouterLink>
          </Link>
        ) : null;
      }
      if (/^\d{4}-\d{2}-\d{2}$/.test(item)) return format.date(item);
      if (/^\d{4}-\d{2}-\d{2}T/.test(item)) return format.dateTime(item);
      // An enum value reads as its option's words; free text stays as written.
      if (/^[A-Za-z_]+$/.test(item)) return t([`forms.${type}.${wordsPath(fieldPath)}Options.${item}`, `options.${key}.${item}`], { defaultValue: item });
      return <span className="case-text">{item}</span>;
    }
    if (typeof item === 'number') {
      if (key.endsWith('Nok')) return format.nok(item);
      if (key === 'year') return String(item);
      return format.number(item, 2);
    }
    if (typeof item === 'boolean') return yesNo(item, t);
    if (Array.isArray(item)) {
      if (item.every((i) => typeof i !== 'object' || i === null)) return item.map(String).join(', ');
      return (
        <ol className="plain-list">
          {item.map((element, i) => (
            <li key={i}>
              <dl className="case-timeline-facts">
                <PayloadFacts type={type} value={element as Record<string, unknown>} path={`${fieldPath}.${i}`} words={words} />
              </dl>
            </li>
          ))}
        </ol>
      );
    }
    if (item && typeof item === 'object') {
      return (
        <dl className="case-timeline-facts">
          <PayloadFacts type={type} value={item as Record<string, unknown>} path={fieldPath} words={words} />
        </dl>
      );
    }
    return null;
  };
  return (
    <>
      {Object.entries(value)
        .filter(([, item]) => item !== null && item !== undefined && item !== '' && !(Array.isArray(item) && item.length === 0))
        .map(([key, item]) => {
          const fieldPath = path ? `${path}.${key}` : key;
          return (
            <div key={key}>
              <dt>{term(label(fieldPath))}</dt>
              <dd>{render(fieldPath, key, item)}</dd>
            </div>
          );
        })}
    </>
  );
}
