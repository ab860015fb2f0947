/** "New proposal": a yearly business case in whole currency units (cost now, the same benefit for N years). */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { parseMoney, sk } from './strategy-api';

/** Builds the proposal body: cost in year 0, `years` equal benefits from year 1, discounted yearly. */
export function proposalBody(f: { name: string; description: string; cost: string; benefit: string; years: string; rate: string; mandatory: boolean }) {
  const cost = parseMoney(f.cost) ?? 0;
  const benefit = parseMoney(f.benefit) ?? 0;
  const years = Math.max(0, Math.min(30, Math.floor(Number(f.years) || 0)));
  return {
    name: f.name,
    description: f.description,
    periodsPerYear: 1 as const,
    annualDiscountRate: (Number(f.rate) || 0) / 100,
    capexCents: [cost],
    benefits: benefit > 0 && years > 0 ? [{ category: 'benefit', amountsCents: [0, ...Array.from({ length: years }, () => benefit)], probability: 1 }] : [],
    mandatory: f.mandatory,
  };
}

const EMPTY = { name: '', description: '', cost: '', benefit: '', years: '3', rate: '8', mandatory: false };

/** The dialog and its button. */
export function NewProposalButton() {
  const client = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState(EMPTY);
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/portfolio/proposals', { body: proposalBody(f) })),
    onSuccess: (p) => { toast(`Proposal "${p.name}" created`); setOpen(false); setF(EMPTY); void client.invalidateQueries({ queryKey: sk.proposals }); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => { create.reset(); setOpen(true); }}>New proposal</button>
      <Dialog open={open} title="New proposal" onClose={() => setOpen(false)}>
        <form onSubmit={submit}>
          <Field label="Name" name="name" error={create.error}><input required maxLength={200} value={f.name} onChange={set('name')} /></Field>
          <Field label="Description" name="description" error={create.error}><textarea rows={2} value={f.description} onChange={set('description')} /></Field>
          <Field label="Cost (now)" name="capexCents" error={create.error}><input required inputMode="numeric" value={f.cost} onChange={set('cost')} /></Field>
          <Field label="Benefit per year" name="benefits" error={create.error}><input inputMode="numeric" value={f.benefit} onChange={set('benefit')} /></Field>
          <Field label="Years of benefit" name="years"><input type="number" min={0} max={30} value={f.years} onChange={set('years')} /></Field>
          <Field label="Discount rate (% a year)" name="annualDiscountRate" error={create.error}><input type="number" step="any" min={-50} max={1000} value={f.rate} onChange={set('rate')} /></Field>
          <div className="field"><label><input type="checkbox" checked={f.mandatory} onChange={(e) => setF({ ...f, mandatory: e.target.checked })} /> Mandatory (must be funded)</label></div>
          <FormError error={create.error} />
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setOpen(false)}>Cancel</button>
            <button type="submit" className="btn btn-primary" disabled={create.isPending}>Create</button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
