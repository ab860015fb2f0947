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
export type Trend = Ok<paths['/api/v1/risk-exposure/trend']['get']>;
export type RaidEntry = Ok<paths['/api/v1/projects/{id}/raid']['get']>['items'][number];
export type ProjectCompliance = Ok<paths['/api/v1/projects/{id}/compliance']['get']>;
export type ComplianceMatrix = Ok<paths['/api/v1/compliance/matrix']['get']>;
export type Checklist = Ok<paths['/api/v1/compliance/checklists/{lifecycleId}']['get']>;
export type RiskTemplate = Ok<paths['/api/v1/risk-library/{id}']['get']>;
export type Suggestions = Ok<paths['/api/v1/projects/{id}/risk-suggestions']['get']>;
export type RiskMatrix = { probabilityLevels: Array<{ level: number; label: string; minProbability: number; maxProbability: number; probability?: number }>; impactLevels: Array<{ level: number; label: string; scheduleDaysUpTo?: number | null; costCentsUpTo?: number | null }>; bands: Array<{ rating: string; minScore: number }> };

/** Query keys of the risk pages (all under 'risk' so one invalidation refreshes them). */
export const riskKeys = {
  all: ['risk'] as const,
  project: (id: string) => ['risk', 'project', id] as const,
  one: (id: string) => ['risk', 'one', id] as const,
  actions: (id: string) => ['risk', 'actions', id] as const,
  history: (id: string) => ['risk', 'history', id] as const,
  dashboard: (portfolioId: string, groupBy: string) => ['risk', 'dashboard', portfolioId, groupBy] as const,
  enterprise: ['risk', 'enterprise'] as const,
  trend: (portfolioId: string) => ['risk', 'trend', portfolioId] as const,
  raid: (projectId: string) => ['risk', 'raid', projectId] as const,
  compliance: (projectId: string) => ['risk', 'compliance', projectId] as const,
  complianceMatrix: (portfolioId: string) => ['risk', 'compliance-matrix', portfolioId] as const,
  checklists: ['risk', 'checklists'] as const,
  library: ['risk', 'library'] as const,
  suggestions: (projectId: string) => ['risk', 'suggestions', projectId] as const,
  matrix: ['risk', 'matrix'] as const,
  reviews: (projectId: string) => ['risk', 'reviews', projectId] as const,
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

/** Daily exposure snapshots of the organisation or a portfolio. */
export function useExposureTrend(portfolioId: string) {
  return useQuery({ queryKey: riskKeys.trend(portfolioId), queryFn: () => ok(api.GET('/api/v1/risk-exposure/trend', { params: { query: portfolioId ? { portfolioId } : {} } })) });
}

/** A project's RAID log. */
export function useRaid(projectId: string) {
  return useQuery({ queryKey: riskKeys.raid(projectId), queryFn: () => ok(api.GET('/api/v1/projects/{id}/raid', { params: { path: { id: projectId }, query: {} } })).then((r) => r.items) });
}

/** A project's compliance evaluation. */
export function useProjectCompliance(projectId: string) {
  return useQuery({ queryKey: riskKeys.compliance(projectId), queryFn: () => ok(api.GET('/api/v1/projects/{id}/compliance', { params: { path: { id: projectId } } })) });
}

/** The portfolio compliance matrix. */
export function useComplianceMatrix(portfolioId: string) {
  return useQuery({ queryKey: riskKeys.complianceMatrix(portfolioId), queryFn: () => ok(api.GET('/api/v1/compliance/matrix', { params: { query: portfolioId ? { portfolioId } : {} } })) });
}

/** Every lifecycle's compliance checklist. */
export function useChecklists() {
  return useQuery({ queryKey: riskKeys.checklists, queryFn: () => ok(api.GET('/api/v1/compliance/checklists')).then((r) => r.items) });
}

/** The risk library. */
export function useRiskLibrary() {
  return useQuery({ queryKey: riskKeys.library, queryFn: () => ok(api.GET('/api/v1/risk-library', { params: { query: {} } })).then((r) => r.items) });
}

/** Library templates suggested to a project. */
export function useSuggestions(projectId: string) {
  return useQuery({ queryKey: riskKeys.suggestions(projectId), queryFn: () => ok(api.GET('/api/v1/projects/{id}/risk-suggestions', { params: { path: { id: projectId }, query: {} } })) });
}

/** The risk matrix (scales and bands) every form scores against. */
export function useRiskMatrix() {
  return useQuery({ queryKey: riskKeys.matrix, staleTime: 60_000, queryFn: () => ok(api.GET('/api/v1/risk-matrix')).then((r) => ({ matrix: r.matrix as RiskMatrix, version: r.version })) });
}

/** The latest reviews of a project's risk register. */
export function useRegisterReviews(projectId: string) {
  return useQuery({ queryKey: riskKeys.reviews(projectId), queryFn: () => ok(api.GET('/api/v1/projects/{id}/risk-register/reviews', { params: { path: { id: projectId } } })).then((r) => r.items) });
}

/** Members of a project (owners for risks, actions and RAID entries). */
export function useProjectMembers(projectId: string) {
  return useQuery({ queryKey: ['risk', 'members', projectId], enabled: projectId !== '', queryFn: () => ok(api.GET('/api/v1/projects/{id}/members', { params: { path: { id: projectId } } })).then((r) => r.items) });
}

/** Tasks of a project (links from actions and RAID entries); nothing for risks outside a project. */
export function useProjectTasks(projectId: string) {
  return useQuery({ queryKey: ['risk', 'tasks', projectId], enabled: projectId !== '', queryFn: () => ok(api.GET('/api/v1/projects/{id}/tasks', { params: { path: { id: projectId } } })).then((r) => r.items) });
}

/** Formats whole cents as a currency amount without decimals. */
export function formatCents(cents: number): string {
  return (cents / 100).toLocaleString(undefined, { maximumFractionDigits: 0 });
}
