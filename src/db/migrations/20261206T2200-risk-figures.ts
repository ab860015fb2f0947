/**
 * Exposure totals for the portfolio risk dashboard (docs/risk.md, "Dashboard design"):
 * - risk figures kept with the risk: heat-map cell, score, rating and EMV on the inherent and the residual basis
 *   (residual falls back to inherent), computed by the domain (riskFigures) in the same transaction as every
 *   risk write and recomputed for all risks when the matrix changes; existing risks are backfilled here with the
 *   stored matrix (the default 5 x 5 when none is saved);
 * - carried flags: whether an open higher-level risk the risk is escalated to carries its exposure in the
 *   organisation view, in its portfolio's view and in its program's view (carriedFlags);
 * - risk_scope_totals (per portfolio, program, level, category, basis) and risk_project_totals (per project and
 *   basis): counts, EMVs and per-cell counts, changed by deltas in the transaction of every risk write;
 * - risk_totals_state: no row (or valid = false) until the totals were built (the first dashboard view builds
 *   them, also after this migration) and whenever a full rebuild is due. The migration writes no rows, so a
 *   migrated database stays empty for a restore.
 */
import { sql, type Kysely } from 'kysely';
import { defaultRiskMatrix, riskFigures, type RiskAssessment, type RiskMatrix } from '../../domain/risk/index.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table risks
      add column inh_probability_level smallint,
      add column inh_impact_level smallint,
      add column inh_score smallint,
      add column inh_rating text,
      add column inh_emv_cents bigint,
      add column res_probability_level smallint,
      add column res_impact_level smallint,
      add column res_score smallint,
      add column res_rating text,
      add column res_emv_cents bigint,
      add column carried_all boolean not null default false,
      add column carried_portfolio boolean not null default false,
      add column carried_program boolean not null default false;

    create table risk_totals_state (
      id smallint primary key check (id = 1),
      valid boolean not null,
      rebuilt_at timestamptz
    );

    create table risk_scope_totals (
      portfolio_id uuid references portfolios(id) on delete cascade,
      program_id uuid references programs(id) on delete cascade,
      level text not null check (level in ('project','program','portfolio','enterprise')),
      category text not null,
      basis text not null check (basis in ('inherent','residual')),
      all_count integer not null,
      open_count integer not null,
      n_all integer not null, threats_all integer not null, threat_emv_all bigint not null, opp_emv_all bigint not null, cells_all integer[] not null,
      n_pf integer not null, threats_pf integer not null, threat_emv_pf bigint not null, opp_emv_pf bigint not null, cells_pf integer[] not null,
      n_pg integer not null, threats_pg integer not null, threat_emv_pg bigint not null, opp_emv_pg bigint not null, cells_pg integer[] not null
    );
    create unique index risk_scope_totals_key on risk_scope_totals
      (coalesce(portfolio_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(program_id, '00000000-0000-0000-0000-000000000000'::uuid), level, category, basis);

    create table risk_project_totals (
      project_id uuid not null references projects(id) on delete cascade,
      basis text not null check (basis in ('inherent','residual')),
      portfolio_id uuid not null,
      program_id uuid,
      all_count integer not null,
      open_count integer not null,
      n_all integer not null, threats_all integer not null, threat_emv_all bigint not null, opp_emv_all bigint not null, cells_all integer[] not null,
      n_pf integer not null, threats_pf integer not null, threat_emv_pf bigint not null, opp_emv_pf bigint not null, cells_pf integer[] not null,
      n_pg integer not null, threats_pg integer not null, threat_emv_pg bigint not null, opp_emv_pg bigint not null, cells_pg integer[] not null,
      primary key (project_id, basis)
    );

    -- Top risks of a view: walked in score order, stopping at the first N that count.
    create index risks_top_res_idx on risks (res_score desc, res_emv_cents desc, id) where status <> 'closed';
    create index risks_top_inh_idx on risks (inh_score desc, inh_emv_cents desc, id) where status <> 'closed';
    -- Normally empty: a carried risk whose link was removed outside the risk service (see totalsStale).
    create index risks_carried_unlinked_idx on risks (id) where carried_all and escalated_to_risk_id is null;
  `.execute(db);
  const settings = await sql<{ matrix: RiskMatrix }>`select matrix from risk_settings where id = 1`.execute(db);
  const matrix = settings.rows[0]?.matrix ?? defaultRiskMatrix();
  const rows = await sql<{ id: string; kind: 'threat' | 'opportunity'; inherent: RiskAssessment; residual: RiskAssessment | null; cost_impact_cents: string | number | null }>`
    select id, kind, inherent, residual, cost_impact_cents from risks`.execute(db);
  for (let i = 0; i < rows.rows.length; i += 1000) {
    const chunk = rows.rows.slice(i, i + 1000).map((r) => {
      const f = riskFigures(matrix, { id: r.id, level: 'project', kind: r.kind, title: '', category: '', status: 'open', inherent: r.inherent, residual: r.residual, costImpactCents: r.cost_impact_cents === null ? null : Number(r.cost_impact_cents) });
      return sql`(${r.id}::uuid, ${f.inherent.probabilityLevel}::smallint, ${f.inherent.impactLevel}::smallint, ${f.inherent.score}::smallint, ${f.inherent.rating}, ${f.inherent.emvCents}::bigint,
        ${f.residual.probabilityLevel}::smallint, ${f.residual.impactLevel}::smallint, ${f.residual.score}::smallint, ${f.residual.rating}, ${f.residual.emvCents}::bigint)`;
    });
    await sql`
      update risks r set inh_probability_level = v.ip, inh_impact_level = v.ii, inh_score = v.isc, inh_rating = v.ir, inh_emv_cents = v.ie,
        res_probability_level = v.rp, res_impact_level = v.ri, res_score = v.rsc, res_rating = v.rr, res_emv_cents = v.re
      from (values ${sql.join(chunk)}) as v(id, ip, ii, isc, ir, ie, rp, ri, rsc, rr, re)
      where r.id = v.id`.execute(db);
  }
  await sql`
    alter table risks
      alter column inh_probability_level set not null, alter column inh_impact_level set not null, alter column inh_score set not null,
      alter column inh_rating set not null, alter column inh_emv_cents set not null,
      alter column res_probability_level set not null, alter column res_impact_level set not null, alter column res_score set not null,
      alter column res_rating set not null, alter column res_emv_cents set not null
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
