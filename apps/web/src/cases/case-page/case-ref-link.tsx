import { Link } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { api, type CaseSummary } from '../../api/client';

/** Another case, by its reference and title; a case the caller may not see is said to be one. */
export function CaseRefLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const found = useQuery({ queryKey: ['case', id, 'summary'], queryFn: () => api<CaseSummary>(`/api/cases/${id}`), staleTime: 60_000 });
  if (found.isPending) return <span>{t('casePage.loading')}</span>;
  if (!found.data) return <span>{t('casePage.caseRef.unknown')}</span>;
  return (
    <Link asChild>
      <RouterLink to={`/cases/${id}`}>{`${found.data.reference}: ${found.data.title}`}</RouterLink>
    </Link>
  );
}
