/** Queries and types of the risk pages (typed API client + TanStack Query). */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { paths } from '../../api/schema';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type Risk = Ok<paths['/api/v1/risks/{id}']['get']>;
export type RiskAction = Ok<paths['/api/v1/risks/{id}/actions']['get']>['items'][number];
/** A heat map: registers list risk ids per cell, the portfolio dashboard sends counts only. */
export type HeatMap = Ok<paths['/api/v1/risk-dashboard']['get']>['heatMap'];
export type Dashboard = Ok<paths['/api/v1/risk-dashboard']['get']>;
export type MonteCarlo = Ok<paths['/api/v1/projects/{id}/monte-carlo']['get']>;
export type HistoryEntry = Ok<paths['/api/v1/risks/{id}/history']['get']>['items'][number];

/** Query keys of the risk pages (all under 'risk' so one invalidation refreshes them). */
export const riskKeys = {
  all: ['risk'] as const,
  project: (id: string) => ['risk', 'project', id] as const,
  one: (id: string) => ['risk', 'one', id] as const,
  actions: (id: string) => ['risk', 'actions', id] as const,
  history: (id: string) => ['risk', 'history', id] as const,
  dashboard: (portfolioId: string, groupBy: string) => ['risk', 'dashboard', portfolioId, groupBy] as const,
  enterprise: ['risk', 'enterprise'] as const,
};

/** A project's register and heat map. */
export function useProjectRisks(projectId: string) {
  return useQuery({ queryKey: riskKeys.project(projectId), queryFn: () => ok(api.GET('/api/v1/projects/{id}/risks', { params: { path: { id: projectId }, query: {} } })) });
}

/** One risk. */
export function useRisk(id: string) {
  return useQuery({ queryKey: riskKeys.one(id), queryFn: () => ok(api.GET('/api/v1/risks/{id}', { params: { path: { id } } })) });
}

/** Actions of a risk. */
export function useRiskActions(id: string) {
  return useQuery({ queryKey: riskKeys.actions(id), queryFn: () => ok(api.GET('/api/v1/risks/{id}/actions', { params: { path: { id } } })).then((r) => r.items) });
}

/** Change history of a risk. */
export function useRiskHistory(id: string) {
  return useQuery({ queryKey: riskKeys.history(id), queryFn: () => ok(api.GET('/api/v1/risks/{id}/history', { params: { path: { id } } })).then((r) => r.items) });
}

/** The portfolio dashboard. */
export function useRiskDashboard(portfolioId: string, groupBy: 'project' | 'program' | 'portfolio' | 'category' | 'level') {
  return useQuery({
    queryKey: riskKeys.dashboard(portfolioId, groupBy),
    queryFn: () => ok(api.GET('/api/v1/risk-dashboard', { params: { query: { groupBy, top: 10, ...(portfolioId ? { portfolioId } : {}) } } })),
  });
}

/** Enterprise risks (targets for escalation). */
export function useEnterpriseRisks(enabled: boolean) {
  return useQuery({ queryKey: riskKeys.enterprise, enabled, queryFn: () => ok(api.GET('/api/v1/risks', { params: { query: { level: 'enterprise' } } })).then((r) => r.items) });
}

/** Formats whole cents as a currency amount without decimals. */
export function formatCents(cents: number): string {
  return (cents / 100).toLocaleString(undefined, { maximumFractionDigits: 0 });
}
