/** Profile: display name and email (PATCH /me), password change (POST /me/password). */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { useSession } from '../api/session';
import { qk } from '../api/types';
import { Field, FormError } from '../ui/form';
import { useToast } from '../ui/toast';

/** The profile page. */
export function ProfilePage() {
  const { user } = useSession();
  const client = useQueryClient();
  const toast = useToast();
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/me', { body: { displayName, email: email || null } })),
    onSuccess: (u) => { client.setQueryData(qk.me, u); toast('Profile saved'); },
  });
  const pw = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/me/password', { body: { currentPassword, newPassword } })),
    onSuccess: () => { setCurrent(''); setNew(''); toast('Password changed'); },
  });
  if (!user) return null;
  return (
    <div style={{ maxWidth: 480 }}>
      <h1>Profile</h1>
      <p className="muted">Signed in as <strong>{user.username}</strong> · role {user.orgRole}</p>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(); }} noValidate>
        <FormError error={save.error} />
        <Field label="Display name" name="displayName" error={save.error}>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </Field>
        <Field label="Email" name="email" error={save.error}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <button className="btn btn-primary" type="submit" disabled={save.isPending}>Save profile</button>
      </form>
      <h2>Change password</h2>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); pw.mutate(); }} noValidate>
        <FormError error={pw.error} />
        <Field label="Current password" name="currentPassword" error={pw.error}>
          <input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
        </Field>
        <Field label="New password" name="newPassword" error={pw.error}>
          <input type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} />
        </Field>
        <button className="btn" type="submit" disabled={pw.isPending}>Change password</button>
      </form>
    </div>
  );
}
