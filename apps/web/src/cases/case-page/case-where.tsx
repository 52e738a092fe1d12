import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../query-states';
import { statePaths, useDiagram, type CaseView, type WorkflowView } from './case-data';
import type { CaseWords } from './case-words';
import { CURRENT_CLASS, diagramForPeople, transitionsOf, type DiagramTransition } from './diagram-text';

let renders = 0;

/**
 * Where the case stands: in words first (the current state, who it waits for, what can happen
 * next and which deadlines run), then the workflow's own diagram with the current state marked.
 * The words say all the drawing does, so the drawing is hidden from screen readers.
 */
export function CaseWhere({ caseData, workflow, words }: { caseData: CaseView; workflow: WorkflowView | undefined; words: CaseWords }) {
  const { t, i18n } = useTranslation();
  const diagram = useDiagram(caseData.workflow.id, caseData.workflow.version);
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const frame = useRef<HTMLDivElement>(null);

  const arrowWords = (transition: DiagramTransition): string | null => {
    if (transition.delay) {
      // Reminders that leave the case where it is would crowd the drawing: the words below list them.
      if (transition.from === transition.to) return null;
      return t('casePage.diagram.deadline');
    }
    const who = transition.roles.map(words.role).join(t('casePage.diagram.roleSeparator'));
    const event = words.event(transition.event ?? '');
    const label = who ? t('casePage.diagram.by', { event, who }) : event;
    const conditions = transition.conditions.map((c) => t(`casePage.conditions.${c.replace(/^not /, 'not_')}`, { defaultValue: '' })).filter(Boolean);
    return conditions.length ? `${label}, ${conditions.join(', ')}` : label;
  };

  useEffect(() => {
    if (!diagram.data || !workflow) return;
    let cancelled = false;
    const text = diagramForPeople(diagram.data, { state: (path) => words.state(path), transition: arrowWords }, caseData.state);
    // Mermaid is large: it is fetched when a case page first draws a diagram, never with the first screen.
    import('mermaid')
      .then(async ({ default: mermaid }) => {
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: 'strict',
          theme: 'base',
          fontFamily: getComputedStyle(document.body).fontFamily,
          themeVariables: {
            fontSize: '15px',
            primaryColor: '#f4f5f6',
            primaryBorderColor: '#68707c',
            primaryTextColor: '#1e2b3c',
            lineColor: '#4b5563',
            edgeLabelBackground: '#ffffff',
            clusterBkg: '#fafafa',
            clusterBorder: '#9aa1ab',
          },
          state: { useMaxWidth: false },
        });
        const { svg: drawn } = await mermaid.render(`case-diagram-${++renders}`, text);
        if (!cancelled) {
          setSvg(drawn);
          setFailed(false);
        }
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
    // Drawn again when the words change (the language), not on every render: `words` is new each time.
  }, [diagram.data, workflow, caseData.state, i18n.language]);

  // The whole workflow is wider than a screen: open the drawing where the case is.
  useLayoutEffect(() => {
    const box = frame.current;
    const current = box?.querySelector(`g.${CURRENT_CLASS}`);
    if (!box || !current) return;
    const at = current.getBoundingClientRect();
    const view = box.getBoundingClientRect();
    box.scrollLeft += at.left + at.width / 2 - (view.left + view.width / 2);
    box.scrollTop += at.top + at.height / 2 - (view.top + view.height / 2);
  }, [svg]);

  const here = statePaths(caseData.state);
  const transitions = diagram.data ? transitionsOf(diagram.data) : [];
  const leaving = transitions.filter((tr) => here.includes(tr.from));
  const described = workflow?.states.find((s) => s.path === caseData.state);
  const waitsFor = described?.waitsFor ?? [];
  const ended = caseData.status === 'done' || described?.final === true;
  const target = (tr: DiagramTransition) =>
    tr.to === tr.from || here.includes(tr.to) ? t('casePage.where.stays') : t('casePage.where.goesTo', { state: words.state(tr.to) });
  const unique = (items: string[]) => [...new Set(items)];
  const next = unique(leaving.filter((tr) => tr.event).map((tr) => `${arrowWords(tr)}: ${target(tr)}`));
  // A deadline's words say what it does, the state it may move the case to included.
  const deadlines = unique(leaving.filter((tr) => tr.delay).map((tr) => words.deadline(tr.delay!)));

  return (
    <section aria-labelledby="case-where" className="case-section">
      <Heading level={2} data-size="sm" id="case-where">
        {t('casePage.sections.where')}
      </Heading>
      <div className="case-where-text" data-testid="where-text">
        <Paragraph>
          <strong>{t('casePage.where.now', { state: words.state(caseData.state, caseData.stateLabel) })}</strong>
        </Paragraph>
        {ended ? (
          <Paragraph>{t('casePage.where.ended')}</Paragraph>
        ) : (
          <>
            {waitsFor.length > 0 && <Paragraph>{t('casePage.where.waitsFor', { who: waitsFor.map(words.role).join(t('casePage.diagram.roleSeparator')) })}</Paragraph>}
            {diagram.data && (
              <>
                <Heading level={3} data-size="2xs">
                  {t('casePage.where.next')}
                </Heading>
                {next.length === 0 ? (
                  <Paragraph>{t('casePage.where.noNext')}</Paragraph>
                ) : (
                  <ul>
                    {next.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                )}
                {deadlines.length > 0 && (
                  <>
                    <Heading level={3} data-size="2xs">
                      {t('casePage.where.deadlines')}
                    </Heading>
                    <ul>
                      {deadlines.map((item) => (
                        <li key={item}>{t('casePage.where.deadlineItem', { deadline: item })}</li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            )}
          </>
        )}
      </div>
      {diagram.isError || failed ? (
        <Paragraph data-size="sm">{t('casePage.where.diagramFailed')}</Paragraph>
      ) : (
        <figure className="case-diagram">
          {svg ? (
            <div ref={frame} className="case-diagram-scroll" tabIndex={0} role="region" aria-label={t('casePage.where.diagramRegion')}>
              <div aria-hidden="true" className="case-diagram-drawing" dangerouslySetInnerHTML={{ __html: svg }} />
            </div>
          ) : (
            <Loading />
          )}
          <figcaption>
            <Paragraph data-size="sm">{t('casePage.where.caption')}</Paragraph>
          </figcaption>
        </figure>
      )}
    </section>
  );
}
