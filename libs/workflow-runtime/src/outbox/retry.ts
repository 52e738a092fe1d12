/** The first retry of an outbox row waits this long; each further one twice as long, up to the cap. */
export const OUTBOX_RETRY_BASE_MS = 1000;
export const OUTBOX_RETRY_CAP_MS = 5 * 60 * 1000;

/** How long a row that failed `attempts` times (counting the one that just failed) waits before the next try. */
export function outboxRetryDelayMs(attempts: number): number {
  return Math.min(OUTBOX_RETRY_CAP_MS, OUTBOX_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** A short, single-line description of an error for the row's last_error column and the log. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 2000);
}
