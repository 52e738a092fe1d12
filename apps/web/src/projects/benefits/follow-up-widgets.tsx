import { Field, Label, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type MeWithRoles } from '../../api/client';
import { useToken } from '../../auth/token';
import { useFormat } from '../../format';
import type { FieldWidget } from '../../forms/schema-fields';
import type { FormValue } from '../../forms/json-schema';
import type { PlannedBenefit } from './types';

type WidgetProps = { id: string; label: string; value: FormValue; error?: string; onChange: (value: FormValue) => void };

/**
 * RECORD_MEASUREMENT's `benefitId`: the benefits of the plan by name, those still to be measured
 * for the current date first; once one is chosen, what it measures and the target it must reach.
 */
export function benefitPicker(benefits: PlannedBenefit[], missing: ReadonlySet<string>): FieldWidget {
  const ordered = [...benefits.filter((b) => missing.has(b.id)), ...benefits.filter((b) => !missing.has(b.id))];
  return (props) => <BenefitPicker {...props} benefits={ordered} missing={missing} />;
}

function BenefitPicker({ id, label, value, error, onChange, benefits, missing }: WidgetProps & { benefits: PlannedBenefit[]; missing: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const chosen = benefits.find((b) => b.id === value);
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={String(value)} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined}>
        <Select.Option value="">{t('forms.choose')}</Select.Option>
        {benefits.map((b) => (
          <Select.Option key={b.id} value={b.id}>
            {missing.has(b.id) ? t('benefits.record.missingOption', { title: b.title }) : b.title}
          </Select.Option>
        ))}
      </Select>
      {chosen && (
        <Field.Description>
          {t('benefits.record.goal', {
            indicator: chosen.indicator,
            unit: chosen.unit,
            baseline: format.number(chosen.baseline, 2),
            target: format.number(chosen.target, 2),
          })}
        </Field.Description>
      )}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}

interface MeWithUnit extends MeWithRoles {
  unit: { id: string; nameNb: string; nameEn: string };
}

/**
 * CONCLUDE's `newCase.reportingUnitId`: the units the process owner may report a case in, their
 * own unit and the units they lead as line manager.
 */
export function reportingUnitPicker(): FieldWidget {
  return (props) => <ReportingUnitPicker {...props} />;
}

function ReportingUnitPicker({ id, label, value, error, onChange }: WidgetProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const token = useToken();
  // The same question and key as the header's, so it is asked once.
  const me = useQuery({ queryKey: ['me', token], queryFn: () => api<MeWithRoles>('/api/me') });
  const data = me.data as MeWithUnit | undefined;
  const units = new Map<string, string>();
  if (data?.unit) units.set(data.unit.id, format.label({ nb: data.unit.nameNb, en: data.unit.nameEn }));
  for (const role of data?.roles ?? []) {
    if (role.role === 'line_manager' && role.scope?.unitId && !units.has(role.scope.unitId)) units.set(role.scope.unitId, role.scope.unitName ?? '');
  }
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Field.Description>{t('benefits.conclude.reportingUnitHelp')}</Field.Description>
      <Select id={id} value={String(value)} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined}>
        <Select.Option value="">{t('forms.choose')}</Select.Option>
        {[...units].map(([unitId, name]) => (
          <Select.Option key={unitId} value={unitId}>
            {name}
          </Select.Option>
        ))}
      </Select>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}
