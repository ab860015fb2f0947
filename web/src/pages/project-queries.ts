/** Shared queries for projects and portfolio structure. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../api/client';
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

/** Sets a project's priority (0-1000; portfolio editors only) with If-Match; the project list refreshes. */
export function useSetProjectPriority(project: Project) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (priority: number) => ok(api.PATCH('/api/v1/projects/{id}', { params: { path: { id: project.id } }, headers: ifMatch(project.version), body: { priority } })),
    onSuccess: (saved) => {
      client.setQueryData(qk.project(project.id), saved);
      void client.invalidateQueries({ queryKey: qk.projects });
    },
  });
}

/** A priority typed by a user: a whole number 0-1000, else null. */
export function parsePriority(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 1000 ? n : null;
}
