/**
 * Exposure trend: one row per day, scope (the whole organisation, a portfolio or a program) and basis with the
 * dashboard's headline figures for that view (counts, threat and opportunity EMV, net exposure, rating
 * distribution). Written by POST /risk-exposure/snapshots (a nightly cron) and on the first trend view of a day;
 * rewriting a day replaces its rows. scope_key is '' for the organisation, else the portfolio or program id
 * (no foreign key: the history of a deleted portfolio stays readable).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table risk_exposure_snapshots (
      as_of date not null,
      scope text not null check (scope in ('all', 'portfolio', 'program')),
      scope_key text not null,
      basis text not null check (basis in ('inherent', 'residual')),
      all_count integer not null,
      open_count integer not null,
      risk_count integer not null,
      threat_count integer not null,
      opportunity_count integer not null,
      threat_emv_cents bigint not null,
      opportunity_emv_cents bigint not null,
      net_exposure_cents bigint not null,
      rating_counts jsonb not null,
      ratings jsonb not null,
      max_score integer not null,
      total_score bigint not null,
      taken_at timestamptz not null default now(),
      primary key (as_of, scope, scope_key, basis),
      check ((scope = 'all') = (scope_key = ''))
    );
    create index risk_exposure_snapshots_scope_idx on risk_exposure_snapshots (scope, scope_key, basis, as_of);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
