/**
 * Finance, second part (issue 7):
 * - expense receipts: the file bytes live in the database (bytea) so every server of a PostgreSQL deployment
 *   serves them and logical backups carry them; type and size are checked here as well as in the service;
 * - billing milestones (fixed-price and milestone billing): amount, status planned -> achieved -> accepted;
 * - per-project forecast method, manual ETC, contract price and revenue recognition (forecasts and margins);
 * - budgets of programs and portfolios: a budget version belongs to exactly one project, program or portfolio;
 *   who submitted a version is kept, because nobody approves a budget they submitted themselves;
 * - the weighted-milestones and physical-percent-complete earned-value methods on task costs (the weights of the
 *   milestones are summed into two columns so the roll-up's SQL stays one arithmetic expression per task).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table expenses add column created_by uuid references users(id) on delete set null;

    create table expense_receipts (
      id uuid primary key,
      expense_id uuid not null references expenses(id) on delete cascade,
      file_name text not null check (length(file_name) between 1 and 200),
      content_type text not null check (content_type in ('application/pdf','image/png','image/jpeg','image/webp','image/gif','image/heic')),
      size_bytes integer not null check (size_bytes between 1 and 10485760),
      sha256 char(64) not null,
      content bytea not null,
      uploaded_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      check (octet_length(content) = size_bytes)
    );
    create index expense_receipts_expense_idx on expense_receipts (expense_id);

    create table billing_milestones (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete cascade,
      task_id uuid references tasks(id) on delete set null,
      name text not null check (length(name) between 1 and 200),
      amount_minor bigint not null check (amount_minor > 0),
      currency char(3) not null,
      due_date date,
      status text not null default 'planned' check (status in ('planned','achieved','accepted')),
      achieved_on date,
      decided_by uuid references users(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'planned') = (achieved_on is null))
    );
    create index billing_milestones_project_idx on billing_milestones (project_id, status);

    alter table project_finance
      add column forecast_method text not null default 'auto' check (forecast_method in ('auto','cpi','remaining-plan','manual')),
      add column manual_etc_minor bigint check (manual_etc_minor >= 0),
      add column contract_price_minor bigint check (contract_price_minor >= 0),
      add column revenue_recognition text not null default 'percent-complete' check (revenue_recognition in ('percent-complete','completed-contract'));
    alter table project_finance add constraint project_finance_manual_etc check (forecast_method <> 'manual' or manual_etc_minor is not null);

    alter table budget_versions alter column project_id drop not null;
    alter table budget_versions
      add column program_id uuid references programs(id) on delete cascade,
      add column portfolio_id uuid references portfolios(id) on delete cascade;
    alter table budget_versions add constraint budget_versions_one_owner check (num_nonnulls(project_id, program_id, portfolio_id) = 1);
    create unique index budget_versions_program_no_key on budget_versions (program_id, version_no) where program_id is not null;
    create unique index budget_versions_portfolio_no_key on budget_versions (portfolio_id, version_no) where portfolio_id is not null;
    alter table budget_lines alter column project_id drop not null;
    alter table budget_versions add column submitted_by uuid references users(id) on delete set null;

    alter table task_costs drop constraint task_costs_ev_method_check;
    alter table task_costs add constraint task_costs_ev_method_check
      check (ev_method in ('percent-complete','zero-hundred','fifty-fifty','weighted-milestones','physical-percent-complete'));
    alter table task_costs
      add column physical_percent_complete numeric(5,2) check (physical_percent_complete between 0 and 100),
      add column ev_milestones jsonb,
      add column milestone_weight_done numeric(14,4),
      add column milestone_weight_total numeric(14,4);
    alter table task_costs add constraint task_costs_method_inputs check (
      (ev_method <> 'physical-percent-complete' or physical_percent_complete is not null)
      and (ev_method <> 'weighted-milestones' or (milestone_weight_total > 0 and milestone_weight_done between 0 and milestone_weight_total))
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
