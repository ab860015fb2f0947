/** Inputs for the intake form's extra fields, and the conversion of what was typed into the answers the API takes. */
import type { paths } from '../../api/schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
export type IntakeForm = JsonOf<paths['/api/v1/portfolio/intake-form']['get']['responses'][200]>;
export type IntakeField = IntakeForm['fields'][number];
/** What the inputs hold: text for most fields, a boolean for checkboxes, a list for multi-selects. */
export type IntakeValues = Record<string, string | boolean | string[]>;
export type IntakeAnswer = string | number | boolean | string[] | null;

/** The answers to send: numbers parsed, empty answers left out (the server checks required ones). */
export function intakeAnswers(fields: IntakeField[], values: IntakeValues): Record<string, IntakeAnswer> {
  const out: Record<string, IntakeAnswer> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (f.type === 'number') {
      const n = Number(v);
      out[f.key] = typeof v === 'string' && v.trim() !== '' && Number.isFinite(n) ? n : (v as string);
    } else out[f.key] = v;
  }
  return out;
}

/** An answer for display. */
export function formatIntakeAnswer(v: IntakeAnswer | undefined): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

/** One labelled input per field. */
export function IntakeInputs({ fields, values, onChange }: { fields: IntakeField[]; values: IntakeValues; onChange: (v: IntakeValues) => void }) {
  const set = (k: string, v: string | boolean | string[]) => onChange({ ...values, [k]: v });
  return (
    <>
      {fields.map((f) => {
        const id = `intake-${f.key}`;
        const label = `${f.label}${f.required ? '' : ' (optional)'}`;
        const help = f.help ? <span className="muted" id={`${id}-help`}>{f.help}</span> : null;
        const described = f.help ? { 'aria-describedby': `${id}-help` } : {};
        if (f.type === 'checkbox') {
          return (
            <div className="field" key={f.key}>
              <label><input type="checkbox" id={id} checked={values[f.key] === true} onChange={(e) => set(f.key, e.target.checked)} {...described} /> {label}</label>
              {help}
            </div>
          );
        }
        const str = typeof values[f.key] === 'string' ? (values[f.key] as string) : '';
        let input;
        if (f.type === 'long-text') input = <textarea id={id} rows={2} required={f.required} value={str} onChange={(e) => set(f.key, e.target.value)} {...described} />;
        else if (f.type === 'select') {
          input = (
            <select id={id} required={f.required} value={str} onChange={(e) => set(f.key, e.target.value)} {...described}>
              <option value="">Choose…</option>
              {(f.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          );
        } else if (f.type === 'multi-select') {
          const chosen = Array.isArray(values[f.key]) ? (values[f.key] as string[]) : [];
          input = (
            <select id={id} multiple value={chosen} onChange={(e) => set(f.key, [...e.target.selectedOptions].map((o) => o.value))} {...described}>
              {(f.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          );
        } else {
          const type = f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : f.type === 'url' ? 'url' : 'text';
          input = <input id={id} type={type} step={f.type === 'number' ? 'any' : undefined} min={f.min} max={f.max} required={f.required} value={str} onChange={(e) => set(f.key, e.target.value)} {...described} />;
        }
        return (
          <div className="field" key={f.key}>
            <label htmlFor={id}>{label}</label>
            {input}
            {help}
          </div>
        );
      })}
    </>
  );
}
