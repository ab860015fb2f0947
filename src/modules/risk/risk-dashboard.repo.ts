/**
 * SQL of the portfolio risk dashboard and the exposure snapshots. Every figure is a sum over the exposure totals
 * (risk_scope_totals: per portfolio, program, level, category; risk_project_totals: per project), kept up to
 * date by risk-totals.service.ts, so a view of tens of thousands of risks reads a few hundred rows. Each total
 * has a counted variant per kind of view (all, pf = the risk's own portfolio, pg = its own program), which is
 * how an escalated risk and the open higher-level risk of the same view that carries it count once
 * (selectCountedRisks in src/domain/risk/risk-carried.ts). The top risks walk an index in score order.
 */
import { sql, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import type { DB, RiskExposureSnapshotsTable } from '../../db/schema.js';

export type Basis = 'inherent' | 'residual';
export type GroupKey = 'project' | 'program' | 'portfolio' | 'category' | 'level';

/** One exposure group as the database returns it. */
export interface GroupRow {
  key: string | null;
  name: string | null;
  n: number;
  t: number;
  te: number;
  oe: number;
  /** Counted risks per matrix cell, row-major. */
  cells: number[];
  group_count: number;
}

/** One top risk with what the dashboard shows of it. */
export interface TopRow {
  id: string;
  title: string;
  level: 'project' | 'program' | 'portfolio' | 'enterprise';
  category: string;
  project_id: string | null;
  project_name: string | null;
  score: number;
  rating: string;
  emv: number;
  linked: number;
}

export interface DashboardRows {
  riskCount: number;
  openCount: number;
  countedCount: number;
  threatEmvCents: number;
  opportunityEmvCents: number;
  /** Counted risks per matrix cell, row-major. */
  cells: number[];
  groups: GroupRow[];
  top: TopRow[];
}

/** The view: its filter on scope columns and the counted variant it reads. */
interface View {
  portfolioId?: string;
  programId?: string;
}
const variantOf = (f: View): 'all' | 'pf' | 'pg' => (f.programId ? 'pg' : f.portfolioId ? 'pf' : 'all');
const scopeFilter = (f: View, alias: string): RawBuilder<unknown> => {
  const parts: RawBuilder<unknown>[] = [];
  if (f.portfolioId) parts.push(sql`${sql.ref(`${alias}.portfolio_id`)} = ${f.portfolioId}::uuid`);
  if (f.programId) parts.push(sql`${sql.ref(`${alias}.program_id`)} = ${f.programId}::uuid`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
};

/**
 * The whole dashboard in one statement: counts, heat-map cell counts (row-major), the first `groupLimit`
 * exposure groups (largest net exposure first, then key in code-unit order, no key last) with their names and
 * cell counts, and the top `top` counted risks by score, then EMV, then id. Needs valid totals (ensureRiskTotals).
 */
export async function dashboardRows(db: Kysely<DB>, f: View & { basis: Basis; groupBy: GroupKey; top: number; groupLimit: number }): Promise<DashboardRows> {
  const v = variantOf(f);
  const col = (c: string) => sql.raw(`${c}_${v}`);
  const counted = sql`${col('n')} as n, ${col('threats')} as t, ${col('threat_emv')} as te, ${col('opp_emv')} as oe, ${col('cells')} as cells`;
  const rows =
    f.groupBy === 'project'
      ? sql`select project_id::text as key, ${counted} from risk_project_totals pt where pt.basis = ${f.basis} and ${scopeFilter(f, 'pt')}
            union all select null, ${counted} from s where level <> 'project'`
      : sql`select ${{ program: sql`program_id::text`, portfolio: sql`portfolio_id::text`, category: sql`category`, level: sql`level` }[f.groupBy]} as key, ${counted} from s`;
  const name =
    f.groupBy === 'project' ? sql`(select name from projects where id = tg.key::uuid)`
    : f.groupBy === 'program' ? sql`(select name from programs where id = tg.key::uuid)`
    : f.groupBy === 'portfolio' ? sql`(select name from portfolios where id = tg.key::uuid)`
    : sql`tg.key`;
  const b = sql.raw(f.basis === 'inherent' ? 'inh' : 'res');
  const res = await sql<{ risk_count: number; open_count: number; counted_count: number; threat_emv: number; opp_emv: number; cells: string; groups: string; top: string }>`
    with s as (select * from risk_scope_totals st where st.basis = ${f.basis} and ${scopeFilter(f, 'st')}),
    r as (${rows}),
    g as (select key, sum(n)::int as n, sum(t)::int as t, sum(te)::bigint as te, sum(oe)::bigint as oe from r group by key having sum(n) > 0),
    tg as (
      select g.*, count(*) over ()::int as group_count from g
      order by g.te - g.oe desc, g.key collate "C" nulls last
      limit ${f.groupLimit}
    ),
    gc as (
      select r.key, u.i, sum(u.c)::int as c
      from r join tg on coalesce(tg.key, '') = coalesce(r.key, ''), unnest(r.cells) with ordinality as u(c, i)
      group by r.key, u.i
    )
    select
      (select coalesce(sum(all_count), 0) from s)::int as risk_count,
      (select coalesce(sum(open_count), 0) from s)::int as open_count,
      (select coalesce(sum(${col('n')}), 0) from s)::int as counted_count,
      (select coalesce(sum(${col('threat_emv')}), 0) from s)::bigint as threat_emv,
      (select coalesce(sum(${col('opp_emv')}), 0) from s)::bigint as opp_emv,
      (select coalesce(json_agg(c order by i), '[]') from (select u.i, sum(u.c)::int as c from s, unnest(s.${col('cells')}) with ordinality as u(c, i) group by u.i) h)::text as cells,
      (select coalesce(json_agg(x order by x.te - x.oe desc, x.key collate "C" nulls last), '[]') from (
        select tg.*, ${name} as name,
          (select coalesce(json_agg(gc.c order by gc.i), '[]') from gc where coalesce(gc.key, '') = coalesce(tg.key, '')) as cells
        from tg
      ) x)::text as groups,
      (select coalesce(json_agg(t), '[]') from (
        select r.id, r.title, r.level, r.category, r.project_id, p.name as project_name,
          r.${b}_score as score, r.${b}_rating as rating, r.${b}_emv_cents as emv,
          (select count(*) from risks x where x.escalated_to_risk_id = r.id)::int as linked
        from risks r
        left join projects p on p.id = r.project_id
        left join programs pg on pg.id = coalesce(p.program_id, r.program_id)
        where r.status <> 'closed' and not r.${sql.raw(f.programId ? 'carried_program' : f.portfolioId ? 'carried_portfolio' : 'carried_all')}
          ${f.portfolioId ? sql`and coalesce(p.portfolio_id, pg.portfolio_id, r.portfolio_id) = ${f.portfolioId}::uuid` : sql``}
          ${f.programId ? sql`and coalesce(p.program_id, r.program_id) = ${f.programId}::uuid` : sql``}
        order by r.${b}_score desc, r.${b}_emv_cents desc, r.id
        limit ${f.top}
      ) t)::text as top
  `.execute(db);
  const row = res.rows[0]!;
  return {
    riskCount: row.risk_count,
    openCount: row.open_count,
    countedCount: row.counted_count,
    threatEmvCents: Number(row.threat_emv),
    opportunityEmvCents: Number(row.opp_emv),
    cells: JSON.parse(row.cells) as number[],
    groups: JSON.parse(row.groups) as GroupRow[],
    top: JSON.parse(row.top) as TopRow[],
  };
}

/** Every scope total (snapshots sum them per organisation, portfolio and program). */
export function listScopeTotals(db: Kysely<DB>) {
  return db.selectFrom('risk_scope_totals').selectAll().execute();
}

/** A snapshot row to write. */
export type SnapshotInsert = Omit<Insertable<RiskExposureSnapshotsTable>, 'taken_at'>;

/** Writes snapshot rows, replacing those of the same day, view and basis. */
export async function upsertSnapshots(db: Kysely<DB>, rows: SnapshotInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('risk_exposure_snapshots')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['as_of', 'scope', 'scope_key', 'basis']).doUpdateSet((eb) => ({
          all_count: eb.ref('excluded.all_count'),
          open_count: eb.ref('excluded.open_count'),
          risk_count: eb.ref('excluded.risk_count'),
          threat_count: eb.ref('excluded.threat_count'),
          opportunity_count: eb.ref('excluded.opportunity_count'),
          threat_emv_cents: eb.ref('excluded.threat_emv_cents'),
          opportunity_emv_cents: eb.ref('excluded.opportunity_emv_cents'),
          net_exposure_cents: eb.ref('excluded.net_exposure_cents'),
          rating_counts: eb.ref('excluded.rating_counts'),
          ratings: eb.ref('excluded.ratings'),
          max_score: eb.ref('excluded.max_score'),
          total_score: eb.ref('excluded.total_score'),
          taken_at: new Date(),
        })),
      )
      .execute();
  }
}

/** True when the organisation snapshot of `asOf` exists (both bases are written together). */
export async function hasSnapshot(db: Kysely<DB>, asOf: string): Promise<boolean> {
  const row = await db.selectFrom('risk_exposure_snapshots').select('as_of').where('as_of', '=', asOf).where('scope', '=', 'all').where('scope_key', '=', '').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Stored snapshots of one view and basis between two days, oldest first. */
export function listSnapshots(db: Kysely<DB>, f: { scope: 'all' | 'portfolio' | 'program'; key: string; basis: Basis; from: string; to: string }) {
  return db
    .selectFrom('risk_exposure_snapshots')
    .selectAll()
    .where('scope', '=', f.scope)
    .where('scope_key', '=', f.key)
    .where('basis', '=', f.basis)
    .where('as_of', '>=', f.from)
    .where('as_of', '<=', f.to)
    .orderBy('as_of')
    .execute();
}
