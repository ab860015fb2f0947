/**
 * "New proposal": the intake form. A yearly business case in whole currency units (cost now, running cost and
 * benefit lines by category with their probability, for N years), plus the extra fields admins defined
 * (GET /portfolio/intake-form), whose answers the server validates.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { IntakeInputs, intakeAnswers, type IntakeValues } from './intake-inputs';
import { parseMoney, sk } from './strategy-api';

/** One benefit line as typed: a category, an amount per year, for how many years, and how likely (%). */
export interface BenefitInput {
  category: string;
  perYear: string;
  years: string;
  probability: string;
}

const clampYears = (s: string) => Math.max(0, Math.min(30, Math.floor(Number(s) || 0)));

/** Builds the proposal body: cost in year 0, running cost and each benefit line from year 1, discounted yearly. */
export function proposalBody(f: { name: string; description: string; cost: string; opex?: string; opexYears?: string; rate: string; mandatory: boolean }, lines: BenefitInput[] = []) {
  const cost = parseMoney(f.cost) ?? 0;
  const opex = parseMoney(f.opex ?? '') ?? 0;
  const opexYears = clampYears(f.opexYears ?? '0');
  const benefits = lines
    .map((l) => ({ amount: parseMoney(l.perYear) ?? 0, years: clampYears(l.years), probability: Math.max(0, Math.min(100, Number(l.probability) || 0)) / 100, category: l.category.trim() || 'benefit' }))
    .filter((l) => l.amount > 0 && l.years > 0)
    .map((l) => ({ category: l.category, amountsCents: [0, ...Array.from({ length: l.years }, () => l.amount)], probability: l.probability }));
  return {
    name: f.name,
    description: f.description,
    periodsPerYear: 1 as const,
    annualDiscountRate: (Number(f.rate) || 0) / 100,
    capexCents: [cost],
    ...(opex > 0 && opexYears > 0 ? { opexCents: [0, ...Array.from({ length: opexYears }, () => opex)] } : {}),
    benefits,
    mandatory: f.mandatory,
  };
}

const EMPTY = { name: '', description: '', cost: '', opex: '', opexYears: '3', rate: '8', mandatory: false };
const LINE: BenefitInput = { category: 'savings', perYear: '', years: '3', probability: '100' };
export const BENEFIT_CATEGORIES = ['savings', 'revenue', 'cost avoidance', 'risk reduction', 'compliance', 'other'];

/** The dialog and its button. */
export function NewProposalButton() {
  const client = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState(EMPTY);
  const [lines, setLines] = useState<BenefitInput[]>([LINE]);
  const [intake, setIntake] = useState<IntakeValues>({});
  const form = useQuery({ queryKey: [...sk.proposals, 'intake-form'], queryFn: () => ok(api.GET('/api/v1/portfolio/intake-form')), enabled: open });
  const fields = form.data?.fields ?? [];
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/portfolio/proposals', { body: { ...proposalBody(f, lines), intake: intakeAnswers(fields, intake) } })),
    onSuccess: (p) => {
      toast(`Proposal "${p.name}" created`);
      setOpen(false);
      setF(EMPTY);
      setLines([LINE]);
      setIntake({});
      void client.invalidateQueries({ queryKey: sk.proposals });
    },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const setLine = (i: number, k: keyof BenefitInput, v: string) => setLines(lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => { create.reset(); setOpen(true); }}>New proposal</button>
      <Dialog open={open} title="New proposal" onClose={() => setOpen(false)}>
        <form onSubmit={submit}>
          <Field label="Name" name="name" error={create.error}><input required maxLength={200} value={f.name} onChange={set('name')} /></Field>
          <Field label="Description" name="description" error={create.error}><textarea rows={2} value={f.description} onChange={set('description')} /></Field>
          <Field label="Cost (now)" name="capexCents" error={create.error}><input required inputMode="numeric" value={f.cost} onChange={set('cost')} /></Field>
          <div className="st-form">
            <Field label="Running cost per year" name="opexCents" error={create.error}><input inputMode="numeric" value={f.opex} onChange={set('opex')} /></Field>
            <Field label="Years of running cost" name="opexYears"><input type="number" min={0} max={30} value={f.opexYears} onChange={set('opexYears')} /></Field>
          </div>
          <fieldset className="st-fieldset">
            <legend>Benefits by category</legend>
            {lines.map((l, i) => (
              <div className="st-form" key={i} role="group" aria-label={`Benefit line ${i + 1}`}>
                <div className="field">
                  <label htmlFor={`benefit-cat-${i}`}>Category</label>
                  <input id={`benefit-cat-${i}`} list="benefit-categories" maxLength={100} value={l.category} onChange={(e) => setLine(i, 'category', e.target.value)} />
                </div>
                <div className="field"><label htmlFor={`benefit-amount-${i}`}>Per year</label><input id={`benefit-amount-${i}`} inputMode="numeric" size={10} value={l.perYear} onChange={(e) => setLine(i, 'perYear', e.target.value)} /></div>
                <div className="field"><label htmlFor={`benefit-years-${i}`}>Years</label><input id={`benefit-years-${i}`} type="number" min={0} max={30} value={l.years} onChange={(e) => setLine(i, 'years', e.target.value)} /></div>
                <div className="field"><label htmlFor={`benefit-prob-${i}`}>Probability (%)</label><input id={`benefit-prob-${i}`} type="number" min={0} max={100} value={l.probability} onChange={(e) => setLine(i, 'probability', e.target.value)} /></div>
                {lines.length > 1 && <button type="button" className="btn btn-small" aria-label={`Remove benefit line ${i + 1}`} onClick={() => setLines(lines.filter((_, j) => j !== i))}>Remove</button>}
              </div>
            ))}
            <datalist id="benefit-categories">{BENEFIT_CATEGORIES.map((c) => <option key={c} value={c} />)}</datalist>
            <button type="button" className="btn btn-small" onClick={() => setLines([...lines, { ...LINE, category: 'revenue' }])}>Add benefit line</button>
          </fieldset>
          <Field label="Discount rate (% a year)" name="annualDiscountRate" error={create.error}><input type="number" step="any" min={-50} max={1000} value={f.rate} onChange={set('rate')} /></Field>
          <div className="field"><label><input type="checkbox" checked={f.mandatory} onChange={(e) => setF({ ...f, mandatory: e.target.checked })} /> Mandatory (must be funded)</label></div>
          {fields.length > 0 && (
            <fieldset className="st-fieldset">
              <legend>More about the proposal</legend>
              <IntakeInputs fields={fields} values={intake} onChange={setIntake} />
            </fieldset>
          )}
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
