import { PortfolioError } from '../portfolio-errors.js';
import type { SelectionProblem } from './selection-model.js';

/** A chosen candidate with its start period. */
export interface Pick {
  candidateId: string;
  startPeriod: number;
}

/** Totals of a selection: value, money per period (cents), load per role per period. */
export interface SelectionUsage {
  count: number;
  totalScore: number;
  totalNpvCents: number;
  capexCents: number[];
  opexCents: number[];
  /** Load per role per period and the load / capacity ratio (Infinity when capacity is 0 and load > 0). */
  roles: Record<string, { load: number[]; utilization: number[] }>;
}

/** Side-by-side comparison of two selections over the same candidates and periods. */
export interface ScenarioComparison {
  a: SelectionUsage;
  b: SelectionUsage;
  onlyInA: string[];
  onlyInB: string[];
  /** In both, with different start periods. */
  moved: { candidateId: string; startA: number; startB: number }[];
  inBoth: string[];
  /** b - a per period. */
  capexDeltaCents: number[];
  opexDeltaCents: number[];
}

/** Totals of a selection (picks referring to unknown candidates are an error). */
export function computeSelectionUsage(p: SelectionProblem, picks: Pick[]): SelectionUsage {
  const T = p.periodLabels.length;
  const byId = new Map(p.candidates.map((c) => [c.id, c]));
  const capex = new Array<number>(T).fill(0);
  const opex = new Array<number>(T).fill(0);
  const roles: SelectionUsage['roles'] = {};
  for (const role of Object.keys(p.capacity)) roles[role] = { load: new Array<number>(T).fill(0), utilization: new Array<number>(T).fill(0) };
  let totalScore = 0;
  let totalNpv = 0;
  const seen = new Set<string>();
  for (const pick of picks) {
    const c = byId.get(pick.candidateId);
    if (!c) throw new PortfolioError('UNKNOWN_REFERENCE', `selection refers to unknown candidate "${pick.candidateId}"`);
    if (seen.has(c.id)) throw new PortfolioError('INVALID_MODEL', `candidate "${c.id}" is picked twice`);
    seen.add(c.id);
    totalScore += c.score;
    totalNpv += c.npvCents;
    const s = pick.startPeriod;
    c.capexCents.forEach((v, k) => {
      if (s + k < T) capex[s + k]! += v;
    });
    c.opexCents.forEach((v, k) => {
      if (s + k < T) opex[s + k]! += v;
    });
    for (const [role, arr] of Object.entries(c.demand)) {
      const r = roles[role];
      if (!r) throw new PortfolioError('UNKNOWN_REFERENCE', `candidate "${c.id}" demands unknown role "${role}"`);
      arr.forEach((v, k) => {
        if (s + k < T) r.load[s + k]! += v;
      });
    }
  }
  for (const [role, r] of Object.entries(roles)) {
    r.utilization = r.load.map((l, t) => {
      const cap = p.capacity[role]![t]!;
      return cap > 0 ? l / cap : l > 0 ? Infinity : 0;
    });
  }
  return { count: picks.length, totalScore, totalNpvCents: totalNpv, capexCents: capex, opexCents: opex, roles };
}

/** Compares two selections: usage of each, what is in and out, what moved, money deltas per period. */
export function compareScenarios(p: SelectionProblem, a: Pick[], b: Pick[]): ScenarioComparison {
  const ua = computeSelectionUsage(p, a);
  const ub = computeSelectionUsage(p, b);
  const ma = new Map(a.map((x) => [x.candidateId, x.startPeriod]));
  const mb = new Map(b.map((x) => [x.candidateId, x.startPeriod]));
  const moved: ScenarioComparison['moved'] = [];
  const inBoth: string[] = [];
  for (const [id, s] of ma) {
    const sb = mb.get(id);
    if (sb === undefined) continue;
    inBoth.push(id);
    if (sb !== s) moved.push({ candidateId: id, startA: s, startB: sb });
  }
  return {
    a: ua,
    b: ub,
    onlyInA: [...ma.keys()].filter((id) => !mb.has(id)),
    onlyInB: [...mb.keys()].filter((id) => !ma.has(id)),
    moved,
    inBoth,
    capexDeltaCents: ub.capexCents.map((v, t) => v - ua.capexCents[t]!),
    opexDeltaCents: ub.opexCents.map((v, t) => v - ua.opexCents[t]!),
  };
}
