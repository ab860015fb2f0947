/** "New project" dialog: POST /projects; shows the API's field errors beside the fields. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { qk, STAGES, type Project } from '../api/types';
import { Dialog } from '../ui/dialog';
import { Field, FormError } from '../ui/form';
import { labelOf } from './labels';
import { usePortfolios, usePrograms } from './project-queries';

/** The dialog; `onCreated` gets the new project. */
export function NewProjectDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (p: Project) => void }) {
  const client = useQueryClient();
  const portfolios = usePortfolios();
  const programs = usePrograms();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [portfolioId, setPortfolioId] = useState('');
  const [programId, setProgramId] = useState('');
  const [stage, setStage] = useState<Project['stage']>('planning');
  const [startDate, setStart] = useState('');
  const [finishDate, setFinish] = useState('');
  const pid = portfolioId || portfolios.data?.[0]?.id || '';
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/projects', { body: {
      name, portfolioId: pid, stage,
      ...(code ? { code } : {}), ...(programId ? { programId } : {}),
      ...(startDate ? { startDate } : {}), ...(finishDate ? { finishDate } : {}),
    } })),
    onSuccess: (p) => {
      void client.invalidateQueries({ queryKey: qk.projects });
      setName(''); setCode('');
      onClose();
      onCreated(p);
    },
  });
  return (
    <Dialog open={open} title="New project" onClose={onClose}>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); create.mutate(); }} noValidate>
        <FormError error={create.error} />
        <Field label="Name" name="name" error={create.error}><input value={name} onChange={(e) => setName(e.target.value)} required /></Field>
        <Field label="Code (optional)" name="code" error={create.error}><input value={code} onChange={(e) => setCode(e.target.value)} /></Field>
        <Field label="Portfolio" name="portfolioId" error={create.error}>
          <select value={pid} onChange={(e) => { setPortfolioId(e.target.value); setProgramId(''); }}>
            {(portfolios.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </Field>
        <Field label="Program" name="programId" error={create.error}>
          <select value={programId} onChange={(e) => setProgramId(e.target.value)}>
            <option value="">None</option>
            {(programs.data ?? []).filter((p) => p.portfolioId === pid).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </Field>
        <Field label="Stage" name="stage" error={create.error}>
          <select value={stage} onChange={(e) => setStage(e.target.value as Project['stage'])}>{STAGES.map((s) => <option key={s} value={s}>{labelOf(s)}</option>)}</select>
        </Field>
        <div className="row">
          <Field label="Start" name="startDate" error={create.error}><input type="date" value={startDate} onChange={(e) => setStart(e.target.value)} /></Field>
          <Field label="Finish" name="finishDate" error={create.error}><input type="date" value={finishDate} onChange={(e) => setFinish(e.target.value)} /></Field>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>Create project</button>
        </div>
      </form>
    </Dialog>
  );
}
