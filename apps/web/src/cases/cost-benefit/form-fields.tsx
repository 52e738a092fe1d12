import { Button, Field, Fieldset, Label, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cbFieldId, type Answer } from './assessment';

/** A text or number field of the assessment, by its path as the API names it (`values.0.description`). */
export function TextField({
  path,
  label,
  value,
  onChange,
  errors,
  description,
  multiline,
  number,
  suffix,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: Record<string, string>;
  description?: string;
  multiline?: boolean;
  number?: boolean;
  suffix?: string;
}) {
  const common = { id: cbFieldId(path), label, description, error: errors[path], value, className: 'cb-field' };
  return multiline ? (
    <Textfield {...common} multiline rows={3} onChange={(event) => onChange(event.target.value)} />
  ) : (
    // Numbers as text with a numeric keyboard: a number input would swallow «1 500 000» and «12,5».
    <Textfield {...common} inputMode={number ? 'decimal' : undefined} suffix={suffix} onChange={(event) => onChange(event.target.value)} />
  );
}

export function ChoiceField({
  path,
  label,
  value,
  options,
  onChange,
  errors,
  chooseLabel,
}: {
  path: string;
  label: string;
  value: string;
  options: [value: string, label: string][];
  onChange: (value: string) => void;
  errors: Record<string, string>;
  chooseLabel: string;
}) {
  const id = cbFieldId(path);
  return (
    <Field className="cb-field">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <Select.Option value="">{chooseLabel}</Select.Option>
        {options.map(([option, text]) => (
          <Select.Option key={option} value={option}>
            {text}
          </Select.Option>
        ))}
      </Select>
      {errors[path] && <ValidationMessage>{errors[path]}</ValidationMessage>}
    </Field>
  );
}

/** A question answered yes or no, or not yet: «not yet» is not «no». */
export function AnswerField({
  path,
  legend,
  description,
  value,
  onChange,
  errors,
}: {
  path: string;
  legend: string;
  description?: string;
  value: Answer;
  onChange: (value: Answer) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const options: [Answer, string][] = [
    ['', t('costBenefit.answers.notYet')],
    ['no', t('costBenefit.answers.no')],
    ['yes', t('costBenefit.answers.yes')],
  ];
  return (
    <Fieldset id={cbFieldId(path)} tabIndex={-1} className="cb-answer">
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {description && <Fieldset.Description>{description}</Fieldset.Description>}
      {options.map(([option, label]) => (
        <Radio key={option || 'none'} name={cbFieldId(path)} value={option} label={label} checked={value === option} onChange={() => onChange(option)} />
      ))}
      {errors[path] && <ValidationMessage>{errors[path]}</ValidationMessage>}
    </Fieldset>
  );
}

/**
 * A list the assessment holds (values, costs, contributors…): each item its own group with a way
 * to remove it, and a button to add one. Focus follows: to a new item's first field, and back to
 * the add button when an item goes.
 */
export function ItemList<T>({
  path,
  groupId,
  legend,
  description,
  items,
  empty,
  itemLabel,
  addLabel,
  firstField,
  onChange,
  errors,
  children,
}: {
  path: string;
  /** The group's id when another field already goes by the list's path. */
  groupId?: string;
  legend: string;
  description?: string;
  items: T[];
  empty: T;
  /** The name of item number n (from 1), e.g. «Verdi 2». */
  itemLabel: (n: number) => string;
  /** The add button's words, e.g. «Legg til en verdi». */
  addLabel: string;
  /** The field a new item starts at. */
  firstField: string;
  onChange: (items: T[]) => void;
  errors: Record<string, string>;
  children: (item: T, index: number, update: (patch: Partial<T>) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const addButton = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<string | 'add' | null>(null);
  useEffect(() => {
    if (focus === 'add') addButton.current?.focus();
    else if (focus) document.getElementById(focus)?.focus();
    if (focus) setFocus(null);
  }, [focus]);

  return (
    <Fieldset id={groupId ?? cbFieldId(path)} tabIndex={-1} className="cb-list">
      <Fieldset.Legend className="cb-list-legend">{legend}</Fieldset.Legend>
      {description && <Fieldset.Description>{description}</Fieldset.Description>}
      {errors[path] && <ValidationMessage>{errors[path]}</ValidationMessage>}
      {items.map((item, index) => (
        <Fieldset key={index} className="cb-item">
          <Fieldset.Legend>{itemLabel(index + 1)}</Fieldset.Legend>
          {children(item, index, (patch) => onChange(items.map((it, i) => (i === index ? { ...it, ...patch } : it))))}
          <div>
            <Button
              variant="tertiary"
              data-size="sm"
              onClick={() => {
                onChange(items.filter((_, i) => i !== index));
                setFocus('add');
              }}
            >
              {t('costBenefit.form.remove', { item: itemLabel(index + 1).toLocaleLowerCase() })}
            </Button>
          </div>
        </Fieldset>
      ))}
      <div>
        <Button
          ref={addButton}
          variant="secondary"
          data-size="sm"
          onClick={() => {
            onChange([...items, empty]);
            setFocus(cbFieldId(`${path}.${items.length}.${firstField}`));
          }}
        >
          {addLabel}
        </Button>
      </div>
    </Fieldset>
  );
}
