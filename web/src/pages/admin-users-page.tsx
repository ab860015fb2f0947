/** Admin: users and their organisation roles (create, change role, deactivate). */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../api/client';
import { ORG_ROLES, qk, type OrgRole, type User } from '../api/types';
import { DataTable, type Column } from '../ui/data-table';
import { Dialog } from '../ui/dialog';
import { Field, FormError } from '../ui/form';
import { ErrorState, Loading } from '../ui/states';
import { useToast } from '../ui/toast';
import { labelOf } from './labels';

/** The users admin page. */
export function AdminUsersPage() {
  const client = useQueryClient();
  const toast = useToast();
  const users = useQuery({ queryKey: qk.users, queryFn: () => ok(api.GET('/api/v1/users')).then((r) => r.items) });
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ username: '', displayName: '', email: '', orgRole: 'member' as OrgRole, password: '' });
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/users', { body: { ...form, email: form.email || null } })),
    onSuccess: () => { toast('User created'); setOpen(false); setForm({ username: '', displayName: '', email: '', orgRole: 'member', password: '' }); void client.invalidateQueries({ queryKey: qk.users }); },
  });
  const update = useMutation({
    mutationFn: ({ u, patch }: { u: User; patch: { orgRole?: OrgRole; active?: boolean } }) =>
      ok(api.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, headers: ifMatch(u.version), body: patch })),
    onSuccess: () => { toast('User updated'); void client.invalidateQueries({ queryKey: qk.users }); },
    onError: (e) => toast(e.message, 'error'),
  });
  const columns: Column<User>[] = [
    { key: 'username', header: 'Username', width: '160px', render: (u) => u.username, sortValue: (u) => u.username, filterText: (u) => u.username },
    { key: 'name', header: 'Name', render: (u) => u.displayName, sortValue: (u) => u.displayName, filterText: (u) => u.displayName },
    { key: 'email', header: 'Email', render: (u) => u.email ?? '—', filterText: (u) => u.email ?? '' },
    {
      key: 'role', header: 'Role', width: '190px', sortValue: (u) => u.orgRole,
      render: (u) => (
        <select aria-label={`Role of ${u.username}`} value={u.orgRole} onChange={(e) => update.mutate({ u, patch: { orgRole: e.target.value as OrgRole } })}>
          {ORG_ROLES.map((r) => <option key={r} value={r}>{labelOf(r)}</option>)}
        </select>
      ),
    },
    {
      key: 'active', header: 'Active', width: '150px', sortValue: (u) => (u.active ? 1 : 0),
      render: (u) => (
        <span className="row" style={{ flexWrap: 'nowrap' }}>
          <span>{u.active ? 'Yes' : 'No'}</span>
          <button type="button" className="btn btn-small" aria-label={`${u.active ? 'Deactivate' : 'Activate'} ${u.username}`} onClick={() => update.mutate({ u, patch: { active: !u.active } })}>{u.active ? 'Deactivate' : 'Activate'}</button>
        </span>
      ),
    },
  ];
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <div className="row"><h1>Users and roles</h1><span className="spacer" /><button type="button" className="btn btn-primary" onClick={() => { create.reset(); setOpen(true); }}>New user</button></div>
      {users.isLoading ? <Loading /> : users.error ? <ErrorState error={users.error} /> : (
        <DataTable label="Users" rows={users.data ?? []} columns={columns} rowKey={(u) => u.id} initialSort={{ key: 'username', dir: 'asc' }} height={520} />
      )}
      <Dialog open={open} title="New user" onClose={() => setOpen(false)}>
        <form onSubmit={(e: FormEvent) => { e.preventDefault(); create.mutate(); }} noValidate>
          <FormError error={create.error} />
          <Field label="Username" name="username" error={create.error}><input value={form.username} onChange={set('username')} /></Field>
          <Field label="Display name" name="displayName" error={create.error}><input value={form.displayName} onChange={set('displayName')} /></Field>
          <Field label="Email" name="email" error={create.error}><input type="email" value={form.email} onChange={set('email')} /></Field>
          <Field label="Organisation role" name="orgRole" error={create.error}>
            <select value={form.orgRole} onChange={set('orgRole')}>{ORG_ROLES.map((r) => <option key={r} value={r}>{labelOf(r)}</option>)}</select>
          </Field>
          <Field label="Initial password" name="password" error={create.error}><input type="password" autoComplete="new-password" value={form.password} onChange={set('password')} /></Field>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setOpen(false)}>Cancel</button>
            <button type="submit" className="btn btn-primary" disabled={create.isPending}>Create user</button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
