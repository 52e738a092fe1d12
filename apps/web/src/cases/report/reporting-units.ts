import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useToken } from '../../auth/token';
import type { MeWithUnit, Page, UnitItem } from './catalogue';

export interface ReportingUnit extends UnitItem {
  /** The person is a line manager of this unit (or of one above it): their report is theirs to submit. */
  asLineManager: boolean;
}

/**
 * The units a person may report for, as the API allows (POST /api/cases): their own unit, and as a
 * line manager their unit and every unit below it. An employee's report is an idea their line
 * manager takes up; a line manager's own report they submit themselves.
 */
export function useReportingUnits() {
  const token = useToken();
  const me = useQuery({ queryKey: ['me', token], queryFn: () => api<MeWithUnit>('/api/me'), enabled: !!token });
  const managed = (me.data?.roles ?? []).filter((r) => r.role === 'line_manager');
  const everywhere = managed.some((r) => r.scope === null || r.scope.kind === 'global');
  const managedUnitIds = managed.flatMap((r) => (r.scope?.kind === 'unit' && r.scope.unitId ? [r.scope.unitId] : []));
  const home = me.data?.unit.id;

  const lists = useQueries({
    queries: [
      ...(home ? [{ queryKey: ['case-catalogue', 'reporting-units', 'one', home], queryFn: async () => [await api<UnitItem>(`/api/units/${home}`)] }] : []),
      ...(everywhere
        ? [{ queryKey: ['case-catalogue', 'reporting-units', 'all'], queryFn: async () => (await api<Page<UnitItem>>('/api/units?limit=200')).items }]
        : managedUnitIds.map((id) => ({
            queryKey: ['case-catalogue', 'reporting-units', 'within', id],
            queryFn: async () => (await api<Page<UnitItem>>(`/api/units?within=${id}&limit=200`)).items,
          }))),
    ],
  });

  const pending = me.isPending || lists.some((l) => l.isPending);
  const failed = me.isError || lists.some((l) => l.isError);
  const byId = new Map<string, ReportingUnit>();
  for (const unit of lists.flatMap((l) => l.data ?? [])) {
    if (unit.endedAt || byId.has(unit.id)) continue;
    byId.set(unit.id, { ...unit, asLineManager: everywhere || unit.path.some((id) => managedUnitIds.includes(id)) });
  }
  // Their own unit first, then the tree from the top down.
  const units = [...byId.values()].sort((a, b) => Number(b.id === home) - Number(a.id === home) || a.path.length - b.path.length || a.nameNb.localeCompare(b.nameNb, 'nb'));
  return {
    units,
    homeUnitId: home,
    pending,
    failed,
    retry: () => {
      void me.refetch();
      for (const l of lists) void l.refetch();
    },
  };
}
