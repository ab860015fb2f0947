/** Shared queries for projects and portfolio structure. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { fetchAllPages } from '../api/fetch-all';
import { qk } from '../api/types';

/** Every project the user may see (all pages). */
export function useProjects() {
  return useQuery({
    queryKey: qk.projects,
    queryFn: () => fetchAllPages((cursor) => ok(api.GET('/api/v1/projects', { params: { query: { limit: 500, cursor } } }))),
  });
}

/** All portfolios. */
export function usePortfolios() {
  return useQuery({
    queryKey: qk.portfolios,
    queryFn: () => ok(api.GET('/api/v1/portfolios')).then((r) => r.items),
  });
}

/** All programs. */
export function usePrograms() {
  return useQuery({
    queryKey: qk.programs,
    queryFn: () => ok(api.GET('/api/v1/programs')).then((r) => r.items),
  });
}

/** One project. */
export function useProject(id: string) {
  return useQuery({ queryKey: qk.project(id), queryFn: () => ok(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })) });
}
