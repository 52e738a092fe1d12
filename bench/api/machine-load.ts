import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (clock ticks) of every process at one moment, with its command line. */
export type CpuSnapshot = Map<number, { ticks: number; command: string }>;

/** Reads /proc: user + system ticks of every process. Empty where there is no /proc. */
export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return snapshot;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() || stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      snapshot.set(Number(entry), { ticks, command });
    } catch {
      // The process ended meanwhile.
    }
  }
  return snapshot;
}

export interface BusyProcess {
  pid: number;
  command: string;
  /** Share of one core over the interval, in percent. */
  cpuPercent: number;
}

/** The processes that used the most CPU between two snapshots `seconds` apart (100 ticks a second, as on Linux). */
export function busiest(before: CpuSnapshot, after: CpuSnapshot, seconds: number, limit = 8): BusyProcess[] {
  const busy: BusyProcess[] = [];
  for (const [pid, now] of after) {
    const then = before.get(pid);
    const ticks = now.ticks - (then?.ticks ?? 0);
    if (ticks <= 0) continue;
    busy.push({ pid, command: now.command.slice(0, 120), cpuPercent: ticks / seconds });
  }
  return busy.sort((a, b) => b.cpuPercent - a.cpuPercent).slice(0, limit);
}
