import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A table's horizontal scroll box (the app's `table-scroll`). When the table is wider than the
 * screen (a phone, 200 % zoom) the box can be reached with Tab and scrolled with the arrow keys,
 * and is named after its table (not the same name as the section around it); when everything
 * fits it is no stop on the way.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className="table-scroll" {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': t('project.scrollTable', { name: label }) } : {})}>
      {children}
    </div>
  );
}
