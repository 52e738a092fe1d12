import { Alert, Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div role="status" className="loading">
      <Spinner aria-hidden data-size="md" />
      <span>{t('common.loading')}</span>
    </div>
  );
}

export function LoadError({ onRetry, message }: { onRetry: () => void; message?: string }) {
  const { t } = useTranslation();
  return (
    <Alert data-color="danger" role="alert">
      <Heading level={2} data-size="xs">
        {t('common.errorTitle')}
      </Heading>
      <Paragraph>{message ?? t('common.errorBody')}</Paragraph>
      <Button variant="secondary" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}
