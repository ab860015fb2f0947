/** Kysely table types. One interface per table; column names are snake_case as in SQL. */
import type { ColumnType, Generated } from 'kysely';

/** timestamptz: a Date from the driver, a Date or ISO string when written. */
export type Instant = ColumnType<Date, Date | string, Date | string>;
/** timestamptz with a database default. */
export type InstantDefault = ColumnType<Date, Date | string | undefined, Date | string>;
/** nullable timestamptz */
export type InstantOrNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** date and timestamp (without zone) are kept as their text form: 'YYYY-MM-DD' / 'YYYY-MM-DD HH:mm:ss'. */
export type DateText = ColumnType<string, string, string>;
/** nullable date / timestamp text */
export type DateTextOrNull = ColumnType<string | null, string | null | undefined, string | null>;
/** numeric is kept as text to avoid floating point. */
export type Numeric = ColumnType<string, string | number, string | number>;
/** numeric with a database default */
export type NumericDefault = ColumnType<string, string | number | undefined, string | number>;
/** jsonb column */
export type Json = ColumnType<unknown, string, string>;

export interface OrgSettingsTable {
  id: Generated<number>;
  name: string;
  currency: Generated<string>;
  timezone: Generated<string>;
  fiscal_year_start_month: Generated<number>;
  version: Generated<number>;
  updated_at: InstantDefault;
}

export type OrgRole = 'admin' | 'pmo' | 'portfolio_manager' | 'finance' | 'member';
export type ProjectRole = 'project_manager' | 'team_member' | 'stakeholder';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  org_role: OrgRole;
  password_hash: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: InstantDefault;
  last_seen_at: InstantDefault;
  expires_at: Instant;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: string[];
  created_at: InstantDefault;
  last_used_at: InstantOrNull;
  expires_at: InstantOrNull;
  revoked_at: InstantOrNull;
}

