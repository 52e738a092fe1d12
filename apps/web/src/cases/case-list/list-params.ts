export const PAGE_SIZE = 20;

/** How the list can be sorted: the API's sort and order, named as one choice. */
export const SORTS = {
  newest: { sort: 'createdAt', order: 'desc' },
  oldest: { sort: 'createdAt', order: 'asc' },
  updated: { sort: 'updatedAt', order: 'desc' },
  title: { sort: 'title', order: 'asc' },
  reference: { sort: 'reference', order: 'desc' },
} as const;
export type SortName = keyof typeof SORTS;

/** Every case still open, or every case that has ended: the list's own choices beside single states. */
export const STATE_GROUPS = ['open', 'ended'] as const;

/** The filters and page of the case list, as the address holds them (so back, forward and reload keep them). */
export interface ListParams {
  q: string;
  /** A state path, a group (STATE_GROUPS), or '' for all. */
  state: string;
  processId: string;
  mine: boolean;
  sort: SortName;
  /** From 1. */
  page: number;
}

export const DEFAULT_PARAMS: ListParams = { q: '', state: '', processId: '', mine: false, sort: 'newest', page: 1 };

export function paramsOf(search: URLSearchParams): ListParams {
  const sort = search.get('sort') ?? '';
  const page = Math.floor(Number(search.get('page')));
  return {
    q: search.get('q') ?? '',
    state: search.get('state') ?? '',
    processId: search.get('process') ?? '',
    mine: search.get('mine') === 'true',
    sort: sort in SORTS ? (sort as SortName) : 'newest',
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** The address's query for these filters; what is as by default is left out. */
export function searchOf(params: ListParams): Record<string, string> {
  const search: Record<string, string> = {};
  if (params.q.trim()) search.q = params.q.trim();
  if (params.state) search.state = params.state;
  if (params.processId) search.process = params.processId;
  if (params.mine) search.mine = 'true';
  if (params.sort !== 'newest') search.sort = params.sort;
  if (params.page > 1) search.page = String(params.page);
  return search;
}

export function isFiltered(params: ListParams): boolean {
  return Boolean(params.q.trim() || params.state || params.processId || params.mine);
}

/**
 * The query of GET /api/cases (LIST_CASES) for these filters. A group of states is sent as its
 * states, which the page reads from the workflow (`groupStates`).
 */
export function apiQueryOf(params: ListParams, groupStates: Record<string, string[]>): string {
  const query = new URLSearchParams({
    limit: String(PAGE_SIZE),
    offset: String((params.page - 1) * PAGE_SIZE),
    sort: SORTS[params.sort].sort,
    order: SORTS[params.sort].order,
  });
  if (params.q.trim()) query.set('q', params.q.trim());
  if (params.processId) query.set('processId', params.processId);
  if (params.mine) query.set('assignedToMe', 'true');
  for (const state of groupStates[params.state] ?? (params.state ? [params.state] : [])) query.append('state', state);
  return query.toString();
}
