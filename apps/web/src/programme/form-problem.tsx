import { Alert, ErrorSummary, Paragraph } from '@digdir/designsystemet-react';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';

/**
 * Why the API refused a form, above the form: the fields it names as links to them (each field
 * shows its own reason too), and what it said about the whole. Focused by the form when it
 * appears, so a screen reader reads it.
 */
export const FormProblem = forwardRef<HTMLDivElement, { problem: Problem | null; failed: boolean; errors: Record<string, string>; fieldIdOf: (path: string) => string | null }>(
  function FormProblem({ problem, failed, errors, fieldIdOf }, ref) {
    const { t } = useTranslation();
    if (!failed) return null;
    const linked = Object.entries(errors).filter(([path]) => fieldIdOf(path) !== null);
    const loose = Object.entries(errors).filter(([path]) => fieldIdOf(path) === null);
    return (
      <div ref={ref} tabIndex={-1} className="form-problem">
        {linked.length > 0 ? (
          <ErrorSummary>
            <ErrorSummary.Heading>{t('programme.form.errorSummary')}</ErrorSummary.Heading>
            <ErrorSummary.List>
              {linked.map(([path, reason]) => (
                <ErrorSummary.Item key={path}>
                  <ErrorSummary.Link href={`#${fieldIdOf(path)}`}>{reason}</ErrorSummary.Link>
                </ErrorSummary.Item>
              ))}
              {loose.map(([path, reason]) => (
                <ErrorSummary.Item key={path}>{reason}</ErrorSummary.Item>
              ))}
            </ErrorSummary.List>
          </ErrorSummary>
        ) : (
          <Alert data-color="danger">
            <Paragraph>
              {problem?.status === 409
                ? t('programme.form.conflict')
                : loose.map(([, reason]) => reason).join(' ') || problem?.detail || problem?.title || t('programme.form.failed')}
            </Paragraph>
          </Alert>
        )}
      </div>
    );
  },
);
