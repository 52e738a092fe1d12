import { Heading, Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useFormat } from '../../format';
import { instancePath, type InstanceLink } from './case-data';

/** The round that decided the case, the project it became, its benefits follow-up: each a link with its status. */
export function LinkedInstances({ links }: { links: InstanceLink[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  // A round that both sent the case its decision and heard from it is one link, not two.
  const unique = links.filter((link, i) => links.findIndex((l) => l.instanceId === link.instanceId) === i);
  if (unique.length === 0) return null;
  return (
    <section aria-labelledby="case-linked" className="case-section">
      <Heading level={2} data-size="sm" id="case-linked">
        {t('casePage.sections.linked')}
      </Heading>
      <ul className="case-linked">
        {unique.map((link) => {
          const to = instancePath(link.workflowId, link.instanceId);
          const name = t(`casePage.linked.${link.workflowId}`, { defaultValue: t('casePage.linked.other') });
          return (
            <li key={link.instanceId}>
              {to ? (
                <Link asChild>
                  <RouterLink to={to}>{name}</RouterLink>
                </Link>
              ) : (
                name
              )}{' '}
              ({t(`casePage.linked.relation.${link.relation}`)}).{' '}
              {link.stateLabel ? t('casePage.linked.state', { state: format.label(link.stateLabel) }) : t('casePage.linked.notStarted')}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
