import { PortfolioError } from '../portfolio-errors.js';

/** A strategic objective; `weight` is its contribution to its parent's progress (siblings are normalised). */
export interface Objective {
  id: string;
  parentId: string | null;
  name: string;
  weight: number;
}

/** A measurable key result of an objective; progress = (actual - start) / (target - start), clamped 0..1. */
export interface KeyResult {
  id: string;
  objectiveId: string;
  name: string;
  unit: string;
  start: number;
  target: number;
  actual: number;
  /** Due date as a day number (days since 1970-01-01), informative. */
  dueDay?: number;
  weight: number;
}

/** A project's contribution to an objective (weights are relative among the project's links). */
export interface ObjectiveLink {
  projectId: string;
  objectiveId: string;
  contributionWeight: number;
}

/** Rolled-up progress per objective (0..1) and each objective's global weight (product down the tree). */
export interface ObjectiveProgress {
  objectiveId: string;
  progress: number;
  globalWeight: number;
  keyResultProgress: { keyResultId: string; progress: number }[];
}

/** Progress of one key result, 0..1 (works for decreasing targets such as "cut cost to X"). */
export function computeKeyResultProgress(kr: KeyResult): number {
  if (![kr.start, kr.target, kr.actual].every(Number.isFinite)) throw new PortfolioError('INVALID_OBJECTIVE_TREE', `key result "${kr.name}" needs finite start, target and actual`);
  if (kr.target === kr.start) return kr.actual >= kr.target ? 1 : 0;
  return Math.min(1, Math.max(0, (kr.actual - kr.start) / (kr.target - kr.start)));
}

/** Throws PortfolioError for unknown parents, cycles, negative weights or key results of unknown objectives. */
export function validateObjectiveTree(objectives: Objective[], keyResults: KeyResult[]): void {
  const byId = new Map<string, Objective>();
  for (const o of objectives) {
    if (byId.has(o.id)) throw new PortfolioError('INVALID_OBJECTIVE_TREE', `objective id "${o.id}" is used twice`);
    if (!(o.weight >= 0)) throw new PortfolioError('INVALID_OBJECTIVE_TREE', `objective "${o.name}": weight must be >= 0`);
    byId.set(o.id, o);
  }
  for (const o of objectives) {
    if (o.parentId !== null && !byId.has(o.parentId)) throw new PortfolioError('UNKNOWN_REFERENCE', `objective "${o.name}" has unknown parent "${o.parentId}"`);
    const seen = new Set<string>([o.id]);
    let p = o.parentId;
    while (p !== null) {
      if (seen.has(p)) throw new PortfolioError('INVALID_OBJECTIVE_TREE', `objectives form a cycle through "${o.name}"`);
      seen.add(p);
      p = byId.get(p)!.parentId;
    }
  }
  for (const k of keyResults) {
    if (!byId.has(k.objectiveId)) throw new PortfolioError('UNKNOWN_REFERENCE', `key result "${k.name}" refers to unknown objective "${k.objectiveId}"`);
    if (!(k.weight >= 0)) throw new PortfolioError('INVALID_OBJECTIVE_TREE', `key result "${k.name}": weight must be >= 0`);
  }
}

/**
 * Rolls progress up the objective tree: an objective's progress is the weighted mean of its key
 * results and child objectives (one pool of weights); leaves without key results count 0.
 */
export function rollUpObjectiveProgress(objectives: Objective[], keyResults: KeyResult[]): ObjectiveProgress[] {
  validateObjectiveTree(objectives, keyResults);
  const children = new Map<string | null, Objective[]>();
  for (const o of objectives) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  const krs = new Map<string, KeyResult[]>();
  for (const k of keyResults) krs.set(k.objectiveId, [...(krs.get(k.objectiveId) ?? []), k]);
  const out = new Map<string, ObjectiveProgress>();
  const visit = (o: Objective, globalWeight: number): number => {
    const kids = children.get(o.id) ?? [];
    const kidWeight = kids.reduce((s, c) => s + c.weight, 0);
    const own = krs.get(o.id) ?? [];
    let weighted = 0;
    let total = 0;
    const krProgress = own.map((k) => ({ keyResultId: k.id, progress: computeKeyResultProgress(k) }));
    own.forEach((k, i) => {
      weighted += k.weight * krProgress[i]!.progress;
      total += k.weight;
    });
    for (const c of kids) {
      const share = kidWeight > 0 ? c.weight / kidWeight : 0;
      weighted += c.weight * visit(c, globalWeight * share);
      total += c.weight;
    }
    const progress = total > 0 ? weighted / total : 0;
    out.set(o.id, { objectiveId: o.id, progress, globalWeight, keyResultProgress: krProgress });
    return progress;
  };
  const roots = children.get(null) ?? [];
  const rootWeight = roots.reduce((s, r) => s + r.weight, 0);
  for (const r of roots) visit(r, rootWeight > 0 ? r.weight / rootWeight : 0);
  return objectives.map((o) => out.get(o.id)!);
}

/** Strategic alignment of each project: sum over its links of (normalised contribution x objective global weight), 0..1. */
export function computeStrategicAlignment(objectives: Objective[], links: ObjectiveLink[]): Map<string, number> {
  const progress = rollUpObjectiveProgress(objectives, []);
  const gw = new Map(progress.map((p) => [p.objectiveId, p.globalWeight]));
  const perProject = new Map<string, ObjectiveLink[]>();
  for (const l of links) {
    if (!gw.has(l.objectiveId)) throw new PortfolioError('UNKNOWN_REFERENCE', `project "${l.projectId}" links to unknown objective "${l.objectiveId}"`);
    if (!(l.contributionWeight >= 0)) throw new PortfolioError('INVALID_WEIGHTS', `project "${l.projectId}": contribution weight must be >= 0`);
    perProject.set(l.projectId, [...(perProject.get(l.projectId) ?? []), l]);
  }
  const out = new Map<string, number>();
  for (const [pid, ls] of perProject) {
    const sum = ls.reduce((s, l) => s + l.contributionWeight, 0);
    out.set(pid, sum > 0 ? ls.reduce((s, l) => s + (l.contributionWeight / sum) * gw.get(l.objectiveId)!, 0) : 0);
  }
  return out;
}
