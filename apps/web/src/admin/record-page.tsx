import { Heading, Paragraph } from '@digdir/designsystemet-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { Loading } from '../query-states';
import { AdminOnly, EndButton, RecordError } from './admin-shared';

/** The id of the record a page shows: none at `…/new`, where the page makes one. */
export function useRecordId(): string | null {
  const { id } = useParams();
  return id === 'new' ? null : (id ?? null);
}

/**
 * A record's page under its list: the form that makes one at `…/new`, otherwise the record once
 * fetched (or why it could not be). A page reached right after making the record says so.
 */
export function RecordPage<T extends { id: string }>({
  part,
  resource,
  record,
  title,
  newForm,
  children,
}: {
  /** Where the page's words are: `admin.<part>.title` (the list), `.new`, `.oneLoading`. */
  part: string;
  /** The list's path under `/admin/`. */
  resource: string;
  record: UseQueryResult<T>;
  title: (record: T) => string;
  newForm: ReactNode;
  children: (record: T, created: boolean) => ReactNode;
}) {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const crumbs = [{ to: `/admin/${resource}`, label: t(`admin.${part}.title`) }];
  if (id === 'new') {
    return (
      <AdminOnly title={t(`admin.${part}.new`)} crumbs={crumbs}>
        {newForm}
      </AdminOnly>
    );
  }
  const created = (location.state as { created?: boolean } | null)?.created ?? false;
  return (
    <AdminOnly title={record.data ? title(record.data) : t(`admin.${part}.oneLoading`)} crumbs={crumbs}>
      {record.isPending && <Loading />}
      {record.isError && <RecordError error={record.error} onRetry={() => void record.refetch()} />}
      {/* Another record starts afresh: nothing typed or said about the last one stays. */}
      {record.data && <Fragment key={record.data.id}>{children(record.data, created)}</Fragment>}
    </AdminOnly>
  );
}

/** A part of a record's page under its own heading, which names the part for screen readers. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="admin-section" aria-labelledby={id}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** What can still be done to a record that has not ended: change it in its form, or end it for good. */
export function EditAndEnd({
  part,
  one,
  form,
  confirmTitle,
  withReason,
  onEnd,
}: {
  /** Where the words are: `admin.<part>.edit`, `.endTitle`, `.endAbout`, `.end`, `.endConfirm`. */
  part: string;
  /** The record's kind in the sections' ids (`edit-unit`, `end-unit`). */
  one: string;
  form: ReactNode;
  confirmTitle: string;
  withReason?: boolean;
  onEnd: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Section id={`edit-${one}`} title={t(`admin.${part}.edit`)}>
        {form}
      </Section>
      <Section id={`end-${one}`} title={t(`admin.${part}.endTitle`)}>
        <Paragraph>{t(`admin.${part}.endAbout`)}</Paragraph>
        <EndButton
          label={t(`admin.${part}.end`)}
          title={confirmTitle}
          body={t(`admin.${part}.endConfirm`)}
          confirm={t(`admin.${part}.end`)}
          withReason={withReason}
          onEnd={onEnd}
        />
      </Section>
    </>
  );
}
