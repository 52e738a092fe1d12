import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { DataSource } from 'typeorm';

const RESULTS_FILE = new URL('../../../bench/RESULTS.md', import.meta.url);

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/** The machine a result was measured on, so that figures from different machines are not compared blindly. */
export async function describeMachine(db: DataSource): Promise<string> {
  const [{ server_version: postgres }] = await db.query('SHOW server_version');
  const cpu = cpus();
  return [
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB;`,
    `Node ${process.version}, PostgreSQL ${postgres} on loopback (same machine, sharing the cores with the client).`,
  ].join(' ');
}

/** Replaces one benchmark's section of bench/RESULTS.md, keeping the others. */
export function writeResultsSection(name: string, body: string): void {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const current = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '# Benchmark results\n\nWritten by the benchmarks in `bench/`; each section is replaced when its benchmark runs again.\n';
  const section = `${begin}\n${body}\n${end}`;
  const pattern = new RegExp(`${begin}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(RESULTS_FILE, next);
  console.log(`Wrote the ${name} section of bench/RESULTS.md`);
}