export interface PeopleTable {
  id: string;
  name: string;
  email: string | null;
  title: string | null;
  user_id: string | null;
  /** The user who may approve this person's time besides the project managers (finance). */
  line_manager_id: Generated<string | null>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface PortfoliosTable {
  id: string;
  name: string;
  description: Generated<string>;
  owner_id: string | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface ProgramsTable {
  id: string;
  portfolio_id: string;
  name: string;
  description: Generated<string>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** A stage key of the project's lifecycle (stable text such as 'planning'; see lifecycles). */
export type ProjectStage = string;
export type ProjectStatus = 'on_track' | 'at_risk' | 'off_track' | 'on_hold' | 'cancelled' | 'completed';
export type Health = 'green' | 'amber' | 'red';

export interface ProjectsTable {
  id: string;
  code: string;
  name: string;
  description: Generated<string>;
  portfolio_id: string;
  program_id: string | null;
  stage: ProjectStage;
  /** null: the default lifecycle. */
  lifecycle_id: Generated<string | null>;
  status: ProjectStatus;
  health: Health;
  percent_complete: NumericDefault;
  start_date: DateTextOrNull;
  finish_date: DateTextOrNull;
  manager_id: string | null;
  calendar_uid: number | null;
  status_date: DateTextOrNull;
  /** 0-1000 (default 500), as MS Project's project priority: levelling serves higher priorities first. */
  priority: Generated<number>;
  mspdi: Json | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface ProjectMembersTable {
  id: string;
  project_id: string;
  user_id: string;
  role: ProjectRole;
  version: Generated<number>;
  created_at: InstantDefault;
}

export interface TasksTable {
  id: string;
  project_id: string;
  parent_id: string | null;
  sort_order: number;
  wbs: Generated<string>;
  outline_level: Generated<number>;
  name: string;
  start: DateTextOrNull;
  finish: DateTextOrNull;
  duration_minutes: Generated<number>;
  percent_complete: NumericDefault;
  is_milestone: Generated<boolean>;
  is_summary: Generated<boolean>;
  notes: string | null;
  uid: number | null;
  manual: Generated<boolean>;
  duration_is_elapsed: Generated<boolean>;
  constraint_type: Generated<string>;
  constraint_date: DateTextOrNull;
  deadline: DateTextOrNull;
  calendar_uid: number | null;
  actual_start: DateTextOrNull;
  actual_finish: DateTextOrNull;
  remaining_duration_minutes: number | null;
  work_minutes: Generated<number>;
  cost_cents: Generated<number>;
  early_start: DateTextOrNull;
  early_finish: DateTextOrNull;
  late_start: DateTextOrNull;
  late_finish: DateTextOrNull;
  total_slack_minutes: number | null;
  free_slack_minutes: number | null;
  critical: Generated<boolean>;
  /** 0-1000 (default 500), MSPDI <Priority>: levelling serves higher priorities first; 1000 = never levelled. */
  priority: Generated<number>;
  mspdi: Json | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';

export interface TaskLinksTable {
  id: string;
  project_id: string;
  predecessor_id: string;
  successor_id: string;
  type: LinkType;
  lag_minutes: Generated<number>;
  lag_unit: Generated<'working' | 'elapsed' | 'percent'>;
  lag_format: number | null;
  lag_tenths: number | null;
  version: Generated<number>;
  created_at: InstantDefault;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: InstantDefault;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  project_id: string | null;
  before: Json | null;
  after: Json | null;
}

export interface JobsTable {
  id: string;
  type: string;
  payload: Json;
  unique_key: string | null;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  run_at: InstantDefault;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_at: InstantOrNull;
  last_error: string | null;
  created_at: InstantDefault;
  finished_at: InstantOrNull;
}

export interface CalendarsTable {
  id: string;
  project_id: string | null;
  uid: number;
  name: string;
  data: Json;
  version: Generated<number>;
  created_at: InstantDefault;
}

export interface TaskBaselinesTable {
  task_id: string;
  number: number;
  start: DateTextOrNull;
  finish: DateTextOrNull;
  duration_minutes: number | null;
  duration_format: number | null;
  work_minutes: number | null;
  cost_cents: number | null;
  saved_at: InstantDefault;
}

// ---- finance (issue 7) ----

/** bigint money in minor units (returned as a JS number). */
export type Minor = ColumnType<number, number | string | bigint, number | string | bigint>;
export type TimeEntryState = 'draft' | 'submitted' | 'approved' | 'rejected' | 'locked';

export interface FinanceSettingsTable {
  id: Generated<number>;
  max_minutes_per_day: Generated<number>;
  working_weekdays: Generated<number[]>;
  allow_non_working_days: Generated<boolean>;
  locked_until: DateTextOrNull;
  seller: Json | null;
  payment: Json | null;
  vat_category: Generated<string>;
  vat_rate_percent: NumericDefault;
  vat_exemption_reason: string | null;
  invoice_series: Generated<string>;
  credit_note_series: Generated<string>;
  payment_days: Generated<number>;
  version: Generated<number>;
  updated_at: InstantDefault;
}

export interface ClientsTable {
  id: string;
  name: string;
  party: Json;
  currency: Generated<string>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface ProjectFinanceTable {
  project_id: string;
  client_id: string | null;
  comment_required: Generated<boolean>;
  billing: Generated<'time-and-materials' | 'fixed-price' | 'milestone' | 'non-billable'>;
  /** 'auto': CPI when defined, else remaining plan. */
  forecast_method: Generated<'auto' | 'cpi' | 'remaining-plan' | 'manual'>;
  manual_etc_minor: ColumnType<number | null, number | null | undefined, number | null>;
  /** Fixed price of the contract (fixed-price billing; revenue recognition). */
  contract_price_minor: ColumnType<number | null, number | null | undefined, number | null>;
  revenue_recognition: Generated<'percent-complete' | 'completed-contract'>;
  version: Generated<number>;
  updated_at: InstantDefault;
}

export interface RatesTable {
  id: string;
  kind: 'cost' | 'bill';
  person_id: string | null;
  role_id: string | null;
  project_id: string | null;
  effective_from: DateText;
  effective_to: DateTextOrNull;
  amount_minor_per_hour: Minor;
  currency: string;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface ExchangeRatesTable {
  id: string;
  from_currency: string;
  to_currency: string;
  rate_date: DateText;
  rate: Numeric;
  created_at: InstantDefault;
}

export interface TimeEntriesTable {
  id: string;
  person_id: string;
  project_id: string;
  task_id: string | null;
  work_date: DateText;
  posting_date: DateText;
  minutes: number;
  billable: Generated<boolean>;
  comment: string | null;
  state: Generated<TimeEntryState>;
  reason: string | null;
  reversal_of: string | null;
  corrects: string | null;
  cost_minor: ColumnType<number | null, number | null | undefined, number | null>;
  cost_currency: string | null;
  decided_by: string | null;
  decided_at: InstantOrNull;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface ExpensesTable {
  id: string;
  project_id: string;
  person_id: string | null;
  expense_date: DateText;
  category: Generated<string>;
  description: Generated<string>;
  amount_minor: Minor;
  currency: string;
  billable: Generated<boolean>;
  markup_percent: NumericDefault;
  state: Generated<'draft' | 'submitted' | 'approved' | 'rejected'>;
  reason: string | null;
  /** Id of an imported cost line (unique: a line is imported once). */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by: string | null;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** A receipt file of an expense (bytes in the database; type and size checked on upload and by the table). */
export interface ExpenseReceiptsTable {
  id: string;
  expense_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: InstantDefault;
}

/** A fixed-price billing milestone of a project: billable once achieved (or accepted). */
export interface BillingMilestonesTable {
  id: string;
  project_id: string;
  task_id: string | null;
  name: string;
  amount_minor: Minor;
  currency: string;
  due_date: DateTextOrNull;
  status: Generated<'planned' | 'achieved' | 'accepted'>;
  achieved_on: DateTextOrNull;
  decided_by: string | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** A budget version belongs to exactly one project, program or portfolio. */
export interface BudgetVersionsTable {
  id: string;
  project_id: string | null;
  program_id: ColumnType<string | null, string | null | undefined, string | null>;
  portfolio_id: ColumnType<string | null, string | null | undefined, string | null>;
  version_no: number;
  kind: 'original' | 'change';
  status: Generated<'draft' | 'submitted' | 'approved' | 'rejected'>;
  currency: string;
  note: Generated<string>;
  decided_by: string | null;
  submitted_by: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface BudgetLinesTable {
  id: Generated<number>;
  budget_version_id: string;
  /** The version's project (null for program and portfolio budgets). */
  project_id: string | null;
  month: string;
  category: string;
  expenditure: 'capex' | 'opex';
  amount_minor: Minor;
}

/** Earned-value methods a task's planned cost can use. */
export type EvMethod = 'percent-complete' | 'zero-hundred' | 'fifty-fifty' | 'weighted-milestones' | 'physical-percent-complete';

export interface TaskCostsTable {
  task_id: string;
  project_id: string;
  planned_cost_minor: Minor;
  ev_method: Generated<EvMethod>;
  /** physical-percent-complete: measured progress, 0..100. */
  physical_percent_complete: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  /** weighted-milestones: [{ name, weight, done }]. */
  ev_milestones: ColumnType<unknown, string | null | undefined, string | null>;
  /** Sum of the weights of the done milestones and of all milestones (kept with ev_milestones). */
  milestone_weight_done: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  milestone_weight_total: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  version: Generated<number>;
}

export interface ProjectCostSummaryTable {
  project_id: string;
  month: string;
  labour_minutes: ColumnType<number, number | undefined, number>;
  labour_cost_minor: ColumnType<number, number | undefined, number>;
  expense_cost_minor: ColumnType<number, number | undefined, number>;
  billable_minutes: ColumnType<number, number | undefined, number>;
}

export interface EvmSnapshotsTable {
  project_id: string;
  as_of: DateText;
  bac: Minor;
  pv: Minor;
  ev: Minor;
  computed_at: InstantDefault;
}

export interface InvoiceCountersTable {
  series: string;
  year: number;
  last_sequence: Generated<number>;
}

export interface InvoicesTable {
  id: string;
  kind: 'invoice' | 'credit-note';
  series: string;
  year: number | null;
  sequence: number | null;
  number: string | null;
  project_id: string | null;
  client_id: string | null;
  state: Generated<'draft' | 'issued' | 'paid' | 'void'>;
  currency: string;
  issue_date: DateTextOrNull;
  due_date: DateTextOrNull;
  period_start: DateTextOrNull;
  period_end: DateTextOrNull;
  paid_on: DateTextOrNull;
  credit_note_id: string | null;
  credits_invoice_id: string | null;
  tax_exclusive_minor: Minor;
  tax_minor: Minor;
  payable_minor: Minor;
  document: Json;
  version: Generated<number>;
  created_by: string | null;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface InvoiceLinesTable {
  id: Generated<number>;
  invoice_id: string;
  line_id: string;
  item_name: string;
  description: string | null;
  quantity: Numeric;
  unit_code: string;
  unit_price_minor: Minor;
  net_amount_minor: Minor;
  vat_category: string;
  vat_rate_percent: Numeric;
  period_start: DateTextOrNull;
  period_end: DateTextOrNull;
}

export interface BilledItemsTable {
  id: Generated<number>;
  invoice_id: string;
  line_id: string;
  source_kind: 'time' | 'expense' | 'milestone';
  source_id: string;
  released_by: string | null;
  released_at: InstantOrNull;
}

/** The whole database, as Kysely sees it. Modules add their tables here as they land. */
export interface DB {
  org_settings: OrgSettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  people: PeopleTable;
  portfolios: PortfoliosTable;
  programs: ProgramsTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  tasks: TasksTable;
  task_links: TaskLinksTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  calendars: CalendarsTable;
  task_baselines: TaskBaselinesTable;
  finance_settings: FinanceSettingsTable;
  clients: ClientsTable;
  project_finance: ProjectFinanceTable;
  rates: RatesTable;
  exchange_rates: ExchangeRatesTable;
  time_entries: TimeEntriesTable;
  expenses: ExpensesTable;
  expense_receipts: ExpenseReceiptsTable;
  billing_milestones: BillingMilestonesTable;
  budget_versions: BudgetVersionsTable;
  budget_lines: BudgetLinesTable;
  task_costs: TaskCostsTable;
  project_cost_summary: ProjectCostSummaryTable;
  evm_snapshots: EvmSnapshotsTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  billed_items: BilledItemsTable;
  risk_settings: RiskSettingsTable;
  risks: RisksTable;
  risk_actions: RiskActionsTable;
  task_estimates: TaskEstimatesTable;
  raid_entries: RaidEntriesTable;
  risk_exposure_snapshots: RiskExposureSnapshotsTable;
  risk_totals_state: RiskTotalsStateTable;
  risk_scope_totals: RiskScopeTotalsTable;
  risk_project_totals: RiskProjectTotalsTable;
  compliance_checklists: ComplianceChecklistsTable;
  compliance_records: ComplianceRecordsTable;
  risk_register_reviews: RiskRegisterReviewsTable;
  risk_templates: RiskTemplatesTable;
  project_risk_profiles: ProjectRiskProfilesTable;
  scoring_models: ScoringModelsTable;
  proposals: ProposalsTable;
  proposal_scores: ProposalScoresTable;
  portfolio_scenarios: PortfolioScenariosTable;
  person_capacity: PersonCapacityTable;
  non_project_time: NonProjectTimeTable;
  roles: RolesTable;
  role_members: RoleMembersTable;
  skills: SkillsTable;
  person_skills: PersonSkillsTable;
  assignments: AssignmentsTable;
  staffing_requests: StaffingRequestsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  role_skills: RoleSkillsTable;
  task_leveling: TaskLevelingTable;
  lifecycles: LifecyclesTable;
  gate_reviews: GateReviewsTable;
  gate_approvals: GateApprovalsTable;
  objectives: ObjectivesTable;
  key_results: KeyResultsTable;
  objective_links: ObjectiveLinksTable;
  intake_forms: IntakeFormsTable;
}

export interface RiskSettingsTable {
  id: number;
  matrix: Json;
  version: Generated<number>;
  updated_at: InstantDefault;
}

export type RiskLevelColumn = 'project' | 'program' | 'portfolio' | 'enterprise';

export interface RisksTable {
  id: string;
  level: RiskLevelColumn;
  project_id: string | null;
  program_id: string | null;
  portfolio_id: string | null;
  kind: 'threat' | 'opportunity';
  title: string;
  description: Generated<string>;
  cause: Generated<string>;
  effect: Generated<string>;
  category: string;
  compliance_reference: string | null;
  owner_id: string | null;
  inherent: Json;
  residual: Json | null;
  cost_impact_cents: number | null;
  schedule_task_id: string | null;
  schedule_min_minutes: number | null;
  schedule_most_likely_minutes: number | null;
  schedule_max_minutes: number | null;
  proximity: 'imminent' | 'near' | 'medium' | 'far' | null;
  triggers: ColumnType<unknown, string | undefined, string>;
  response_strategy: 'avoid' | 'mitigate' | 'transfer' | 'accept' | 'escalate' | 'exploit' | 'enhance' | 'share' | null;
  review_date: DateTextOrNull;
  status: 'open' | 'monitoring' | 'occurred' | 'closed';
  escalated_to_risk_id: string | null;
  /** Figures on the inherent basis (riskFigures), written with every risk write; `res_*` on the residual basis. */
  inh_probability_level: number;
  inh_impact_level: number;
  inh_score: number;
  inh_rating: string;
  inh_emv_cents: number;
  res_probability_level: number;
  res_impact_level: number;
  res_score: number;
  res_rating: string;
  res_emv_cents: number;
  /** An open higher-level risk it is escalated to carries its exposure in the organisation / its portfolio's / its program's view. */
  carried_all: Generated<boolean>;
  carried_portfolio: Generated<boolean>;
  carried_program: Generated<boolean>;
  /** The library template the risk was created from. */
  template_id: string | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface RiskActionsTable {
  id: string;
  risk_id: string;
  title: string;
  owner_id: string | null;
  due_date: DateTextOrNull;
  status: Generated<'open' | 'done' | 'cancelled'>;
  progress_percent: Generated<number>;
  /** A schedule task that is this action: due date and progress come from it. */
  task_id: string | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface TaskEstimatesTable {
  task_id: string;
  min_minutes: number;
  most_likely_minutes: number;
  max_minutes: number;
  distribution: Generated<'triangular' | 'pert' | 'fixed'>;
  version: Generated<number>;
  updated_at: InstantDefault;
}

export interface RaidEntriesTable {
  id: string;
  project_id: string;
  type: 'issue' | 'decision' | 'change' | 'assumption';
  title: string;
  description: Generated<string>;
  owner_id: string | null;
  status: Generated<'open' | 'in_progress' | 'closed'>;
  priority: Generated<'low' | 'medium' | 'high'>;
  due_date: DateTextOrNull;
  risk_id: string | null;
  task_id: string | null;
  /** The decision taken, the issue's resolution, the change's outcome, the assumption's validation. */
  resolution: Generated<string>;
  resolved_on: DateTextOrNull;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** A scoring model: criteria (with weights and scales) and formula as validated JSON. */
export interface ScoringModelsTable {
  id: string;
  name: string;
  weight_total: number;
  formula: Json;
  criteria: Json;
  /** AHP judgements and consistency the weights came from (migration 20261201T1102), null when typed in. */
  ahp: ColumnType<unknown | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** A candidate project with its cost and benefit profiles per period (integer cents, JSON arrays). */
export interface ProposalsTable {
  id: string;
  name: string;
  description: Generated<string>;
  project_id: string | null;
  periods_per_year: Generated<number>;
  annual_discount_rate: NumericDefault;
  capex_cents: Json;
  opex_cents: Json;
  benefits: Json;
  demand: Json;
  earliest_start: Generated<number>;
  latest_start: Generated<number>;
  mandatory: Generated<boolean>;
  depends_on: Json;
  excludes: Json;
  lifecycle_id: Generated<string | null>;
  stage: Generated<string>;
  gate_state: Generated<'active' | 'on_hold' | 'stopped'>;
  /** Answers to the intake form's extra fields (migration 20261201T1103). */
  intake: ColumnType<unknown, string | undefined, string>;
  /** First day of the business case's period 0 (migration 20261207T0100). */
  start_date: DateTextOrNull;
  /** Where the project will belong once the proposal becomes one. */
  portfolio_id: string | null;
  program_id: string | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** One score sheet of one scorer for one proposal under one model (history: never updated). */
export interface ProposalScoresTable {
  id: string;
  proposal_id: string;
  scoring_model_id: string;
  scorer_id: string;
  answers: Json;
  total: number;
  criteria: Json;
  created_at: InstantDefault;
}

/** A saved selection; at most one is the plan of record. */
export interface PortfolioScenariosTable {
  id: string;
  name: string;
  settings: Json;
  selected: Json;
  summary: Json;
  plan_of_record: Generated<boolean>;
  promoted_at: InstantOrNull;
  promoted_by: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** Working capacity of a person: minutes per week at 100 %, scaled by the part-time percentage. */
export interface PersonCapacityTable {
  person_id: string;
  minutes_per_week: Generated<number>;
  part_time_percent: Generated<number>;
  calendar_uid: number | null;
  version: Generated<number>;
  updated_at: InstantDefault;
}

/** Vacations and other non-project time: whole days, inclusive. */
export interface NonProjectTimeTable {
  id: string;
  person_id: string;
  from_date: DateText;
  to_date: DateText;
  reason: Generated<string>;
  version: Generated<number>;
  created_at: InstantDefault;
}

export interface RolesTable {
  id: string;
  name: string;
  version: Generated<number>;
  created_at: InstantDefault;
}

/** Which people fill a role (a person may hold several). */
export interface RoleMembersTable {
  person_id: string;
  role_id: string;
  /** The person's billing role (role rates use it); at most one per person. */
  is_primary: Generated<boolean>;
}

export interface SkillsTable {
  id: string;
  name: string;
  version: Generated<number>;
  created_at: InstantDefault;
}

export interface PersonSkillsTable {
  person_id: string;
  skill_id: string;
  proficiency: number;
}

/** A person or a role (placeholder) assigned to a task with units (percent) and work. */
export interface AssignmentsTable {
  id: string;
  project_id: string;
  task_id: string;
  person_id: string | null;
  role_id: string | null;
  units_percent: number;
  work_minutes: number;
  /** The task's start and finish dates, maintained by database triggers (never written by the app). */
  task_start: DateTextOrNull;
  task_finish: DateTextOrNull;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export type StaffingStatus = 'requested' | 'proposed' | 'filled' | 'rejected' | 'cancelled';

/** A request to replace a role placeholder assignment by a named person; history is in the audit log. */
export interface StaffingRequestsTable {
  id: string;
  project_id: string;
  assignment_id: string;
  role_id: string | null;
  status: Generated<StaffingStatus>;
  person_id: string | null;
  note: Generated<string>;
  requested_by: string | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

// Resources (teams, role requirements, levelling options): migration 20261201T1000-resources-teams.

/** A team of people; a person may be in several teams; the lead is one of its members. */
export interface TeamsTable {
  id: string;
  name: string;
  description: Generated<string>;
  lead_person_id: string | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

export interface TeamMembersTable {
  team_id: string;
  person_id: string;
}

/** A skill a role requires, with the minimum proficiency (1-5); ranks people for role placeholders. */
export interface RoleSkillsTable {
  role_id: string;
  skill_id: string;
  min_proficiency: number;
}

/** Levelling options of a task (no row: defaults; a task may split when the run allows splitting). */
export interface TaskLevelingTable {
  task_id: string;
  project_id: string;
  can_split: Generated<boolean>;
  /** [{start, finish}] schedule times of the pieces of a split made by levelling; null = not split. */
  pieces: Json | null;
  /** The task start and finish the pieces were made for (stale when the task's dates differ). */
  pieces_start: DateTextOrNull;
  pieces_finish: DateTextOrNull;
  version: Generated<number>;
  updated_at: InstantDefault;
}

// Portfolio strategy: stage gates (migration 20261201T1100-portfolio-gates).

/** A lifecycle: stages and gates as a JSON definition (validated by src/domain/portfolio/gates). */
export interface LifecyclesTable {
  id: string;
  key: string;
  name: string;
  description: Generated<string>;
  definition: Json;
  is_default: Generated<boolean>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** One pass of a project or a proposal through a gate, open until decided. */
export interface GateReviewsTable {
  id: string;
  project_id: string | null;
  proposal_id: string | null;
  lifecycle_id: string;
  gate_key: string;
  from_stage: string;
  to_stage: string;
  status: Generated<'open' | 'decided'>;
  checks: ColumnType<unknown, string | undefined, string>;
  documents: ColumnType<unknown, string | undefined, string>;
  opened_by: string | null;
  opened_at: InstantDefault;
  decision: 'go' | 'hold' | 'stop' | 'recycle' | null;
  decision_comment: string | null;
  decided_stage: string | null;
  decided_by: string | null;
  decided_at: InstantOrNull;
  snapshot: Json | null;
  version: Generated<number>;
  updated_at: InstantDefault;
}

/** An approver's current vote on a gate review in one role. */
export interface GateApprovalsTable {
  id: string;
  review_id: string;
  role: string;
  approver_id: string;
  verdict: 'approve' | 'reject';
  comment: Generated<string>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

// Portfolio strategy: objectives (migration 20261201T1101-portfolio-objectives).

/** A strategic objective; `weight` is its share in its parent's progress (siblings normalised). */
export interface ObjectivesTable {
  id: string;
  parent_id: string | null;
  name: string;
  description: Generated<string>;
  weight: NumericDefault;
  owner_id: string | null;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** A measurable key result of an objective. */
export interface KeyResultsTable {
  id: string;
  objective_id: string;
  name: string;
  unit: Generated<string>;
  start_value: NumericDefault;
  target_value: Numeric;
  actual_value: NumericDefault;
  due_date: DateTextOrNull;
  weight: NumericDefault;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** A project's or a proposal's contribution to an objective. */
export interface ObjectiveLinksTable {
  id: string;
  objective_id: string;
  project_id: string | null;
  proposal_id: string | null;
  contribution_weight: NumericDefault;
  version: Generated<number>;
  created_at: InstantDefault;
}

// Portfolio strategy: intake form (migration 20261201T1103-portfolio-intake).

/** The one intake form: the proposal fields admins add (JSON list). */
export interface IntakeFormsTable {
  id: Generated<number>;
  fields: Json;
  version: Generated<number>;
  updated_at: InstantDefault;
}

/** Daily exposure of a view (organisation, portfolio or program) on one basis: the trend on the risk dashboard. */
export interface RiskExposureSnapshotsTable {
  as_of: string;
  scope: 'all' | 'portfolio' | 'program';
  /** '' for the organisation, else the portfolio or program id. */
  scope_key: string;
  basis: 'inherent' | 'residual';
  all_count: number;
  open_count: number;
  risk_count: number;
  threat_count: number;
  opportunity_count: number;
  threat_emv_cents: number;
  opportunity_emv_cents: number;
  net_exposure_cents: number;
  rating_counts: Json;
  ratings: Json;
  max_score: number;
  total_score: number;
  taken_at: InstantDefault;
}

/** Whether the exposure totals are built (false: the next dashboard view rebuilds them). */
export interface RiskTotalsStateTable {
  id: number;
  valid: boolean;
  rebuilt_at: Date | null;
}

/** Counted exposure figures per kind of view (all, pf = own portfolio, pg = own program). */
interface CountedTotalsColumns {
  all_count: number;
  open_count: number;
  n_all: number;
  threats_all: number;
  threat_emv_all: number;
  opp_emv_all: number;
  cells_all: number[];
  n_pf: number;
  threats_pf: number;
  threat_emv_pf: number;
  opp_emv_pf: number;
  cells_pf: number[];
  n_pg: number;
  threats_pg: number;
  threat_emv_pg: number;
  opp_emv_pg: number;
  cells_pg: number[];
}

/** Exposure totals per effective portfolio, program, level, category and basis. */
export interface RiskScopeTotalsTable extends CountedTotalsColumns {
  portfolio_id: string | null;
  program_id: string | null;
  level: RiskLevelColumn;
  category: string;
  basis: 'inherent' | 'residual';
}

/** Exposure totals of a project's register per basis, with the project's portfolio and program when written. */
export interface RiskProjectTotalsTable extends CountedTotalsColumns {
  project_id: string;
  basis: 'inherent' | 'residual';
  portfolio_id: string;
  program_id: string | null;
}

/** A lifecycle's compliance checklist: items (id, stage key, title, rule, required) as validated JSON. */
export interface ComplianceChecklistsTable {
  lifecycle_id: string;
  items: Json;
  version: Generated<number>;
  updated_at: InstantDefault;
}

/** What a project recorded for a checklist item. */
export interface ComplianceRecordsTable {
  project_id: string;
  item_id: string;
  completed_on: DateTextOrNull;
  evidence_urls: ColumnType<unknown, string | undefined, string>;
  note: Generated<string>;
  recorded_by: string | null;
  version: Generated<number>;
  updated_at: InstantDefault;
}

/** A review of a project's risk register (the fact riskRegister.lastReviewedOn). */
export interface RiskRegisterReviewsTable {
  id: string;
  project_id: string;
  reviewed_on: string;
  reviewed_by: string | null;
  note: Generated<string>;
  created_at: InstantDefault;
}

/** A risk library template: a risk with its responses, for project types and tags, from closed projects. */
export interface RiskTemplatesTable {
  id: string;
  title: string;
  description: Generated<string>;
  category: string;
  kind: 'threat' | 'opportunity';
  project_types: ColumnType<unknown, string | undefined, string>;
  tags: ColumnType<unknown, string | undefined, string>;
  inherent: Json;
  responses: ColumnType<unknown, string | undefined, string>;
  source_project_ids: ColumnType<unknown, string | undefined, string>;
  version: Generated<number>;
  created_at: InstantDefault;
  updated_at: InstantDefault;
}

/** A project's type and tags, used to suggest library templates. */
export interface ProjectRiskProfilesTable {
  project_id: string;
  project_type: string;
  tags: ColumnType<unknown, string | undefined, string>;
  version: Generated<number>;
  updated_at: InstantDefault;
}
