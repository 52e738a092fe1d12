import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { AdminOnly } from './admin-shared';

const PARTS = [
  ['/admin/units', 'units'],
  ['/admin/processes', 'processes'],
  ['/admin/users', 'users'],
  ['/admin/role-assignments', 'assignments'],
  ['/admin/mandates', 'mandates'],
] as const;

/** Administrasjon: what an admin keeps, each part with what it is for. */
export function AdminPage() {
  const { t } = useTranslation();
  return (
    <AdminOnly title={t('admin.title')} overview>
      <Paragraph>{t('admin.intro')}</Paragraph>
      <ul className="admin-overview" aria-label={t('admin.partsLabel')}>
        {PARTS.map(([to, part]) => (
          <li key={part} className="admin-overview-item">
            <Card data-color="neutral" className="admin-overview-card">
              <Heading level={2} data-size="xs">
                <RouterLink to={to}>{t(`admin.${part}.title`)}</RouterLink>
              </Heading>
              <Paragraph data-size="sm">{t(`admin.${part}.about`)}</Paragraph>
            </Card>
          </li>
        ))}
      </ul>
    </AdminOnly>
  );
}
