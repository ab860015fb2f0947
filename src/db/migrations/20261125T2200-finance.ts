/**
 * Finance: rates, exchange rates, time entries, expenses, budgets, task planned cost, clients, invoices with
 * gap-free numbering, the billed-at-most-once ledger, per-project monthly cost summaries kept on approval and
 * per-project EVM snapshots (BAC, PV, EV at a status date) that the portfolio roll-up reads.
 * Money is integer minor units (bigint) with its currency beside it; exchange rates are numeric.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table finance_settings (
      id smallint primary key default 1 check (id = 1),
      max_minutes_per_day integer not null default 720 check (max_minutes_per_day between 1 and 1440),
      working_weekdays smallint[] not null default '{1,2,3,4,5}',
      allow_non_working_days boolean not null default true,
      locked_until date,
      seller jsonb,
      payment jsonb,
      vat_category text not null default 'S',
      vat_rate_percent numeric(6,3) not null default 21,
      vat_exemption_reason text,
      invoice_series text not null default 'INV',
      credit_note_series text not null default 'CN',
      payment_days integer not null default 30 check (payment_days between 0 and 365),
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    create table clients (
      id uuid primary key,
      name text not null,
      party jsonb not null,
      currency char(3) not null default 'EUR',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table project_finance (
      project_id uuid primary key references projects(id) on delete cascade,
      client_id uuid references clients(id) on delete set null,
      comment_required boolean not null default false,
      billing text not null default 'time-and-materials' check (billing in ('time-and-materials','fixed-price','milestone','non-billable')),
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    create table rates (
      id uuid primary key,
      kind text not null check (kind in ('cost','bill')),
      person_id uuid references people(id) on delete cascade,
      role text,
      project_id uuid references projects(id) on delete cascade,
      effective_from date not null,
      effective_to date,
      amount_minor_per_hour bigint not null check (amount_minor_per_hour >= 0),
      currency char(3) not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (effective_to is null or effective_to >= effective_from)
    );
    create index rates_person_idx on rates (person_id);
    create index rates_project_idx on rates (project_id);

    create table exchange_rates (
      id uuid primary key,
      from_currency char(3) not null,
      to_currency char(3) not null,
      rate_date date not null,
      rate numeric(24,10) not null check (rate > 0),
      created_at timestamptz not null default now(),
      unique (from_currency, to_currency, rate_date),
      check (from_currency <> to_currency)
    );

    create table person_roles (
      person_id uuid primary key references people(id) on delete cascade,
      role text not null,
      line_manager_id uuid references users(id) on delete set null
    );

    create table time_entries (
      id uuid primary key,
      person_id uuid not null references people(id) on delete restrict,
      project_id uuid not null references projects(id) on delete restrict,
      task_id uuid references tasks(id) on delete set null,
      work_date date not null,
      posting_date date not null,
      minutes integer not null check (minutes between -1440 and 1440 and minutes <> 0),
      billable boolean not null default true,
      comment text,
      state text not null default 'draft' check (state in ('draft','submitted','approved','rejected','locked')),
      reason text,
      reversal_of uuid references time_entries(id) on delete restrict,
      corrects uuid references time_entries(id) on delete restrict,
      cost_minor bigint,
      cost_currency char(3),
      decided_by uuid references users(id) on delete set null,
      decided_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((reversal_of is null and minutes > 0) or (reversal_of is not null and minutes < 0))
    );
    create index time_entries_person_date_idx on time_entries (person_id, work_date);
    create index time_entries_project_state_idx on time_entries (project_id, state, work_date);
    create unique index time_entries_one_reversal_key on time_entries (reversal_of) where reversal_of is not null;

    create table expenses (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete restrict,
      person_id uuid references people(id) on delete set null,
      expense_date date not null,
      category text not null default 'other',
      description text not null default '',
      amount_minor bigint not null check (amount_minor > 0),
      currency char(3) not null,
      billable boolean not null default false,
      markup_percent numeric(6,2) not null default 0,
      state text not null default 'submitted' check (state in ('draft','submitted','approved','rejected')),
      reason text,
      external_id text unique,
      decided_by uuid references users(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index expenses_project_idx on expenses (project_id, state, expense_date);

    create table budget_versions (
      id uuid primary key,
      project_id uuid not null references projects(id) on delete cascade,
      version_no integer not null,
      kind text not null check (kind in ('original','change')),
      status text not null default 'draft' check (status in ('draft','submitted','approved','rejected')),
      currency char(3) not null,
      note text not null default '',
      decided_by uuid references users(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (project_id, version_no)
    );

    create table budget_lines (
      id bigint generated always as identity primary key,
      budget_version_id uuid not null references budget_versions(id) on delete cascade,
      project_id uuid not null references projects(id) on delete cascade,
      month char(7) not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      category text not null,
      expenditure text not null check (expenditure in ('capex','opex')),
      amount_minor bigint not null
    );
    create index budget_lines_version_idx on budget_lines (budget_version_id);
    create index budget_lines_project_idx on budget_lines (project_id);

    create table task_costs (
      task_id uuid primary key references tasks(id) on delete cascade,
      project_id uuid not null references projects(id) on delete cascade,
      planned_cost_minor bigint not null check (planned_cost_minor >= 0),
      ev_method text not null default 'percent-complete' check (ev_method in ('percent-complete','zero-hundred','fifty-fifty')),
      version integer not null default 1
    );
    create index task_costs_project_idx on task_costs (project_id);

    create table project_cost_summary (
      project_id uuid not null references projects(id) on delete cascade,
      month char(7) not null,
      labour_minutes bigint not null default 0,
      labour_cost_minor bigint not null default 0,
      expense_cost_minor bigint not null default 0,
      billable_minutes bigint not null default 0,
      primary key (project_id, month)
    );

    create table evm_snapshots (
      project_id uuid not null references projects(id) on delete cascade,
      as_of date not null,
      bac bigint not null,
      pv bigint not null,
      ev bigint not null,
      computed_at timestamptz not null default now(),
      primary key (as_of, project_id)
    );

    create table invoice_counters (
      series text not null,
      year integer not null,
      last_sequence integer not null default 0,
      primary key (series, year)
    );

    create table invoices (
      id uuid primary key,
      kind text not null check (kind in ('invoice','credit-note')),
      series text not null,
      year integer,
      sequence integer,
      number text,
      project_id uuid references projects(id) on delete restrict,
      client_id uuid references clients(id) on delete restrict,
      state text not null default 'draft' check (state in ('draft','issued','paid','void')),
      currency char(3) not null,
      issue_date date,
      due_date date,
      period_start date,
      period_end date,
      paid_on date,
      credit_note_id uuid references invoices(id),
      credits_invoice_id uuid references invoices(id),
      tax_exclusive_minor bigint not null default 0,
      tax_minor bigint not null default 0,
      payable_minor bigint not null default 0,
      document jsonb not null,
      version integer not null default 1,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (series, year, sequence),
      unique (number),
      check ((state = 'draft') = (number is null))
    );
    create index invoices_project_idx on invoices (project_id, created_at);

    create table invoice_lines (
      id bigint generated always as identity primary key,
      invoice_id uuid not null references invoices(id) on delete cascade,
      line_id text not null,
      item_name text not null,
      description text,
      quantity numeric(18,4) not null,
      unit_code text not null,
      unit_price_minor bigint not null,
      net_amount_minor bigint not null,
      vat_category text not null,
      vat_rate_percent numeric(6,3) not null,
      period_start date,
      period_end date,
      unique (invoice_id, line_id)
    );

    create table billed_items (
      id bigint generated always as identity primary key,
      invoice_id uuid not null references invoices(id) on delete cascade,
      line_id text not null,
      source_kind text not null check (source_kind in ('time','expense','milestone')),
      source_id uuid not null,
      released_by uuid references invoices(id),
      released_at timestamptz
    );
    create unique index billed_items_once_key on billed_items (source_kind, source_id) where released_at is null;
    create index billed_items_invoice_idx on billed_items (invoice_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
