/** Shared helpers for benchmarks: argument parsing, tables, timing. */

export interface BenchTable {
  title: string;
  rows: Record<string, string | number>[];
}

export interface BenchResult {
  tables: BenchTable[];
  /** The figures the issue names, written at the top level of the --json file. */
  figures: Record<string, unknown>;
  /** Raw per-instance results an issue asks for, written under `raw`. */
  raw?: unknown;
}

/** Parsed `--key value` / `--flag` options. */
export class BenchArgs {
  constructor(private readonly map: Map<string, string | true>) {}
  get(key: string): string | undefined {
    const v = this.map.get(key);
    return typeof v === 'string' ? v : undefined;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  number(key: string, fallback: number): number {
    const v = this.get(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${key} must be a number, got "${v}"`);
    return n;
  }
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const map = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    if (eq > 0) {
      map.set(a.slice(2, eq), a.slice(eq + 1));
    } else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) {
      map.set(a.slice(2), argv[++i]!);
    } else {
      map.set(a.slice(2), true);
    }
  }
  return new BenchArgs(map);
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log('(no rows)');
    return;
  }
  const cols = Object.keys(rows[0]!);
  const fmt = (v: string | number | undefined): string =>
    typeof v === 'number' ? (Number.isNaN(v) ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? '');
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => fmt(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(line(cols));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(cols.map((c) => fmt(r[c]))));
}

/** Runs fn `repeat` times after `warmup` runs; returns the median wall time in ms. */
export async function timeMedian(fn: () => unknown | Promise<unknown>, repeat = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Location of the shared reference data (../shared/data beside the checkout). */
export function sharedDataDir(): string {
  return new URL('../../shared/data/', import.meta.url).pathname;
}
