/** Personal API tokens: list, create (secret shown once), revoke. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { qk, type ApiToken } from '../api/types';
import { DataTable, type Column } from '../ui/data-table';
import { Dialog } from '../ui/dialog';
import { Field, FormError } from '../ui/form';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useToast } from '../ui/toast';

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** The tokens page. */
export function TokensPage() {
  const client = useQueryClient();
  const toast = useToast();
  const tokens = useQuery({ queryKey: qk.tokens, queryFn: async () => (await ok(api.GET('/api/v1/me/tokens'))).items });
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [write, setWrite] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/me/tokens', { body: { name, scopes: write ? ['read', 'write'] : ['read'] } })),
    onSuccess: (res) => { setSecret(res.secret); setName(''); void client.invalidateQueries({ queryKey: qk.tokens }); },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => ok(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => { toast('Token revoked'); setRevoking(null); void client.invalidateQueries({ queryKey: qk.tokens }); },
    onError: (err) => toast(err.message, 'error'),
  });
  const columns: Column<ApiToken>[] = [
    { key: 'name', header: 'Name', render: (t) => t.name, sortValue: (t) => t.name, filterText: (t) => t.name },
    { key: 'prefix', header: 'Prefix', width: '120px', render: (t) => <code>{t.prefix}…</code> },
    { key: 'scopes', header: 'Scopes', width: '110px', render: (t) => t.scopes.join(', ') },
    { key: 'created', header: 'Created', width: '170px', render: (t) => fmt(t.createdAt), sortValue: (t) => t.createdAt },
    { key: 'used', header: 'Last used', width: '170px', render: (t) => fmt(t.lastUsedAt) },
    { key: 'state', header: 'State', width: '100px', render: (t) => (t.revokedAt ? 'revoked' : 'active') },
    { key: 'act', header: 'Actions', width: '100px', render: (t) => (t.revokedAt ? null : <button type="button" className="btn btn-small btn-danger" onClick={(e) => { e.stopPropagation(); setRevoking(t); }}>Revoke</button>) },
  ];
  return (
    <div>
      <div className="row"><h1>API tokens</h1><span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => { setSecret(null); create.reset(); setOpen(true); }}>New token</button>
      </div>
      <p className="muted">Use a token as <code>Authorization: Bearer TOKEN</code> for scripts and integrations.</p>
      {tokens.isLoading ? <Loading /> : tokens.error ? <ErrorState error={tokens.error} /> : (
        <DataTable label="API tokens" rows={tokens.data ?? []} columns={columns} rowKey={(t) => t.id} height={400} filterable={false}
          empty={<Empty title="No tokens yet." />} />
      )}
      <Dialog open={open} title={secret ? 'Token created' : 'New API token'} onClose={() => setOpen(false)}>
        {secret ? (
          <div>
            <p>Copy this secret now. It will not be shown again.</p>
            <p className="secret" data-testid="token-secret">{secret}</p>
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => void navigator.clipboard?.writeText(secret).then(() => toast('Copied'))}>Copy</button>
              <button type="button" className="btn btn-primary" onClick={() => setOpen(false)}>Done</button>
            </div>
          </div>
        ) : (
          <form onSubmit={(e: FormEvent) => { e.preventDefault(); create.mutate(); }} noValidate>
            <FormError error={create.error} />
            <Field label="Name" name="name" error={create.error}><input value={name} onChange={(e) => setName(e.target.value)} required /></Field>
            <label className="row"><input type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} /> Allow writes (scope <code>write</code>)</label>
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => setOpen(false)}>Cancel</button>
              <button type="submit" className="btn btn-primary" disabled={create.isPending}>Create token</button>
            </div>
          </form>
        )}
      </Dialog>
      <Dialog open={revoking !== null} title="Revoke token?" onClose={() => setRevoking(null)}>
        <p>Scripts using <strong>{revoking?.name}</strong> will stop working.</p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setRevoking(null)}>Cancel</button>
          <button type="button" className="btn btn-primary" onClick={() => revoking && revoke.mutate(revoking.id)}>Revoke</button>
        </div>
      </Dialog>
    </div>
  );
}
