/**
 * Keeps the exposure totals of the portfolio risk dashboard up to date: every risk write runs through
 * `writeWithTotals`, which takes the affected risks' contributions out before the write and puts them back
 * after it (with fresh carried flags) as deltas in the same transaction. A full rebuild runs when the
 * consistency check finds a change made outside the risk service, and after a matrix change.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addContribution, carriedFlags, emptyTotals, isZeroTotals, VIEW_KINDS, type ExposureTotals, type RiskMatrix } from '../../domain/risk/index.js';
import * as repo from './risk-totals.repo.js';
import { loadRiskMatrix } from './risk.present.js';

const BASES = ['inherent', 'residual'] as const;

/** Sums contributions of rows (sign 1 or -1) into scope and project totals keyed by their JSON key. */
class TotalsDelta {
  readonly scope = new Map<string, [repo.ScopeKey, ExposureTotals]>();
  readonly project = new Map<string, [repo.ProjectKey, ExposureTotals]>();
  constructor(private readonly matrix: RiskMatrix) {}

  add(rows: repo.ContributionRow[], sign: 1 | -1): void {
    const I = this.matrix.impactLevels.length;
    const cellCount = this.matrix.probabilityLevels.length * I;
    for (const r of rows) {
      const carried = { all: r.carried_all, portfolio: r.carried_portfolio, program: r.carried_program };
      for (const basis of BASES) {
        const c = { status: r.status, kind: r.kind, level: r.level, carried, probabilityLevel: basis === 'inherent' ? r.inh_pl : r.res_pl, impactLevel: basis === 'inherent' ? r.inh_il : r.res_il, emvCents: Number(basis === 'inherent' ? r.inh_emv : r.res_emv) };
        const sk: repo.ScopeKey = { portfolio_id: r.portfolio_id, program_id: r.program_id, level: r.level, category: r.category, basis };
        addContribution(entry(this.scope, JSON.stringify(sk), sk, cellCount), c, I, sign);
        if (r.level === 'project' && r.project_id && r.portfolio_id) {
          const pk: repo.ProjectKey = { project_id: r.project_id, basis, portfolio_id: r.portfolio_id, program_id: r.program_id };
          addContribution(entry(this.project, `${r.project_id}/${basis}`, pk, cellCount), c, I, sign);
        }
      }
    }
  }

  async write(db: Kysely<DB>): Promise<void> {
    const keep = <K>(m: Map<string, [K, ExposureTotals]>) => [...m.values()].filter(([, t]) => !isZeroTotals(t)).map(([k, t]) => [k, toValues(t)] as [K, repo.TotalsValues]);
    await repo.addTotals(db, keep(this.scope), keep(this.project));
  }
}

function entry<K>(m: Map<string, [K, ExposureTotals]>, id: string, key: K, cellCount: number): ExposureTotals {
  let e = m.get(id);
  if (!e) m.set(id, (e = [key, emptyTotals(cellCount)]));
  return e[1];
}

function toValues(t: ExposureTotals): repo.TotalsValues {
  const pick = <T>(f: (v: ExposureTotals['counted']['all']) => T) => VIEW_KINDS.map((v) => f(t.counted[v])) as [T, T, T];
  return { all_count: t.allCount, open_count: t.openCount, n: pick((x) => x.count), threats: pick((x) => x.threatCount), threat_emv: pick((x) => x.threatEmvCents), opp_emv: pick((x) => x.opportunityEmvCents), cells: pick((x) => x.cells) };
}

/** Recomputes carried flags of the given risks (all that can be carried when null) and writes those that changed. */
async function refreshCarriedFlags(db: Kysely<DB>, ids: string[] | null, current: Map<string, repo.ContributionRow>): Promise<void> {
  const chains = await repo.chainRows(db, ids);
  const changed: Array<{ id: string; all: boolean; portfolio: boolean; program: boolean }> = [];
  for (const c of chains) {
    const f = carriedFlags({ status: c.status, programId: c.program_id, portfolioId: c.portfolio_id }, c.chain.map((l) => ({ status: l.status, programId: l.program_id, portfolioId: l.portfolio_id })));
    const was = current.get(c.id);
    if (!was || was.carried_all !== f.all || was.carried_portfolio !== f.portfolio || was.carried_program !== f.program) changed.push({ id: c.id, ...f });
  }
  await repo.updateCarriedFlags(db, changed);
}

/**
 * Runs a risk write inside `tx` and keeps the totals in step: `ids` are the risks it creates, changes or
 * deletes (with `withDescendants`, also the risks below them in escalation chains, whose carried flags depend
 * on them: status or link changes of a higher-level risk). Their rows are locked in id order first.
 */
export async function writeWithTotals<T>(tx: Kysely<DB>, ids: string[], write: () => Promise<T>, opts: { withDescendants?: boolean } = {}): Promise<T> {
  const affected = [...new Set([...ids, ...(opts.withDescendants ? await repo.descendantIds(tx, ids) : [])])].sort();
  const before = await repo.contributionRows(tx, affected, true);
  const result = await write();
  const stillThere = await repo.contributionRows(tx, affected);
  await refreshCarriedFlags(tx, stillThere.map((r) => r.id), new Map(stillThere.map((r) => [r.id, r])));
  const after = await repo.contributionRows(tx, affected);
  if (await repo.totalsStale(tx)) {
    // Something outside the risk service changed the structure: deltas would land on stale rows.
    await repo.setTotalsValid(tx, false);
    return result;
  }
  const { matrix } = await loadRiskMatrix(tx);
  const delta = new TotalsDelta(matrix);
  delta.add(before, -1);
  delta.add(after, 1);
  await delta.write(tx);
  return result;
}

/** Rebuilds carried flags and all totals from the risks, inside `tx` (e.g. the matrix update's transaction). */
export async function rebuildRiskTotalsIn(tx: Kysely<DB>, matrix?: RiskMatrix): Promise<void> {
  await repo.clearTotals(tx);
  const current = await repo.contributionRows(tx, null);
  await refreshCarriedFlags(tx, null, new Map(current.map((r) => [r.id, r])));
  const rows = await repo.contributionRows(tx, null);
  const delta = new TotalsDelta(matrix ?? (await loadRiskMatrix(tx)).matrix);
  delta.add(rows, 1);
  await delta.write(tx);
  await repo.setTotalsValid(tx, true);
}

/** Makes sure the totals can be trusted, rebuilding them when the consistency check says otherwise. */
export async function ensureRiskTotals(db: Kysely<DB>): Promise<void> {
  if (!(await repo.totalsStale(db))) return;
  await db.transaction().execute(async (tx) => {
    if (await repo.totalsStale(tx)) await rebuildRiskTotalsIn(tx);
  });
}
