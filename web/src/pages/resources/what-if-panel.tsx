/** What-if on the capacity page: build hypothetical changes, run them, compare with the plan of record. */
import { useState, type FormEvent } from 'react';
import { FormError } from '../../ui/form';
import { useProjects } from '../project-queries';
import { compareGrids } from './capacity-compare';
import { hours, usePeople, useRoles, useTeams, type WhatIfChange, type WhatIfResult } from './resources-api';

type Kind = WhatIfChange['kind'];
const KINDS: [Kind, string][] = [['add-person', 'Add a person or pool'], ['remove-person', 'A person leaves'], ['change-capacity', 'Change part-time'], ['shift-project', 'Shift a project']];

/** A one-line description of a change. */
function describe(c: WhatIfChange, names: Map<string, string>): string {
  switch (c.kind) {
    case 'add-person':
      return `Add ${c.count && c.count > 1 ? `${c.count} x ` : ''}${c.name} at ${c.partTimePercent ?? 100} %${c.roleIds?.length ? ` (${c.roleIds.map((r) => names.get(r) ?? r).join(', ')})` : ''}${c.from ? ` from ${c.from}` : ''}${c.to ? ` to ${c.to}` : ''}`;
    case 'remove-person':
      return `${names.get(c.personId) ?? c.personId} leaves on ${c.from}`;
    case 'change-capacity':
      return `${names.get(c.personId) ?? c.personId} at ${c.partTimePercent ?? 100} %${c.from ? ` from ${c.from}` : ''}${c.to ? ` to ${c.to}` : ''}`;
    case 'shift-project':
      return `Shift ${names.get(c.projectId) ?? c.projectId} by ${c.workingDays} working days`;
  }
}

/** The change list and the form to add one. */
export function WhatIfPanel({ changes, onChange, onRun, running, error }: { changes: WhatIfChange[]; onChange: (c: WhatIfChange[]) => void; onRun: () => void; running: boolean; error: unknown }) {
  const people = usePeople();
  const roles = useRoles();
  const teams = useTeams();
  const projects = useProjects();
  const [kind, setKind] = useState<Kind>('add-person');
  const [name, setName] = useState('');
  const [count, setCount] = useState(1);
  const [percent, setPercent] = useState(100);
  const [roleId, setRoleId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [personId, setPersonId] = useState('');
  const [projectId, setProjectId] = useState('');
  const [days, setDays] = useState(5);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const names = new Map<string, string>([
    ...(people.data ?? []).map((p) => [p.id, p.name] as [string, string]),
    ...(roles.data ?? []).map((r) => [r.id, r.name] as [string, string]),
    ...(projects.data ?? []).map((p) => [p.id, p.name] as [string, string]),
  ]);
  const build = (): WhatIfChange | null => {
    const window = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    switch (kind) {
      case 'add-person':
        return name.trim() ? { kind, name: name.trim(), count, partTimePercent: percent, ...(roleId ? { roleIds: [roleId] } : {}), ...(teamId ? { teamIds: [teamId] } : {}), ...window } : null;
      case 'remove-person':
        return personId && from ? { kind, personId, from } : null;
      case 'change-capacity':
        return personId ? { kind, personId, partTimePercent: percent, ...window } : null;
      case 'shift-project':
        return projectId && days !== 0 ? { kind, projectId, workingDays: days } : null;
    }
  };
  const next = build();
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (next) onChange([...changes, next]);
  };
  return (
    <details className="card" style={{ marginBottom: 12 }} open={changes.length > 0}>
      <summary><strong>What-if</strong> <span className="muted">add or remove capacity, shift a project; nothing is saved</span></summary>
      <form className="filters" style={{ marginTop: 8 }} onSubmit={add} aria-label="Add a what-if change">
        <label className="field">Change
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>{KINDS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select>
        </label>
        {kind === 'add-person' && <>
          <label className="field">Name<input value={name} onChange={(e) => setName(e.target.value)} placeholder="Contractor" /></label>
          <label className="field">How many<input type="number" min={1} max={100} value={count} onChange={(e) => setCount(Math.max(1, Number(e.target.value)))} /></label>
          <label className="field">Role<select value={roleId} onChange={(e) => setRoleId(e.target.value)}><option value="">None</option>{(roles.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select></label>
          <label className="field">Team<select value={teamId} onChange={(e) => setTeamId(e.target.value)}><option value="">None</option>{(teams.data ?? []).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</select></label>
        </>}
        {(kind === 'remove-person' || kind === 'change-capacity') && (
          <label className="field">Person<select value={personId} onChange={(e) => setPersonId(e.target.value)}><option value="">Choose…</option>{(people.data ?? []).filter((p) => p.active).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
        )}
        {(kind === 'add-person' || kind === 'change-capacity') && <label className="field">Part-time %<input type="number" min={0} max={100} value={percent} onChange={(e) => setPercent(Math.min(100, Math.max(0, Number(e.target.value))))} /></label>}
        {kind === 'shift-project' && <>
          <label className="field">Project<select value={projectId} onChange={(e) => setProjectId(e.target.value)}><option value="">Choose…</option>{(projects.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
          <label className="field">Working days (negative: earlier)<input type="number" min={-2000} max={2000} value={days} onChange={(e) => setDays(Number(e.target.value))} /></label>
        </>}
        {kind !== 'shift-project' && <label className="field">{kind === 'remove-person' ? 'Leaves on' : 'Effective from'}<input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>}
        {(kind === 'add-person' || kind === 'change-capacity') && <label className="field">Until<input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>}
        <button type="submit" className="btn" disabled={!next}>Add change</button>
      </form>
      {changes.length > 0 && (
        <ol aria-label="What-if changes">
          {changes.map((c, i) => (
            <li key={i}>{describe(c, names)} <button type="button" className="btn btn-small" aria-label={`Remove change ${i + 1}`} onClick={() => onChange(changes.filter((_, k) => k !== i))}>Remove</button></li>
          ))}
        </ol>
      )}
      <div className="row">
        <button type="button" className="btn btn-primary" disabled={!changes.length || running} onClick={onRun}>Compare with plan of record</button>
        {changes.length > 0 && <button type="button" className="btn" onClick={() => onChange([])}>Clear</button>}
      </div>
      <FormError error={error} />
    </details>
  );
}

/** The difference table of a what-if run. */
export function WhatIfComparison({ result }: { result: WhatIfResult }) {
  const c = compareGrids(result.planOfRecord, result.whatIf);
  return (
    <section aria-label="What-if comparison" data-testid="what-if-comparison">
      <h2>What-if against the plan of record</h2>
      <p data-testid="what-if-totals">
        Over-allocated cells {c.before.overCells} → {c.after.overCells}; hours over {hours(c.before.overMinutes)} → {hours(c.after.overMinutes)}; hours free {hours(c.before.freeMinutes)} → {hours(c.after.freeMinutes)}.
      </p>
      {c.rows.length === 0 ? <p className="muted">No row changes.</p> : (
        <table className="simple-table">
          <thead><tr><th>Row</th><th>Over-allocated cells</th><th>Hours over</th><th>Hours free</th></tr></thead>
          <tbody>
            {c.rows.map((r) => (
              <tr key={r.id}><td>{r.name}</td><td>{r.overCellsBefore} → {r.overCellsAfter}</td><td>{hours(r.overMinutesBefore)} → {hours(r.overMinutesAfter)}</td><td>{hours(r.freeMinutesBefore)} → {hours(r.freeMinutesAfter)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
