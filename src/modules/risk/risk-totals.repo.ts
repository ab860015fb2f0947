/**
 * SQL of the exposure totals (see src/domain/risk/risk-totals.ts and docs/risk.md, "Dashboard design"): the
 * rows a risk contributes, escalation chains and descendants, carried flags, delta upserts, full rebuilds and
 * the consistency check that sends the totals to a rebuild after changes made outside the risk service
 * (projects or programs moving, registers deleted with their portfolio).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, RiskLevelColumn } from '../../db/schema.js';

/** A risk as totals read it: its effective scope, figures on both bases and carried flags. */
export interface ContributionRow {
  id: string;
  level: RiskLevelColumn;
  kind: 'threat' | 'opportunity';
  status: 'open' | 'monitoring' | 'occurred' | 'closed';
  category: string;
  project_id: string | null;
  program_id: string | null;
  portfolio_id: string | null;
  inh_pl: number;
  inh_il: number;
  inh_emv: number;
  res_pl: number;
  res_il: number;
  res_emv: number;
  carried_all: boolean;
  carried_portfolio: boolean;
  carried_program: boolean;
}

/** Effective program and portfolio of risk alias `r` (a project risk follows its project, a program risk its program). */
const effective = (r: string) => {
  const p = sql.raw(`${r}p`);
  const g = sql.raw(`${r}g`);
  const x = sql.raw(r);
  return {
    joins: sql`left join projects ${p} on ${p}.id = ${x}.project_id left join programs ${g} on ${g}.id = coalesce(${p}.program_id, ${x}.program_id)`,
    program: sql`coalesce(${p}.program_id, ${x}.program_id)`,
    portfolio: sql`coalesce(${p}.portfolio_id, ${g}.portfolio_id, ${x}.portfolio_id)`,
  };
};

/** Contribution rows of the given risks (all risks when `ids` is null); `lock` locks them in id order. */
export async function contributionRows(db: Kysely<DB>, ids: string[] | null, lock = false): Promise<ContributionRow[]> {
  if (ids !== null && ids.length === 0) return [];
  const e = effective('r');
  const res = await sql<ContributionRow>`
    select r.id, r.level, r.kind, r.status, r.category, r.project_id, ${e.program} as program_id, ${e.portfolio} as portfolio_id,
      r.inh_probability_level as inh_pl, r.inh_impact_level as inh_il, r.inh_emv_cents as inh_emv,
      r.res_probability_level as res_pl, r.res_impact_level as res_il, r.res_emv_cents as res_emv,
      r.carried_all, r.carried_portfolio, r.carried_program
    from risks r ${e.joins}
    ${ids === null ? sql`` : sql`where r.id in (${sql.join(ids)})`}
    order by r.id
    ${lock ? sql`for update of r` : sql``}`.execute(db);
  return res.rows;
}

/** One risk's chain upward: status and effective scope of the (at most three) risks above it, nearest first. */
export interface ChainRow {
  id: string;
  status: ContributionRow['status'];
  program_id: string | null;
  portfolio_id: string | null;
  chain: Array<{ status: ContributionRow['status']; program_id: string | null; portfolio_id: string | null }>;
}

/** The chains of the given risks (all when `ids` is null). */
export async function chainRows(db: Kysely<DB>, ids: string[] | null): Promise<ChainRow[]> {
  if (ids !== null && ids.length === 0) return [];
  const e = effective('r');
  const link = (n: number) => {
    const a = effective(`a${n}`);
    const x = sql.raw(`a${n}`);
    return { joins: a.joins, json: sql`case when ${x}.id is null then null else json_build_object('status', ${x}.status, 'program_id', ${a.program}, 'portfolio_id', ${a.portfolio}) end` };
  };
  const [l1, l2, l3] = [link(1), link(2), link(3)];
  const res = await sql<ChainRow>`
    select r.id, r.status, ${e.program} as program_id, ${e.portfolio} as portfolio_id,
      json_strip_nulls(json_build_array(${l1.json}, ${l2.json}, ${l3.json})) as chain
    from risks r ${e.joins}
    left join risks a1 on a1.id = r.escalated_to_risk_id ${l1.joins}
    left join risks a2 on a2.id = a1.escalated_to_risk_id ${l2.joins}
    left join risks a3 on a3.id = a2.escalated_to_risk_id ${l3.joins}
    ${ids === null ? sql`where r.escalated_to_risk_id is not null or r.carried_all` : sql`where r.id in (${sql.join(ids)})`}`.execute(db);
  return res.rows.map((r) => ({ ...r, chain: (r.chain as Array<ChainRow['chain'][number] | null>).filter((x): x is ChainRow['chain'][number] => x !== null) }));
}

/** Risks below the given ones in escalation chains (at most three links down). */
export async function descendantIds(db: Kysely<DB>, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const res = await sql<{ id: string }>`
    with recursive d(id, depth) as (
      select id, 1 from risks where escalated_to_risk_id in (${sql.join(ids)})
      union
      select r.id, d.depth + 1 from risks r join d on r.escalated_to_risk_id = d.id where d.depth < 3
    )
    select distinct id from d`.execute(db);
  return res.rows.map((r) => r.id);
}

/** Writes carried flags. */
export async function updateCarriedFlags(db: Kysely<DB>, rows: Array<{ id: string; all: boolean; portfolio: boolean; program: boolean }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map((r) => sql`(${r.id}::uuid, ${r.all}::boolean, ${r.portfolio}::boolean, ${r.program}::boolean)`);
    await sql`
      update risks r set carried_all = v.a, carried_portfolio = v.pf, carried_program = v.pg
      from (values ${sql.join(values)}) as v(id, a, pf, pg)
      where r.id = v.id`.execute(db);
  }
}

