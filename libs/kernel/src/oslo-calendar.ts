const OSLO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Norway at this instant, as YYYY-MM-DD. Validity dates of roles are Norwegian days. */
export function osloDay(instant: Date): string {
  return OSLO_DAY.format(instant);
}
