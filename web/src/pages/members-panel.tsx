/** Project membership: list members, add a user with a role, change a role, remove. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../api/client';
import { useSession } from '../api/session';
import { PROJECT_ROLES, qk, type Member, type Project, type ProjectRole } from '../api/types';
import { DataTable, type Column } from '../ui/data-table';
import { Field, FormError } from '../ui/form';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useToast } from '../ui/toast';
import { labelOf } from './labels';

/** Members of one project; editable by its managers and admins. */
export function MembersPanel({ project }: { project: Project }) {
  const { user } = useSession();
  const client = useQueryClient();
  const toast = useToast();
  const canManage = project.canEdit && (project.myRole === 'project_manager' || user?.orgRole === 'admin' || user?.orgRole === 'pmo');
  const members = useQuery({ queryKey: qk.members(project.id), queryFn: async () => (await ok(api.GET('/api/v1/projects/{id}/members', { params: { path: { id: project.id } } }))).items });
  const users = useQuery({
    queryKey: qk.users, enabled: canManage, retry: false,
    queryFn: () => ok(api.GET('/api/v1/users')).then((r) => r.items),
  });
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<ProjectRole>('team_member');
  const invalidate = () => { void client.invalidateQueries({ queryKey: qk.members(project.id) }); void client.invalidateQueries({ queryKey: qk.project(project.id) }); };
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/projects/{id}/members', { params: { path: { id: project.id } }, body: { userId, role } })),
    onSuccess: () => { toast('Member added'); setUserId(''); invalidate(); },
  });
  const change = useMutation({
    mutationFn: ({ m, role: r }: { m: Member; role: ProjectRole }) =>
      ok(api.PATCH('/api/v1/projects/{id}/members/{memberId}', { params: { path: { id: project.id, memberId: m.id } }, headers: ifMatch(m.version), body: { role: r } })),
    onSuccess: () => { toast('Role changed'); invalidate(); },
    onError: (e) => toast(e.message, 'error'),
  });
  const remove = useMutation({
    mutationFn: (m: Member) => ok(api.DELETE('/api/v1/projects/{id}/members/{memberId}', { params: { path: { id: project.id, memberId: m.id } }, headers: ifMatch(m.version) })),
    onSuccess: () => { toast('Member removed'); invalidate(); },
    onError: (e) => toast(e.message, 'error'),
  });
  const columns: Column<Member>[] = [
    { key: 'name', header: 'Name', render: (m) => m.displayName, sortValue: (m) => m.displayName, filterText: (m) => `${m.displayName} ${m.username}` },
    { key: 'user', header: 'Username', width: '160px', render: (m) => m.username, sortValue: (m) => m.username },
    {
      key: 'role', header: 'Role', width: '200px', sortValue: (m) => m.role,
      render: (m) => canManage ? (
        <select aria-label={`Role of ${m.displayName}`} value={m.role} onClick={(e) => e.stopPropagation()} onChange={(e) => change.mutate({ m, role: e.target.value as ProjectRole })}>
          {PROJECT_ROLES.map((r) => <option key={r} value={r}>{labelOf(r)}</option>)}
        </select>
      ) : labelOf(m.role),
    },
    ...(canManage ? [{ key: 'x', header: 'Actions', width: '100px', render: (m: Member) => <button type="button" className="btn btn-small btn-danger" aria-label={`Remove ${m.displayName}`} onClick={() => remove.mutate(m)}>Remove</button> }] : []),
  ];
  const memberIds = new Set((members.data ?? []).map((m) => m.userId));
  return (
    <div>
      {canManage && (
        <form className="row" style={{ alignItems: 'flex-end' }} onSubmit={(e: FormEvent) => { e.preventDefault(); if (userId) add.mutate(); }}>
          <Field label="User" name="userId" error={add.error}>
            <select value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose a user…</option>
              {(users.data ?? []).filter((u) => !memberIds.has(u.id) && u.active).map((u) => <option key={u.id} value={u.id}>{u.displayName} ({u.username})</option>)}
            </select>
          </Field>
          <Field label="Project role" name="role" error={add.error}>
            <select value={role} onChange={(e) => setRole(e.target.value as ProjectRole)}>{PROJECT_ROLES.map((r) => <option key={r} value={r}>{labelOf(r)}</option>)}</select>
          </Field>
          <div className="field"><button type="submit" className="btn btn-primary" disabled={!userId || add.isPending}>Add member</button></div>
        </form>
      )}
      <FormError error={add.error} />
      {members.isLoading ? <Loading /> : members.error ? <ErrorState error={members.error} /> : (
        <DataTable label={`Members of ${project.name}`} rows={members.data ?? []} columns={columns} rowKey={(m) => m.id} height={400} filterable={false}
          empty={<Empty title="No members yet." />} />
      )}
    </div>
  );
}
