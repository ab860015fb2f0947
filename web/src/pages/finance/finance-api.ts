/** Types (derived from the OpenAPI paths) and TanStack Query hooks of the finance pages. */
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, csrfHeaders, ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { useSession } from '../../api/session';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer Rs } ? JsonOf<Rs[Extract<keyof Rs, 200 | 201>]> : never;

export type TimesheetWeek = Ok<paths['/api/v1/timesheets/{personId}/weeks/{weekStart}']['get']>;
export type TimeEntry = TimesheetWeek['entries'][number];
export type Invoice = Ok<paths['/api/v1/invoices/{id}']['get']>;
export type InvoiceState = Invoice['state'];
export type Financials = Ok<paths['/api/v1/projects/{id}/financials']['get']>;
export type SCurve = Ok<paths['/api/v1/projects/{id}/evm/s-curve']['get']>;
export type Person = Ok<paths['/api/v1/people']['get']>['items'][number];
export type Expense = Ok<paths['/api/v1/projects/{id}/expenses']['get']>['items'][number];
export type PendingExpense = Ok<paths['/api/v1/approvals/expenses']['get']>['items'][number];
export type Milestone = Ok<paths['/api/v1/projects/{id}/billing-milestones']['get']>['items'][number];
export type TaskEvm = Ok<paths['/api/v1/projects/{id}/task-costs']['get']>;
export type TaskEvmRow = TaskEvm['items'][number];
export type EvMethod = TaskEvmRow['evMethod'];
export type Budget = Ok<paths['/api/v1/projects/{id}/budget']['get']>;
export type BudgetVersion = Budget['versions'][number];
export type ProjectFinance = Ok<paths['/api/v1/projects/{id}/finance-settings']['get']>;
export type MarginReport = Ok<paths['/api/v1/reports/margins']['get']>;
export type Compliance = Ok<paths['/api/v1/reports/timesheet-compliance']['get']>;
export type Unbilled = Ok<paths['/api/v1/reports/unbilled-work']['get']>['items'][number];
export type ExchangeRate = Ok<paths['/api/v1/exchange-rates']['get']>['items'][number];
/** Whose budget: a project, a program or a portfolio. */
export type BudgetScope = Budget['scope'];

/** The EVM figures of /projects/:id/financials (typed `unknown` in the OpenAPI document). */
export interface EvmFigures {
  bac: number; pv: number; ev: number; ac: number; cv: number; sv: number;
  cpi: number | null; spi: number | null; eacCpi: number | null; eacAtypical: number | null; eacCpiSpi: number | null;
  eacBottomUp: number | null; etc: number | null; vac: number | null; tcpiToBac: number | null; tcpiToEac: number | null; percentComplete: number | null;
}
/** The forecast of /projects/:id/financials. */
export interface ForecastFigures { method: string; setting: string; etcMinor: number | null; eacMinor: number | null; vacMinor: number | null }

/** Query keys of the finance pages (prefixed so the live-update invalidation can match them). */
export const fk = {
  people: ['people'] as const,
  week: (personId: string, weekStart: string) => ['timesheet', personId, weekStart] as const,
  approvals: ['approvals', 'time'] as const,
  invoices: (filters: object) => ['invoices', filters] as const,
  invoice: (id: string) => ['invoice', id] as const,
  financials: (projectId: string, asOf: string) => ['project', projectId, 'financials', asOf] as const,
  sCurve: (projectId: string) => ['project', projectId, 's-curve'] as const,
  clients: ['clients'] as const,
  taskCosts: (projectId: string, asOf: string) => ['project', projectId, 'task-costs', asOf] as const,
  expenses: (projectId: string) => ['project', projectId, 'expenses'] as const,
  milestones: (projectId: string) => ['project', projectId, 'billing-milestones'] as const,
  projectFinance: (projectId: string) => ['project', projectId, 'finance-settings'] as const,
  /** Project budgets live under the project key; program and portfolio budgets under 'budget'. */
  budget: (scope: BudgetScope, id: string) => (scope === 'project' ? (['project', id, 'budget'] as const) : (['budget', scope, id] as const)),
  expenseApprovals: ['approvals', 'expenses'] as const,
  report: (name: string, params: object) => ['reports', name, params] as const,
  exchangeRates: ['finance-setup', 'exchange-rates'] as const,
};

/** The earned value methods with their labels (the API's order). */
export const EV_METHODS: { value: EvMethod; label: string }[] = [
  { value: 'percent-complete', label: 'Percent complete' },
  { value: 'physical-percent-complete', label: 'Physical % complete' },
  { value: 'weighted-milestones', label: 'Weighted milestones' },
  { value: 'zero-hundred', label: '0/100' },
  { value: 'fifty-fifty', label: '50/50' },
];

/** Uploads a receipt file (multipart/form-data; the typed client speaks JSON only). */
export async function uploadReceipt(expenseId: string, file: File): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api/v1/expenses/${expenseId}/receipts`, { method: 'POST', body: form, credentials: 'same-origin', headers: csrfHeaders() });
  if (!res.ok) {
    let body: Record<string, unknown> = {};
    try { body = (await res.json()) as Record<string, unknown>; } catch { body = { title: res.statusText }; }
    throw new ApiError(res.status, body);
  }
}

/** Every person (resource); the timesheet owner is one of them. */
export function usePeople() {
  return useQuery({ queryKey: fk.people, queryFn: async () => (await ok(api.GET('/api/v1/people'))).items });
}

/** The person record of the signed-in user (null when the user has none) plus the whole list. */
export function useMyPerson(): { me: Person | null; people: Person[]; isLoading: boolean; error: unknown } {
  const { user } = useSession();
  const people = usePeople();
  const list = people.data ?? [];
  return { me: list.find((p) => p.userId === user?.id) ?? null, people: list, isLoading: people.isLoading, error: people.error };
}

/** True for organisation roles that work on anyone's timesheet, approvals and invoices. */
export function isFinanceRole(orgRole: string | undefined): boolean {
  return orgRole === 'admin' || orgRole === 'finance';
}

/** Today as an ISO date (local calendar). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
