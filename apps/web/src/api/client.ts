import { getToken, setToken } from '../auth/token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`API answered ${status}`);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  // An expired or revoked token: back to sign-in rather than a page of errors.
  if (response.status === 401 && token) setToken(null);
  const body: unknown = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}

export interface Label {
  nb: string;
  en: string;
}

export interface Me {
  id: string;
  name: string;
  email: string;
  locale: string;
}

export interface CaseSummary {
  id: string;
  reference: string;
  title: string;
  stateLabel: Label;
}

export interface InboxItem {
  case: CaseSummary;
  myRoles: string[];
  allowedEvents: string[];
  nextDeadline: string | null;
  passedDeadlines: { delayName: string; dueAt: string; firedAt: string; notifiedMe: boolean }[];
}

export interface OtherWorkItem {
  instanceId: string;
  reference: string;
  title: string;
  stateLabel: Label;
  task: Label;
  dueAt: string | null;
  path: string;
}

export interface Inbox {
  items: InboxItem[];
  otherWork: OtherWorkItem[];
  total: number;
  limit: number;
  offset: number;
  counts: { decisions: number; alerts: number; overdue: number };
}

export interface CaseDetail extends CaseSummary {
  process: { nameNb: string };
  reporter: { name: string };
  allowedEvents: { type: string }[];
}

export interface RoleHeld {
  role: string;
  scope: { kind: string; processId?: string; processName?: string; unitId?: string; unitName?: string } | null;
}

export interface MeWithRoles extends Me {
  roles: RoleHeld[];
}

/** What an event-driven page gets from the API: the events the caller may send now, each with its payload's JSON schema. */
export interface AllowedEvent {
  type: string;
  payloadSchema: Record<string, unknown>;
}

export interface BlockedEvent {
  type: string;
  reason: string;
}

/** The body every workflow's `/events` endpoint takes. */
export interface EventBody {
  type: string;
  payload?: unknown;
  expectedRevision?: number;
}

/**
 * Files (CSV, PDF) need the bearer token too, which a plain link cannot carry: fetch them and
 * hand the browser the bytes to save.
 */
export async function download(path: string, fileName: string): Promise<void> {
  const token = getToken();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, response.headers.get('content-type')?.includes('json') ? await response.json() : null);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
