import { assertFiniteAmount, EvmInputError } from './evm-error.js';
import { computeEvmMetrics, type EvmBase, type EvmMetrics } from './evm-metrics.js';

/** Sums the base quantities (BAC, PV, EV, AC); indices must be recomputed from the sums, never averaged. */
export function sumEvmBase(items: readonly EvmBase[]): EvmBase {
  const out: EvmBase = { bac: 0, pv: 0, ev: 0, ac: 0 };
  for (const it of items) {
    assertFiniteAmount('bac', it.bac);
    assertFiniteAmount('pv', it.pv);
    assertFiniteAmount('ev', it.ev);
    assertFiniteAmount('ac', it.ac);
    out.bac += it.bac;
    out.pv += it.pv;
    out.ev += it.ev;
    out.ac += it.ac;
  }
  return out;
}

/** Rolls children up into one node: sums the base quantities and recomputes every index. */
export function rollupEvm(items: readonly EvmBase[]): EvmMetrics {
  return computeEvmMetrics(sumEvmBase(items));
}

/** A leaf (usually a task) with the keys of the levels it belongs to. */
export interface EvmLeaf extends EvmBase {
  projectId: string;
  programId?: string | null;
  portfolioId?: string | null;
}

/** Roll-up of leaves to each level; a project without program (or portfolio) is left out of that level. */
export interface EvmRollup {
  projects: Map<string, EvmMetrics>;
  programs: Map<string, EvmMetrics>;
  portfolios: Map<string, EvmMetrics>;
  total: EvmMetrics;
}

/** Rolls task-level quantities up to project, program and portfolio in one pass over the leaves. */
export function rollupEvmHierarchy(leaves: readonly EvmLeaf[]): EvmRollup {
  const projects = new Map<string, EvmBase>();
  const programs = new Map<string, EvmBase>();
  const portfolios = new Map<string, EvmBase>();
  const add = (map: Map<string, EvmBase>, key: string, leaf: EvmBase): void => {
    const cur = map.get(key) ?? { bac: 0, pv: 0, ev: 0, ac: 0 };
    cur.bac += leaf.bac;
    cur.pv += leaf.pv;
    cur.ev += leaf.ev;
    cur.ac += leaf.ac;
    map.set(key, cur);
  };
  // Tasks -> projects first; programs and portfolios are then summed from the (far fewer) projects.
  const projectParents = new Map<string, { programId: string | null; portfolioId: string | null }>();
  for (const leaf of leaves) {
    const { bac, pv, ev, ac } = leaf;
    if (!(bac >= 0 && bac < Infinity && pv >= 0 && pv < Infinity && ev >= 0 && ev < Infinity && ac >= 0 && ac < Infinity)) {
      sumEvmBase([leaf]); // throws the precise error
    }
    add(projects, leaf.projectId, leaf);
    const parents = projectParents.get(leaf.projectId);
    const programId = leaf.programId ?? null;
    const portfolioId = leaf.portfolioId ?? null;
    if (!parents) projectParents.set(leaf.projectId, { programId, portfolioId });
    else if (parents.programId !== programId || parents.portfolioId !== portfolioId) {
      throw new EvmInputError('EVM_INCONSISTENT_HIERARCHY', `project ${leaf.projectId} has tasks under different programs or portfolios`);
    }
  }
  for (const [projectId, sums] of projects) {
    const parents = projectParents.get(projectId)!;
    if (parents.programId) add(programs, parents.programId, sums);
    if (parents.portfolioId) add(portfolios, parents.portfolioId, sums);
  }
  const finish = (m: Map<string, EvmBase>): Map<string, EvmMetrics> =>
    new Map([...m].map(([k, v]) => [k, computeEvmMetrics(v)]));
  return {
    projects: finish(projects),
    programs: finish(programs),
    portfolios: finish(portfolios),
    total: rollupEvm([...projects.values()]),
  };
}
