import { Button, Dialog, Heading } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button that opens a small form in a modal dialog (Designsystemet's, on the native `<dialog>`:
 * focus moves into it, stays there and returns to the button when it closes). The dialog closes
 * when `done` turns true; a refusal stays inside it, under the fields.
 */
export function FormDialog({
  opener,
  openerVariant = 'secondary',
  title,
  submitLabel,
  pending,
  done,
  onOpen,
  onSubmit,
  children,
}: {
  opener: string;
  openerVariant?: 'primary' | 'secondary' | 'tertiary';
  title: string;
  submitLabel: string;
  pending: boolean;
  done: boolean;
  onOpen?: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    if (done) ref.current?.close();
  }, [done]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <>
      <Button
        variant={openerVariant}
        data-size="sm"
        onClick={() => {
          onOpen?.();
          ref.current?.showModal();
        }}
      >
        {opener}
      </Button>
      <Dialog ref={ref} closeButton={t('programme.form.close')} aria-labelledby={headingId}>
        <Dialog.Block>
          <Heading level={2} data-size="xs" id={headingId}>
            {title}
          </Heading>
        </Dialog.Block>
        <Dialog.Block>
          <form className="programme-stack" onSubmit={submit} noValidate>
            {children}
            <div className="programme-buttons">
              <Button type="submit" disabled={pending}>
                {pending ? t('programme.form.saving') : submitLabel}
              </Button>
              <Button variant="tertiary" onClick={() => ref.current?.close()}>
                {t('programme.form.cancel')}
              </Button>
            </div>
          </form>
        </Dialog.Block>
      </Dialog>
    </>
  );
}
