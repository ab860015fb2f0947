/** Task and link queries and mutations for a project (PATCH with If-Match, optimistic cache updates). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../api/client';
import { qk, type Link, type PatchTaskBody, type Task } from '../api/types';
import { useToast } from '../ui/toast';
import { ApiError } from '../api/client';

/** The project's WBS in display order. */
export function useTasks(projectId: string) {
  return useQuery({ queryKey: qk.tasks(projectId), queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/tasks', { params: { path: { id: projectId } } }))).items });
}

/** The project's dependency links. */
export function useLinks(projectId: string) {
  return useQuery({ queryKey: qk.links(projectId), queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/links', { params: { path: { id: projectId } } }))).items });
}

function conflictMessage(err: unknown): string {
  if (err instanceof ApiError && err.code === 'version_conflict') return 'Someone else changed this task; reloaded the latest version.';
  return err instanceof Error ? err.message : String(err);
}

/** Patches a task with If-Match; shows the change at once and rolls back on error. */
export function usePatchTask(projectId: string) {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ task, patch }: { task: Task; patch: PatchTaskBody }) =>
      ok(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: task.id } }, headers: ifMatch(task.version), body: patch })),
    onMutate: async ({ task, patch }) => {
      await client.cancelQueries({ queryKey: qk.tasks(projectId) });
      const before = client.getQueryData<Task[]>(qk.tasks(projectId));
      client.setQueryData<Task[]>(qk.tasks(projectId), (ts) => ts?.map((t) => (t.id === task.id ? ({ ...t, ...patch } as Task) : t)));
      return { before };
    },
    onError: (err, _v, ctx) => {
      if (ctx?.before) client.setQueryData(qk.tasks(projectId), ctx.before);
      toast(conflictMessage(err), 'error');
    },
    onSuccess: (saved) => {
      client.setQueryData<Task[]>(qk.tasks(projectId), (ts) => ts?.map((t) => (t.id === saved.id ? { ...t, ...saved } : t)));
    },
    onSettled: () => client.invalidateQueries({ queryKey: qk.tasks(projectId) }),
  });
}

/** Creates a task. */
export function useCreateTask(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; parentId?: string | null; afterId?: string | null; start?: string; finish?: string; durationMinutes?: number; isMilestone?: boolean }) =>
      ok(api.POST('/api/v1/projects/{id}/tasks', { params: { path: { id: projectId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: qk.tasks(projectId) }),
  });
}

/** Deletes a task (If-Match). */
export function useDeleteTask(projectId: string) {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (task: Task) => ok(api.DELETE('/api/v1/tasks/{id}', { params: { path: { id: task.id } }, headers: ifMatch(task.version) })),
    onSuccess: () => { toast('Task deleted'); void client.invalidateQueries({ queryKey: qk.tasks(projectId) }); void client.invalidateQueries({ queryKey: qk.links(projectId) }); },
    onError: (err) => toast(conflictMessage(err), 'error'),
  });
}

/** Creates a dependency link. */
export function useCreateLink(projectId: string) {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: { predecessorId: string; successorId: string; type?: Link['type']; lagMinutes?: number }) =>
      ok(api.POST('/api/v1/projects/{id}/links', { params: { path: { id: projectId } }, body })),
    onSuccess: () => { toast('Dependency added'); void client.invalidateQueries({ queryKey: qk.links(projectId) }); void client.invalidateQueries({ queryKey: qk.tasks(projectId) }); },
    onError: (err) => toast(err instanceof Error ? err.message : String(err), 'error'),
  });
}

/** Deletes a dependency link. */
export function useDeleteLink(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (link: Link) => ok(api.DELETE('/api/v1/links/{id}', { params: { path: { id: link.id } }, headers: ifMatch(link.version) })),
    onSuccess: () => client.invalidateQueries({ queryKey: qk.links(projectId) }),
  });
}

/** Reschedules the project (critical path method); the server saves every date and the critical flags. */
export function useReschedule(projectId: string) {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: () => ok(api.POST('/api/v1/projects/{id}/schedule', { params: { path: { id: projectId } } })),
    onSuccess: (s) => {
      toast(`Scheduled: finish ${s.projectFinish.slice(0, 10)}, ${s.criticalCount} critical task(s)${s.warnings.length ? `, ${s.warnings.length} warning(s)` : ''}`);
      void client.invalidateQueries({ queryKey: qk.tasks(projectId) });
      void client.invalidateQueries({ queryKey: qk.project(projectId) });
    },
    onError: (err) => toast(err instanceof Error ? err.message : String(err), 'error'),
  });
}

/** Saves the current dates as baseline 0 (drawn as thin bars under the tasks). */
export function useSaveBaseline(projectId: string) {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: () => ok(api.POST('/api/v1/projects/{id}/baselines/{number}', { params: { path: { id: projectId, number: 0 } } })),
    onSuccess: (r) => { toast(`Baseline saved for ${r.tasks} task(s)`); void client.invalidateQueries({ queryKey: qk.tasks(projectId) }); },
    onError: (err) => toast(err instanceof Error ? err.message : String(err), 'error'),
  });
}
