import { Table } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A wide table's frame: it scrolls sideways on a narrow screen or at 200 % zoom, and only then is
 * it a named region a keyboard can reach and scroll.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-scroll" {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}>
      {children}
    </div>
  );
}

/** A report's table in its frame: the caption names both, so it is written once. */
export function CaptionedTable({ caption, size, children }: { caption: string; size?: 'sm'; children: ReactNode }) {
  return (
    <TableScroll label={caption}>
      <Table zebra data-size={size}>
        <caption>{caption}</caption>
        {children}
      </Table>
    </TableScroll>
  );
}