/** Counted columns of a total in the order of the value lists below. */
export interface TotalsValues {
  all_count: number;
  open_count: number;
  n: [number, number, number];
  threats: [number, number, number];
  threat_emv: [number, number, number];
  opp_emv: [number, number, number];
  cells: [number[], number[], number[]];
}

const COUNTED = ['all', 'pf', 'pg'] as const;
const countedColumns = sql.raw(COUNTED.map((v) => `n_${v}, threats_${v}, threat_emv_${v}, opp_emv_${v}, cells_${v}`).join(', '));
const countedValues = (t: TotalsValues): RawBuilder<unknown> =>
  sql.join(COUNTED.map((_, i) => sql`${t.n[i]}::int, ${t.threats[i]}::int, ${t.threat_emv[i]}::bigint, ${t.opp_emv[i]}::bigint, ${sql.val(t.cells[i])}::int[]`));
/** `col = old + delta` for every counted column; arrays are added element by element. */
const addColumns = (table: string) =>
  sql.raw(
    ['all_count', 'open_count', ...COUNTED.flatMap((v) => [`n_${v}`, `threats_${v}`, `threat_emv_${v}`, `opp_emv_${v}`])].map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ') +
      ', ' +
      COUNTED.map((v) => `cells_${v} = array(select coalesce(a, 0) + coalesce(b, 0) from unnest(${table}.cells_${v}, excluded.cells_${v}) as u(a, b))`).join(', '),
  );

/** A scope total's key. */
export interface ScopeKey {
  portfolio_id: string | null;
  program_id: string | null;
  level: RiskLevelColumn;
  category: string;
  basis: 'inherent' | 'residual';
}

/** A project total's key (with the project's scope when written). */
export interface ProjectKey {
  project_id: string;
  basis: 'inherent' | 'residual';
  portfolio_id: string;
  program_id: string | null;
}

/** Adds deltas to the totals (rows are created on first use). */
export async function addTotals(db: Kysely<DB>, scope: Array<[ScopeKey, TotalsValues]>, project: Array<[ProjectKey, TotalsValues]>): Promise<void> {
  for (let i = 0; i < scope.length; i += 500) {
    const values = scope.slice(i, i + 500).map(([k, t]) => sql`(${k.portfolio_id}::uuid, ${k.program_id}::uuid, ${k.level}, ${k.category}, ${k.basis}, ${t.all_count}::int, ${t.open_count}::int, ${countedValues(t)})`);
    await sql`
      insert into risk_scope_totals as t (portfolio_id, program_id, level, category, basis, all_count, open_count, ${countedColumns})
      values ${sql.join(values)}
      on conflict (coalesce(portfolio_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(program_id, '00000000-0000-0000-0000-000000000000'::uuid), level, category, basis)
      do update set ${addColumns('t')}`.execute(db);
  }
  for (let i = 0; i < project.length; i += 500) {
    const values = project.slice(i, i + 500).map(([k, t]) => sql`(${k.project_id}::uuid, ${k.basis}, ${k.portfolio_id}::uuid, ${k.program_id}::uuid, ${t.all_count}::int, ${t.open_count}::int, ${countedValues(t)})`);
    await sql`
      insert into risk_project_totals as t (project_id, basis, portfolio_id, program_id, all_count, open_count, ${countedColumns})
      values ${sql.join(values)}
      on conflict (project_id, basis)
      do update set ${addColumns('t')}, portfolio_id = excluded.portfolio_id, program_id = excluded.program_id`.execute(db);
  }
}

/** Empties the totals before a rebuild, holding them against concurrent deltas until the transaction ends. */
export async function clearTotals(db: Kysely<DB>): Promise<void> {
  await sql`lock table risk_scope_totals, risk_project_totals in exclusive mode`.execute(db);
  await sql`delete from risk_scope_totals`.execute(db);
  await sql`delete from risk_project_totals`.execute(db);
}

/** Marks the totals built (true) or due for a rebuild (false). */
export async function setTotalsValid(db: Kysely<DB>, valid: boolean): Promise<void> {
  await sql`
    insert into risk_totals_state (id, valid, rebuilt_at) values (1, ${valid}, ${valid ? sql`now()` : sql`null`})
    on conflict (id) do update set valid = excluded.valid, rebuilt_at = coalesce(excluded.rebuilt_at, risk_totals_state.rebuilt_at)`.execute(db);
}

/**
 * True when the totals cannot be trusted: never built or marked for a rebuild; a project with risks moved to
 * another portfolio or program, or was deleted (its totals went with it but its scope's did not); a program
 * moved to another portfolio; or a risk lost the link that carried it (its higher-level risk was deleted with
 * its program or portfolio). Reads only the small totals tables and one partial index.
 */
export async function totalsStale(db: Kysely<DB>): Promise<boolean> {
  const res = await sql<{ stale: boolean }>`
    select (
      not coalesce((select valid from risk_totals_state where id = 1), false)
      or exists (select 1 from risk_project_totals t join projects p on p.id = t.project_id where t.portfolio_id <> p.portfolio_id or t.program_id is distinct from p.program_id)
      or exists (select 1 from risk_scope_totals s join programs g on g.id = s.program_id where s.portfolio_id is distinct from g.portfolio_id)
      or (select coalesce(sum(all_count), 0) from risk_project_totals where basis = 'residual') <> (select coalesce(sum(all_count), 0) from risk_scope_totals where level = 'project' and basis = 'residual')
      or exists (select 1 from risks where carried_all and escalated_to_risk_id is null)
    ) as stale`.execute(db);
  return res.rows[0]!.stale;
}
