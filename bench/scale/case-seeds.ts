import { atTimeOfDay, type NorwegianCalendar } from '#flyt/calendar';
import { addDays } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import type { CaseSeed } from './case-simulation.js';
import type { Random } from './random.js';
import type { ScaleAuthority } from './scale-authority.js';
import type { ScaleOrganisation, ScaleUnit, ScaleUser } from './scale-organisation.js';
import { caseText } from './scale-text.js';

/** Fewer cases in the summer and at Christmas, more in the autumn and spring terms. */
const MONTH_WEIGHT = [1.0, 1.1, 1.1, 0.9, 1.0, 0.8, 0.25, 0.9, 1.2, 1.2, 1.1, 0.6];
const GOALS: ReadonlyArray<readonly [number, number]> = [
  [1, 3],
  [2, 5],
  [3, 1],
  [4, 1],
  [5, 1],
  [6, 1],
  [7, 0.5],
  [8, 1],
  [9, 6],
  [10, 0.5],
  [11, 2],
  [12, 0.7],
];

/** The year's reference: FLYT-<year in Oslo>-<running number>, the number never cut short. */
export function referenceOf(createdAt: Date, number: number): string {
  return `FLYT-${osloDay(createdAt).slice(0, 4)}-${String(number).padStart(4, '0')}`;
}

/**
 * `count` cases over the ten years up to `now`: more each year as Flyt is taken up, on working days
 * in working hours, over every process by its weight and every unit by its headcount; reported by the
 * unit's line manager (a little over half) or by one of its staff, the idea then waiting for the line
 * manager. In the order they were reported, numbered as the reference sequence numbers them.
 */
export function caseSeeds(org: ScaleOrganisation, authority: ScaleAuthority, calendar: NorwegianCalendar, random: Random, count: number, now: Date): CaseSeed[] {
  const days: string[] = [];
  const cumulative: number[] = [];
  let total = 0;
  const today = osloDay(now);
  for (let day = org.launch, i = 0; day <= today; day = addDays(day, 1), i += 1) {
    if (!calendar.isWorkingDay(day)) continue;
    total += (0.55 + (0.1 * i) / 365) * MONTH_WEIGHT[Number(day.slice(5, 7)) - 1]!;
    days.push(day);
    cumulative.push(total);
  }
  const staffByUnit = new Map<string, ScaleUser[]>();
  for (const user of org.users) {
    if (user.endedOn) continue;
    const list = staffByUnit.get(user.unitId) ?? [];
    list.push(user);
    staffByUnit.set(user.unitId, list);
  }
  const reportingUnits: Array<readonly [ScaleUnit, number]> = org.units.filter((u) => u.kind !== 'university').map((u) => [u, staffByUnit.get(u.id)?.length ?? 0] as const);
  const processes = org.processes.map((p) => [p, p.weight] as const);
  const userById = new Map(org.users.map((u) => [u.id, u]));

  const seeds: Array<Omit<CaseSeed, 'index' | 'reference'>> = [];
  while (seeds.length < count) {
    const x = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const day = days[lo]!;
    const minutes = random.int(8 * 60, 15 * 60 + 50);
    const createdAt = new Date(atTimeOfDay(day, `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`).getTime() + random.int(0, 59_999));
    if (createdAt >= now) continue;
    const unit = random.weighted(reportingUnits);
    const process = random.weighted(processes);
    let reporter: ScaleUser | undefined;
    if (random.chance(0.55)) {
      const manager = authority.nearestLineManager(unit.path, day);
      reporter = manager ? userById.get(manager) : undefined;
    } else {
      const staff = (staffByUnit.get(unit.id) ?? []).filter((u) => u.createdOn <= day);
      reporter = staff.length ? random.pick(staff) : undefined;
    }
    if (!reporter) continue;
    const goals = new Set<number>();
    for (let n = random.int(0, 3); n > 0; n -= 1) goals.add(random.weighted(GOALS));
    seeds.push({
      id: random.uuid(),
      process,
      unit,
      reporter,
      createdAt,
      text: caseText(random, process.code, unit.nameNb),
      strategicGoals: [...goals].sort((a, b) => a - b),
      estimatedSize: random.weighted([['small', 0.45], ['medium', 0.35], ['large', 0.12], [null, 0.08]] as const),
      significantItComponent: random.weighted([[true, 0.7], [false, 0.15], [null, 0.15]] as const),
    });
  }
  seeds.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return seeds.map((s, index) => ({ ...s, index, reference: referenceOf(s.createdAt, index + 1) }));
}

/** Picks, for a merge, one of the cases of the same process reported before this one, most likely a recent one. */
export function mergeTargets(seeds: readonly CaseSeed[]): (seed: CaseSeed, random: Random) => string | null {
  const byProcess = new Map<string, CaseSeed[]>();
  const position = new Map<string, number>();
  for (const seed of seeds) {
    const list = byProcess.get(seed.process.id) ?? [];
    position.set(seed.id, list.length);
    list.push(seed);
    byProcess.set(seed.process.id, list);
  }
  return (seed, random) => {
    const list = byProcess.get(seed.process.id);
    const at = position.get(seed.id);
    if (!list || at === undefined || at === 0) return null;
    const back = 1 + Math.floor(random.next() ** 2 * Math.min(at, 300));
    return list[at - back]!.id;
  };
}

/** The programme's priority rounds: the second Tuesday of March and of October, from launch until two years ahead. */
export function priorityRounds(launch: string, today: string, calendar: NorwegianCalendar): string[] {
  const rounds: string[] = [];
  for (let year = Number(launch.slice(0, 4)); year <= Number(today.slice(0, 4)) + 2; year += 1) {
    for (const month of ['03', '10']) {
      let day = `${year}-${month}-08`;
      while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 2) day = addDays(day, 1);
      while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
      if (day >= launch) rounds.push(day);
    }
  }
  return rounds;
}
