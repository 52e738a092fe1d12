import { Alert, Button, ErrorSummary, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldErrorsOf, problemOf, type Problem } from '../../api/problem';
import { formValueOf, payloadOf, wordsPath, type FormObject } from '../../forms/json-schema';
import { fieldId, SchemaFields } from '../../forms/schema-fields';
import { useFormat } from '../../format';
import { artefactFormSchema, peopleFields, peopleWidgets, problemForForm, unwrapContent, withIds, wrapContent } from './artefact-form';
import { ArtefactView } from './artefact-views';
import { personWidget, type Person } from './person-picker';
import type { Artefact, ArtefactForm, Project } from './types';

/**
 * The project's artefacts (docs/projects.md, "Artefacts"): each kind with its content as people
 * read it, when it was last changed, whether a gate decision has frozen it, and for the project
 * manager and owner a form to write it, built from the kind's schema.
 */
export function Artefacts({
  project,
  people,
  nameOf,
  onSaved,
  onStale,
}: {
  project: Project;
  people: readonly Person[];
  nameOf: (userId: string | null | undefined) => string;
  onSaved: (project: Project) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="artefacts" className="project-section">
      <Heading level={2} data-size="sm" id="artefacts">
        {t('project.artefacts.title')}
      </Heading>
      <Paragraph data-size="sm">{t('project.artefacts.intro')}</Paragraph>
      {project.artefactForms.map((form) => (
        <ArtefactSection
          key={form.kind}
          project={project}
          form={form}
          artefact={project.artefacts.find((a) => a.kind === form.kind) ?? null}
          people={people}
          nameOf={nameOf}
          onSaved={onSaved}
          onStale={onStale}
        />
      ))}
    </section>
  );
}

/** One kind of artefact of a project: what its section shows and its form writes. */
interface ArtefactProps {
  project: Project;
  form: ArtefactForm;
  artefact: Artefact | null;
  people: readonly Person[];
  nameOf: (userId: string | null | undefined) => string;
  onSaved: (project: Project) => void;
  onStale: () => void;
}

