import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type MeWithRoles } from '../../api/client';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A process of the catalogue, as GET /api/processes lists it. */
export interface ProcessItem {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
  description: string;
  owningUnit: { id: string; nameNb: string };
  endedAt: string | null;
}

/** A unit, as GET /api/units lists it. */
export interface UnitItem {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
  kind: string;
  parentId: string | null;
  /** Ids from the university down to this unit, itself included. */
  path: string[];
  endedAt: string | null;
}

/** GET /api/me also says which unit the person belongs to. */
export interface MeWithUnit extends MeWithRoles {
  unit: { id: string; nameNb: string; nameEn: string };
}

// The API's largest page: the process catalogue and the unit tree of a university fit in one.
const ALL = 200;

/** Every process, those ended too (old cases name them), for names and pickers. */
export function useProcessCatalogue() {
  return useQuery({
    queryKey: ['case-catalogue', 'processes'],
    queryFn: () => api<Page<ProcessItem>>(`/api/processes?limit=${ALL}&includeEnded=true`),
    staleTime: 5 * 60_000,
  });
}

/** Every unit, those ended too, shallowest first. */
export function useUnitCatalogue() {
  return useQuery({
    queryKey: ['case-catalogue', 'units'],
    queryFn: () => api<Page<UnitItem>>(`/api/units?limit=${ALL}&includeEnded=true`),
    staleTime: 5 * 60_000,
  });
}

/** A name the API gives in both languages, in the one the person reads. */
export function useNames() {
  const { i18n } = useTranslation();
  return (named: { nameNb: string; nameEn: string }) => (i18n.language === 'en' ? named.nameEn || named.nameNb : named.nameNb);
}

/**
 * Lists give a process or unit by its Norwegian name alone: the catalogues know the English one.
 * Falls back to the Norwegian name for one the catalogue does not hold.
 */
export function useCatalogueNames() {
  const names = useNames();
  const processes = useProcessCatalogue();
  const units = useUnitCatalogue();
  const processById = new Map((processes.data?.items ?? []).map((p) => [p.id, p]));
  const unitById = new Map((units.data?.items ?? []).map((u) => [u.id, u]));
  return {
    process: (ref: { id: string; nameNb: string }) => {
      const found = processById.get(ref.id);
      return found ? names(found) : ref.nameNb;
    },
    unit: (ref: { id: string; nameNb: string }) => {
      const found = unitById.get(ref.id);
      return found ? names(found) : ref.nameNb;
    },
  };
}
