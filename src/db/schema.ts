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

export type ProjectStage = 'idea' | 'proposal' | 'approved' | 'planning' | 'execution' | 'closing' | 'closed';
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
  status: ProjectStatus;
  health: Health;
  percent_complete: NumericDefault;
  start_date: DateTextOrNull;
  finish_date: DateTextOrNull;
  manager_id: string | null;
  calendar_uid: number | null;
  status_date: DateTextOrNull;
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
  person_capacity: PersonCapacityTable;
  non_project_time: NonProjectTimeTable;
  roles: RolesTable;
  person_roles: PersonRolesTable;
  skills: SkillsTable;
  person_skills: PersonSkillsTable;
  assignments: AssignmentsTable;
  staffing_requests: StaffingRequestsTable;
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

export interface PersonRolesTable {
  person_id: string;
  role_id: string;
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

export type StaffingStatus = 'requested' | 'proposed' | 'filled' | 'rejected';

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
