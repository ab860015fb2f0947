import { createSeededRng } from '../rng.js';
import type { SelectionCandidate, SelectionProblem } from './selection-model.js';

/** Parameters of the deterministic synthetic portfolio generator. */
export interface SyntheticPortfolioOptions {
  candidates: number;
  periods: number;
  roles: number;
  seed?: number;
  /** Share of candidates with a start window of up to `maxShift` periods (default 0.3). */
  shiftShare?: number;
  maxShift?: number;
  /** Share of candidates that need an earlier candidate (default 0.05). */
  dependencyShare?: number;
  /** Mutually exclusive pairs per candidate (default 0.02). */
  exclusionShare?: number;
  /** Number of mandatory candidates (default 0.2 % of candidates, small ones). */
  mandatoryCount?: number;
  /** Budgets as a share of the average demand of all candidates (default 0.35). */
  tightness?: number;
  /** Role capacity as a share of demand, drawn per role uniformly from this range (default [0.35, 0.35]). */
  roleTightness?: [number, number];
  objective?: SelectionProblem['objective'];
}

/**
 * Generates a realistic, reproducible selection problem: projects of 3-18 periods, capex up front
 * and opex throughout, 1-4 roles each, scores 0-100, NPVs correlated with cost, start windows,
 * dependencies on earlier projects (acyclic), exclusions, a few small mandatory projects, and
 * budgets/capacities set to `tightness` x the average demand per period.
 */
export function generateSyntheticPortfolio(o: SyntheticPortfolioOptions): SelectionProblem {
  const rng = createSeededRng(o.seed ?? 42);
  const T = o.periods;
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
  const roleIds = Array.from({ length: o.roles }, (_, r) => `role-${String(r + 1).padStart(2, '0')}`);
  const maxShift = o.maxShift ?? 3;
  const candidates: SelectionCandidate[] = [];
  for (let i = 0; i < o.candidates; i++) {
    const duration = int(3, Math.min(18, T));
    const size = Math.exp(Math.log(50_000) + rng() * Math.log(100)); // 50k .. 5M currency units
    const capexShare = rng() * 0.7;
    const capexMonths = Math.max(1, Math.round(duration / 3));
    const capexCents = Array.from({ length: duration }, (_, k) => (k < capexMonths ? Math.round((size * capexShare * 100) / capexMonths) : 0));
    const opexCents = Array.from({ length: duration }, () => Math.round((size * (1 - capexShare) * 100 * (0.6 + 0.8 * rng())) / duration));
    const demand: Record<string, number[]> = {};
    const nRoles = int(1, 4);
    for (let r = 0; r < nRoles; r++) {
      const role = roleIds[int(0, o.roles - 1)]!;
      const level = 20 + rng() * 380 * Math.sqrt(size / 500_000);
      demand[role] = Array.from({ length: duration }, (_, k) => Math.round(level * (k === 0 || k === duration - 1 ? 0.5 : 1)));
    }
    const earliestStart = int(0, Math.max(0, T - 3));
    const shift = rng() < (o.shiftShare ?? 0.3) ? int(1, maxShift) : 0;
    const score = Math.round(100 * Math.pow(rng(), 0.8));
    const npvCents = Math.round(size * 100 * (-0.2 + 1.7 * rng() * (0.5 + score / 200)));
    candidates.push({ id: `P${String(i + 1).padStart(5, '0')}`, score, npvCents, capexCents, opexCents, demand, earliestStart, latestStart: Math.min(T - 1, earliestStart + shift) });
  }
  for (let i = 1; i < o.candidates; i++) {
    if (rng() < (o.dependencyShare ?? 0.05)) candidates[i]!.dependsOn = [candidates[int(0, i - 1)]!.id];
  }
  const pairs = Math.round(o.candidates * (o.exclusionShare ?? 0.02));
  for (let k = 0; k < pairs; k++) {
    const a = int(0, o.candidates - 1);
    const b = int(0, o.candidates - 1);
    if (a === b) continue;
    const ca = candidates[a]!;
    const bid = candidates[b]!.id;
    if ((ca.dependsOn ?? []).includes(bid) || (candidates[b]!.dependsOn ?? []).includes(ca.id)) continue;
    ca.excludes = [...new Set([...(ca.excludes ?? []), bid])];
  }
  // A few small mandatory projects with no relations (compliance work).
  const mandatory = o.mandatoryCount ?? Math.floor(o.candidates * 0.002);
  const bySize = candidates.map((c, i) => ({ i, cost: c.capexCents.reduce((s, v) => s + v, 0) + c.opexCents.reduce((s, v) => s + v, 0) })).sort((x, y) => x.cost - y.cost);
  for (let k = 0; k < mandatory && k < bySize.length; k++) {
    const c = candidates[bySize[k]!.i]!;
    if (!c.dependsOn && !c.excludes) c.mandatory = true;
  }
  const tight = o.tightness ?? 0.35;
  const capexAvg = new Array<number>(T).fill(0);
  const opexAvg = new Array<number>(T).fill(0);
  const roleAvg = new Map(roleIds.map((r) => [r, new Array<number>(T).fill(0)]));
  for (const c of candidates) {
    const s = c.earliestStart!;
    c.capexCents.forEach((v, k) => s + k < T && (capexAvg[s + k]! += v));
    c.opexCents.forEach((v, k) => s + k < T && (opexAvg[s + k]! += v));
    for (const [role, arr] of Object.entries(c.demand)) arr.forEach((v, k) => s + k < T && (roleAvg.get(role)![s + k]! += v));
  }
  const smooth = (arr: number[]): number[] => {
    const mean = arr.reduce((a, b) => a + b, 0) / arr.length;
    return arr.map((v) => Math.round(tight * (0.5 * v + 0.5 * mean)));
  };
  const capacity: Record<string, number[]> = {};
  const [rLo, rHi] = o.roleTightness ?? [tight, tight];
  for (const [role, arr] of roleAvg) {
    const f = rLo + (rHi - rLo) * rng();
    capacity[role] = smooth(arr).map((v) => Math.round((v * f) / tight));
  }
  const year = 2027;
  return {
    periodLabels: Array.from({ length: T }, (_, t) => `${year + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`),
    budget: { capexCents: smooth(capexAvg), opexCents: smooth(opexAvg) },
    capacity,
    objective: o.objective ?? { kind: 'blend', scoreWeight: 0.5 },
    candidates,
  };
}
