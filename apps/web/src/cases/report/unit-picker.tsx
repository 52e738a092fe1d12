import { Alert, Field, Label, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useNames } from './catalogue';
import { reportFieldId } from './report-form';
import type { ReportingUnit } from './reporting-units';

/**
 * The unit that reports the need: a choice only for a line manager of several units. Below it,
 * where the report goes next: an employee's idea to their line manager, a line manager's own
 * report to the process responsible once they submit it.
 */
export function UnitPicker({ units, value, onChange, error }: { units: ReportingUnit[]; value: string; onChange: (id: string) => void; error?: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const chosen = units.find((u) => u.id === value);
  const id = reportFieldId('reportingUnitId');
  return (
    <div className="report-unit">
      {units.length === 1 && chosen ? (
        <div className="report-single-unit" id={id} tabIndex={-1}>
          <Label asChild>
            <p>{t('report.fields.reportingUnitId')}</p>
          </Label>
          <Paragraph>{names(chosen)}</Paragraph>
          {error && <ValidationMessage>{error}</ValidationMessage>}
        </div>
      ) : (
        <Field>
          <Label htmlFor={id}>{t('report.fields.reportingUnitId')}</Label>
          <Field.Description>{t('report.unit.help')}</Field.Description>
          <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
            <Select.Option value="">{t('report.choose')}</Select.Option>
            {units.map((unit) => (
              <Select.Option key={unit.id} value={unit.id}>
                {names(unit)}
              </Select.Option>
            ))}
          </Select>
          {error && <ValidationMessage>{error}</ValidationMessage>}
        </Field>
      )}
      {chosen && (
        <Alert data-color="info" className="report-route">
          <Paragraph>
            {chosen.asLineManager ? t('report.unit.asLineManager', { unit: names(chosen) }) : t('report.unit.asEmployee', { unit: names(chosen) })}
          </Paragraph>
        </Alert>
      )}
    </div>
  );
}
