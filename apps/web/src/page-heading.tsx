import { Heading } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';

/**
 * The page's h1, focused when the page opens: after a client-side navigation a screen reader
 * would otherwise stay where the old page was, and announce nothing.
 */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – Flyt`;
    ref.current?.focus();
  }, [children]);
  return (
    <Heading level={1} data-size="lg" ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </Heading>
  );
}
