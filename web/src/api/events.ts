/** Live updates: GET /api/v1/events (SSE) -> invalidate the matching TanStack Query keys. */
import type { QueryClient } from '@tanstack/react-query';
import { qk } from './types';

/** One `change` event as the server sends it. */
export interface ChangeEvent {
  type: string;
  entityType: string;
  entityId: string;
  projectId: string | null;
  version: number | null;
  at: string;
}

/** Query keys a change makes stale (pure, so it is unit-testable). */
export function keysForChange(ev: ChangeEvent): (readonly unknown[])[] {
  const keys: (readonly unknown[])[] = [];
  const p = ev.projectId;
  switch (ev.entityType) {
    case 'project':
      keys.push(qk.projects, qk.project(ev.entityId), ['gates']);
      break;
    case 'task':
      if (p) keys.push(qk.tasks(p), qk.project(p));
      keys.push(qk.projects);
      break;
    case 'link':
    case 'task_link':
      if (p) keys.push(qk.links(p), qk.tasks(p));
      break;
    case 'member':
    case 'project_member':
      if (p) keys.push(qk.members(p), qk.project(p));
      keys.push(qk.projects);
      break;
    case 'user':
      keys.push(qk.users, qk.me);
      break;
    case 'api_token':
      keys.push(qk.tokens);
      break;
    case 'portfolio':
      keys.push(qk.portfolios, qk.projects);
      break;
    case 'program':
      keys.push(qk.programs, qk.projects);
      break;
    case 'proposal':
    case 'scoring_model':
    case 'portfolio_scenario':
      keys.push(['portfolio'], ['gates']); // every strategy query (web/src/pages/strategy/strategy-api.ts) starts with 'portfolio'
      break;
    case 'gate_review':
    case 'lifecycle':
      keys.push(['gates'], ['portfolio']); // web/src/pages/gates/gates-api.ts; a decision moves a proposal's stage
      if (p) keys.push(qk.project(p), qk.projects);
      break;
    // Finance (web/src/pages/finance/finance-api.ts): project-scoped finance queries start with ['project', id], so
    // qk.project(p) refreshes a project's financials, task costs, expenses, milestones and budget; the rest are
    // cross-project views (timesheets, inboxes, invoices, reports, budgets of programs and portfolios, reference data).
    case 'time_entries':
    case 'time_entry':
    case 'timesheet':
    case 'timesheet_period':
      keys.push(['timesheet'], ['approvals'], ['reports']);
      if (p) keys.push(qk.project(p));
      break;
    case 'expense':
    case 'expenses':
    case 'cost_lines':
      keys.push(['approvals'], ['reports']);
      if (p) keys.push(qk.project(p));
      break;
    case 'invoice':
    case 'billing_milestone':
      keys.push(['invoices'], ['invoice'], ['reports']);
      if (p) keys.push(qk.project(p));
      break;
    case 'budget_version':
      keys.push(['budget'], ['reports']);
      if (p) keys.push(qk.project(p));
      break;
    case 'task_costs':
    case 'project_finance':
      keys.push(['reports']);
      if (p) keys.push(qk.project(p));
      break;
    case 'rate':
    case 'exchange_rate':
    case 'person_finance':
    case 'finance_settings':
    case 'client':
      keys.push(['finance-setup'], ['clients'], ['reports']);
      break;
    default:
      if (p) keys.push(qk.project(p));
      else keys.push(qk.projects);
  }
  if (p) keys.push(qk.activity(p));
  return keys;
}

/** Opens the event stream and invalidates queries on each change; returns a close function. */
export function subscribeToChanges(client: QueryClient, url = '/api/v1/events'): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const es = new EventSource(url, { withCredentials: true });
  let hadError = false;
  es.addEventListener('change', (msg) => {
    let ev: ChangeEvent;
    try {
      ev = JSON.parse((msg as MessageEvent<string>).data) as ChangeEvent;
    } catch {
      return;
    }
    for (const key of keysForChange(ev)) void client.invalidateQueries({ queryKey: key });
  });
  es.addEventListener('open', () => {
    // After a reconnect we may have missed events: refresh everything that is on screen.
    if (hadError) void client.invalidateQueries();
    hadError = false;
  });
  es.addEventListener('error', () => {
    hadError = true;
  });
  return () => es.close();
}
