/**
 * "Import MS Project" dialog: uploads an MS Project XML (MSPDI) file to POST /projects/import as application/xml,
 * optionally rescheduled by pmo, and opens the new project. Problems (malformed XML, not MS Project) show inline.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { qk } from '../api/types';
import { Dialog } from '../ui/dialog';
import { Field, FormError } from '../ui/form';
import { usePortfolios } from './project-queries';

/** The dialog; `onImported` gets the new project's id. */
export function ImportProjectDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (projectId: string) => void }) {
  const client = useQueryClient();
  const portfolios = usePortfolios();
  const [file, setFile] = useState<File | null>(null);
  const [portfolioId, setPortfolioId] = useState('');
  const [reschedule, setReschedule] = useState(true);
  const pid = portfolioId || portfolios.data?.[0]?.id || '';
  const upload = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error('choose an MS Project XML file');
      const xml = await file.text();
      return ok(
        api.POST('/api/v1/projects/import', {
          params: { query: { portfolioId: pid, reschedule: reschedule ? 'true' : 'false' } },
          body: xml,
          bodySerializer: (b: string) => b,
          headers: { 'content-type': 'application/xml' },
        }),
      );
    },
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: qk.projects });
      setFile(null);
      onClose();
      onImported(r.projectId);
    },
  });
  return (
    <Dialog open={open} title="Import MS Project file" onClose={onClose}>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); upload.mutate(); }} noValidate>
        <FormError error={upload.error} />
        <Field label="MS Project XML file" name="file" error={upload.error}>
          <input type="file" accept=".xml,application/xml,text/xml" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Field>
        <Field label="Portfolio" name="portfolioId" error={upload.error}>
          <select value={pid} onChange={(e) => setPortfolioId(e.target.value)}>
            {(portfolios.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </Field>
        <label className="row" style={{ gap: 8 }}>
          <input type="checkbox" checked={reschedule} onChange={(e) => setReschedule(e.target.checked)} />
          Reschedule with pmo (recompute the dates of automatically scheduled tasks)
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={upload.isPending || !file}>Import</button>
        </div>
      </form>
    </Dialog>
  );
}
