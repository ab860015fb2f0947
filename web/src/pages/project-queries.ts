/** Shared queries for projects and portfolio structure. */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { fetchAllPages } from '../api/fetch-all';
import { qk, type Project } from '../api/types';

/** Fetches every project page by page, publishing each partial list so the table fills in as pages arrive. */
export function fetchProjects(client: QueryClient) {
  let shown: Project[] = [];
  return fetchAllPages(async (cursor) => {
    const page = await ok(api.GET('/api/v1/projects', { params: { query: { limit: 500, cursor } } }));
    if (page.nextCursor) {
      shown = [...shown, ...page.items];
      client.setQueryData(qk.projects, shown);
    }
    return page;
  });
}

/** Every project the user may see (all pages). */
export function useProjects() {
  const client = useQueryClient();
  return useQuery({ queryKey: qk.projects, queryFn: () => fetchProjects(client) });
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
