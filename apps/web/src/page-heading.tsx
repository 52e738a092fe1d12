import { Heading } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * The page's h1, focused when the page opens: after a client-side navigation a screen reader
 * would otherwise stay where the old page was, and announce nothing.
 */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    document.title = `${children} – Flyt`;
  }, [children]);
  // Once per navigation: a title that changes under the person (someone else renamed the case) must not pull focus away from their work.
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return (
    <Heading level={1} data-size="lg" ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </Heading>
  );
}
