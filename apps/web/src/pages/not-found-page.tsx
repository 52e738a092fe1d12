import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../page-heading';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Link asChild>
        <RouterLink to="/">{t('notFound.home')}</RouterLink>
      </Link>
    </>
  );
}