function ArtefactSection({ project, form, artefact, people, nameOf, onSaved, onStale }: ArtefactProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const headingId = `artefact-${form.kind}`;
  const words = `project.artefact.${form.kind}`;
  // Nobody has written it yet: the manager and the owner may, until the project ends.
  const writable = artefact
    ? artefact.editable
    : project.endedAt === null && project.myRoles.some((role) => role === 'projectManager' || role === 'projectOwner');

  const close = (after?: Project) => {
    setEditing(false);
    if (after) {
      setSaved(true);
      onSaved(after);
    }
    // Back where the person started: the button that opened the form.
    requestAnimationFrame(() => opener.current?.focus());
  };

  return (
    <section aria-labelledby={headingId} className="artefact">
      <div className="artefact-head">
        <Heading level={3} data-size="xs" id={headingId}>
          {t(`${words}.name`)}
        </Heading>
        {artefact?.frozenAtGate ? (
          <Tag data-color="neutral">{t('project.artefacts.frozenTag', { gate: artefact.frozenAtGate })}</Tag>
        ) : !artefact ? (
          <Tag data-color="warning">{t('project.artefacts.missingTag')}</Tag>
        ) : null}
      </div>
      <Paragraph data-size="sm" className="artefact-meta">
        {artefact
          ? t('project.artefacts.version', { version: artefact.version, when: format.dateTime(artefact.updatedAt), who: nameOf(artefact.updatedBy) })
          : t('project.artefacts.notWritten')}{' '}
        {artefact?.frozenAtGate && artefact.frozenAt
          ? t('project.artefacts.frozen', { gate: artefact.frozenAtGate, when: format.date(artefact.frozenAt) })
          : t('project.artefacts.freezesAt', { gate: form.freezesAt })}
      </Paragraph>
      {saved && !editing && (
        <Paragraph data-size="sm" role="status">
          {t('project.artefacts.saved', { name: t(`${words}.name`) })}
        </Paragraph>
      )}
      {editing ? (
        <ArtefactEditor
          project={project}
          form={form}
          artefact={artefact}
          people={people}
          nameOf={nameOf}
          onCancel={() => close()}
          onSaved={close}
          onStale={onStale}
        />
      ) : (
        <>
          {artefact && <ArtefactView kind={form.kind} content={artefact.content} nameOf={nameOf} />}
          {writable && (
            <div>
              <Button
                ref={opener}
                variant="secondary"
                data-size="sm"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {artefact ? t(`${words}.edit`) : t(`${words}.write`)}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ArtefactEditor({ project, form, artefact, people, nameOf, onCancel, onSaved, onStale }: ArtefactProps & { onCancel: () => void }) {
  const { t } = useTranslation();
  const schemas = useMemo(() => artefactFormSchema(form.schema), [form.schema]);
  const [value, setValue] = useState<FormObject>(() => formValueOf(schemas.schema, wrapContent(schemas, artefact?.content)) as FormObject);
  // The version the person started from: when someone saves another, the form shows theirs beside this one.
  const [openedVersion] = useState(artefact?.version ?? 0);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const idPrefix = `artefact-${form.kind}-form`;
  const widgets = useMemo(() => peopleWidgets(schemas.shown, personWidget(people)), [schemas.shown, people]);
  const peopleLists = useMemo(() => new Set(peopleFields(schemas.shown).map((path) => path.split('.').pop()!)), [schemas.shown]);

  const saving = useMutation({
    mutationFn: () =>
      api<Project>(`/api/projects/${project.id}/artefacts/${form.kind}`, {
        method: 'PUT',
        // The version this form was opened on, or the one read after someone else saved: a save in between is a 409.
        body: { content: unwrapContent(schemas, payloadOf(schemas.schema, withIds(schemas.schema, value))), expectedVersion: artefact?.version ?? 0 },
      }),
    onSuccess: onSaved,
    onError: (error) => {
      if (problemOf(error)?.status === 409) onStale();
    },
  });
  const raw = problemOf(saving.error);
  const problem = raw ? inWords(problemForForm(raw, schemas, peopleLists), t) : null;
  const errors = fieldErrorsOf(problem);
  const fieldsWithErrors = Object.keys(errors).filter((path) => path !== '');
  const frozen = artefact?.frozenAtGate ?? null;

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (saving.isError) summary.current?.focus();
  }, [saving.isError, saving.failureCount, saving.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    saving.mutate();
  };
  const name = t(`project.artefact.${form.kind}.name`);
  // A field as the summary names it: its label, and which item of a list it is in (`alternatives.1.costNok`: the second alternative's cost).
  const fieldLabel = (path: string) => {
    const positions = path.split('.').filter((part) => /^\d+$/.test(part));
    const label = t([`forms.artefacts.${form.kind}.${wordsPath(path)}`], { defaultValue: wordsPath(path) });
    return positions.length ? `${label} (${positions.map((p) => t('forms.itemNumber', { number: Number(p) + 1 })).join(', ')})` : label;
  };

  return (
    <form className="event-form artefact-form" onSubmit={submit} noValidate aria-labelledby={`${idPrefix}-heading`}>
      <Heading level={4} data-size="xs" id={`${idPrefix}-heading`} ref={heading} tabIndex={-1}>
        {artefact ? t(`project.artefact.${form.kind}.edit`) : t(`project.artefact.${form.kind}.write`)}
      </Heading>
      <Paragraph data-size="sm">{t(`project.artefact.${form.kind}.help`)}</Paragraph>
      {frozen && (
        <Alert data-color="info">
          <Paragraph>{t('project.artefacts.frozenNow', { name, gate: frozen })}</Paragraph>
        </Alert>
      )}
      {problem && (
        <div ref={summary} tabIndex={-1} className="form-problem">
          {problem.status === 409 ? (
            <>
              <Alert data-color="warning">
                <Heading level={5} data-size="2xs">
                  {frozen ? t('project.artefacts.frozenTitle') : t('actions.staleTitle')}
                </Heading>
                <Paragraph>{frozen ? t('project.artefacts.frozenNow', { name, gate: frozen }) : t('project.artefacts.staleBody')}</Paragraph>
              </Alert>
              {!frozen && artefact && artefact.version !== openedVersion && (
                <section aria-labelledby={`${idPrefix}-theirs`} className="artefact-theirs">
                  <Heading level={5} data-size="2xs" id={`${idPrefix}-theirs`}>
                    {t('project.artefacts.theirs', { version: artefact.version, who: nameOf(artefact.updatedBy) })}
                  </Heading>
                  <ArtefactView kind={form.kind} content={artefact.content} nameOf={nameOf} />
                </section>
              )}
            </>
          ) : problem.status === 403 ? (
            <Alert data-color="danger">{t('project.artefacts.notAllowed')}</Alert>
          ) : fieldsWithErrors.length > 0 ? (
            <ErrorSummary>
              <ErrorSummary.Heading>{t('forms.errorSummary')}</ErrorSummary.Heading>
              <ErrorSummary.List>
                {[...(errors[''] ? [''] : []), ...fieldsWithErrors].map((path) => {
                  const target = path ? fieldId(idPrefix, path) : `${idPrefix}-heading`;
                  return (
                    <ErrorSummary.Item key={path}>
                      <ErrorSummary.Link href={`#${target}`} onClick={(event) => focusField(event, target)}>
                        {path ? `${fieldLabel(path)}: ${errors[path]}` : errors[path]}
                      </ErrorSummary.Link>
                    </ErrorSummary.Item>
                  );
                })}
              </ErrorSummary.List>
            </ErrorSummary>
          ) : (
            <Alert data-color="danger">{errors[''] ?? (problem.detail || problem.title || t('common.errorBody'))}</Alert>
          )}
        </div>
      )}
      {saving.isError && !problem && (
        <Alert data-color="danger" role="alert">
          {t('common.errorBody')}
        </Alert>
      )}
      <SchemaFields schema={schemas.shown} value={value} onChange={setValue} context={{ wordsKey: `artefacts.${form.kind}`, errors, widgets, idPrefix }} />
      <div className="form-buttons">
        <Button type="submit" disabled={saving.isPending || frozen !== null}>
          {saving.isPending ? t('project.artefacts.saving') : t('project.artefacts.save', { name })}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('actions.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Following an error's link puts the cursor in the field, not only the field in view. */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string): void {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: 'center' });
}

/**
 * The API gives its reasons in English. The one a person meets most here, text where a number
 * belongs, is said in their language; the API's own words stand for the rest.
 */
function inWords(problem: Problem, t: TFunction): Problem {
  return {
    ...problem,
    errors: problem.errors.map((error) => (/^Invalid input: expected number/.test(error.reason) ? { ...error, reason: t('project.artefacts.notANumber') } : error)),
  };
}
