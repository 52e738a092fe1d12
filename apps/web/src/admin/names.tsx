import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { useProcess, useUnit, type AssignmentScope, type Mandate } from './admin-api';
import { To } from './admin-shared';

/**
 * Units and processes by name in the reader's language. The lists name them in bokmål only, so
 * in English each is looked up by id (once: the answers are shared by every row and page).
 */
export function UnitName({ id, fallback, link }: { id: string; fallback?: string; link?: boolean }) {
  const { i18n } = useTranslation();
  const format = useFormat();
  const unit = useUnit(id, i18n.language === 'en' || !fallback);
  const name = unit.data ? format.label({ nb: unit.data.nameNb, en: unit.data.nameEn }) : (fallback ?? '…');
  return link ? <To to={`/admin/units/${id}`}>{name}</To> : <>{name}</>;
}

export function ProcessName({ id, fallback, link }: { id: string; fallback?: string; link?: boolean }) {
  const { i18n } = useTranslation();
  const format = useFormat();
  const process = useProcess(id, i18n.language === 'en' || !fallback);
  const name = process.data ? format.label({ nb: process.data.nameNb, en: process.data.nameEn }) : (fallback ?? '…');
  return link ? <To to={`/admin/processes/${id}`}>{name}</To> : <>{name}</>;
}

/** A process's name in the reader's language, for the words of a refusal; none until it is known. */
export function useProcessName(id: string | null): string | undefined {
  const format = useFormat();
  const process = useProcess(id);
  return process.data ? format.label({ nb: process.data.nameNb, en: process.data.nameEn }) : undefined;
}

/** Where a role is held, in words. */
export function ScopeText({ scope }: { scope: AssignmentScope }) {
  const { t } = useTranslation();
  if (scope.kind === 'unit') return <UnitName id={scope.unitId} fallback={scope.unitName} link />;
  if (scope.kind === 'process') return <ProcessName id={scope.processId} fallback={scope.processName} link />;
  return <>{t('admin.assignments.global')}</>;
}

/** Who acts as process responsible today by this mandate, in words. */
export function TodayText({ mandate }: { mandate: Mandate }) {
  const { t } = useTranslation();
  if (!mandate.inForce) return <>{t('admin.mandates.notToday')}</>;
  if (mandate.deputyStandsInToday && mandate.deputy) return <>{t('admin.mandates.standsIn', { deputy: mandate.deputy.name, holder: mandate.holder.name })}</>;
  return <>{mandate.holder.name}</>;
}
