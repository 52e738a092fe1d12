import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ApiError, type EventBody } from '../api/client';
import { EventActions } from '../forms/event-actions';
import type { FieldWidget } from '../forms/schema-fields';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { CaseComments } from './case-page/case-comments';
import { useCase, useProcesses, useRefreshAfterChange, useWorkflow, type CaseEventAnswer } from './case-page/case-data';
import { editRights } from './case-page/case-editing';
import { CaseHistory } from './case-page/case-history';
import { CaseSummary } from './case-page/case-summary';
import { CaseWhere } from './case-page/case-where';
import { useCaseWords } from './case-page/case-words';
import { LinkedInstances } from './case-page/linked-instances';
import { MergeTargetPicker } from './case-page/merge-target-picker';
import { CostBenefitSection } from './cost-benefit/cost-benefit-section';
import './case-page/case-page.css';

/**
 * A case, whole: what it is about (changeable where the caller may), the decisions the caller
 * may take now with their forms, the cost-benefit assessment, where it stands on its workflow,
 * what it is linked to, its history and its comments. Every part follows from the API: the
 * allowed events decide the buttons, their payload schemas the forms. See docs/web-app.md.
 */
export function CasePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const found = useCase(id);
  const workflow = useWorkflow(found.data?.workflow.id ?? 'improvement-case');
  const words = useCaseWords(workflow.data);
  const refresh = useRefreshAfterChange(id);
  const [sent, setSent] = useState<{ event: string; answer: CaseEventAnswer } | null>(null);
  const sentNote = useRef<HTMLDivElement>(null);
  const caseData = found.data;
  const rights = caseData ? editRights(caseData, workflow.data) : null;
  const processes = useProcesses(!!caseData);
  const gone = found.error instanceof ApiError && [400, 403, 404].includes(found.error.status);

  // Another case's page (a link in the history) starts afresh.
  useEffect(() => setSent(null), [id]);
  useEffect(() => {
    if (sent) sentNote.current?.focus();
  }, [sent]);

  if (found.isPending) return <Loading />;
  if (!caseData) {
    return (
      <>
        <PageHeading>{gone ? t('casePage.notFoundTitle') : t('casePage.errorTitle')}</PageHeading>
        {gone ? <Paragraph>{t('casePage.notFound')}</Paragraph> : <LoadError onRetry={() => void found.refetch()} />}
        <BackLink />
      </>
    );
  }

  const send = async (body: EventBody) => {
    const answer = await api<CaseEventAnswer>(`/api/cases/${id}/events`, { method: 'POST', body });
    setSent({ event: body.type, answer });
    return answer;
  };
  const widgets: Record<string, Record<string, FieldWidget>> = {
    MERGE_INTO: { caseId: (props) => <MergeTargetPicker {...props} caseId={caseData.id} processId={caseData.process.id} /> },
  };

  return (
    <div className="case-page">
      <BackLink />
      <PageHeading>{t('casePage.title', { reference: caseData.reference, title: caseData.title })}</PageHeading>
      <div className="case-status">
        <Paragraph>
          <strong>{t('casePage.stateLine', { state: format.label(caseData.stateLabel) })}</strong>
        </Paragraph>
        <Paragraph data-size="sm">
          {caseData.myRoles.length > 0 ? t('casePage.yourRoles', { roles: words.roles(caseData.myRoles) }) : t('casePage.noRole')}
        </Paragraph>
      </div>
      {caseData.heldSince && (
        <Alert data-color="info">
          <Paragraph>{t('casePage.held', { date: format.dateTime(caseData.heldSince) })}</Paragraph>
        </Alert>
      )}
      {sent && (
        <div ref={sentNote} tabIndex={-1} className="case-note" role="status">
          <Alert data-color="success">
            <Heading level={2} data-size="xs">
              {t('casePage.sentTitle', { event: words.event(sent.event) })}
            </Heading>
            <Paragraph>{gone ? t('casePage.sentGone') : t('casePage.sentBody', { state: format.label(sent.answer.stateLabel) })}</Paragraph>
          </Alert>
          {sent.answer.warnings.length > 0 && (
            <Alert data-color="warning">
              <Heading level={2} data-size="xs">
                {t('casePage.warningsTitle')}
              </Heading>
              {sent.answer.warnings.map((warning) => (
                <Paragraph key={warning.code}>{t(`casePage.warnings.${warning.code}`, { defaultValue: warning.message })}</Paragraph>
              ))}
            </Alert>
          )}
        </div>
      )}
      {found.isError && !gone && <LoadError onRetry={() => void found.refetch()} />}
      <EventActions
        allowed={caseData.allowedEvents}
        blocked={caseData.blockedEvents}
        revision={caseData.revision}
        send={send}
        onSent={() => void refresh()}
        onStale={() => void refresh()}
        widgets={widgets}
        headingId="case-actions"
      />
      <CaseSummary caseData={caseData} rights={rights!} processes={processes.data} onSaved={() => void refresh()} />
      <CostBenefitSection caseData={caseData} editable={rights!.costBenefit} onSaved={() => void refresh()} />
      <CaseWhere caseData={caseData} workflow={workflow.data} words={words} />
      <LinkedInstances links={caseData.linkedInstances} />
      <CaseHistory caseId={caseData.id} words={words} processes={processes.data} />
      <CaseComments caseId={caseData.id} />
    </div>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link asChild>
      <RouterLink to="/" className="case-back">
        {t('casePage.back')}
      </RouterLink>
    </Link>
  );
}
