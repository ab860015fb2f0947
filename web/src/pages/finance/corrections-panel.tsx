/**
 * Corrections of approved time in a timesheet week: approved (or locked) entries are never edited; a correction
 * posts a reversal of the entry and a replacement with the right hours (or none, to remove it), both submitted for
 * approval together and audited. Locked periods take the correction in the open period (the posting date).
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Dialog } from '../../ui/dialog';
import { Field, FormError } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { todayIso, type TimeEntry } from './finance-api';
import { formatHours, parseHours } from './finance-format';

/** Approved and locked entries of the week that can still be corrected, with a Correct… action. */
export function CorrectionsPanel({ entries, lockedUntil }: { entries: TimeEntry[]; lockedUntil: string | null }) {
  const reversed = new Set(entries.filter((e) => e.reversalOf).map((e) => e.reversalOf));
  const correctable = entries.filter((e) => (e.state === 'approved' || e.state === 'locked') && !e.reversalOf && !reversed.has(e.id));
  const [entry, setEntry] = useState<TimeEntry | null>(null);
  if (correctable.length === 0) return null;
  return (
    <section aria-labelledby="corrections-h" style={{ marginTop: 16 }}>
      <h2 id="corrections-h">Approved time</h2>
      <p className="muted">Approved time is not edited. A correction reverses the entry and books the right hours in its place; both go to approval again.</p>
      <table className="fin-table" aria-label="Approved time of the week">
        <thead><tr><th scope="col">Date</th><th scope="col">Project / task</th><th scope="col" className="num">Hours</th><th scope="col">State</th><th scope="col"><span className="sr-only">Correct</span></th></tr></thead>
        <tbody>{correctable.map((e) => (
          <tr key={e.id} data-testid="approved-entry">
            <td>{e.date}</td><td>{e.projectCode} · {e.projectName}{e.taskName ? ` / ${e.taskName}` : ''}</td><td className="num">{formatHours(e.minutes)}</td><td>{e.state}</td>
            <td><button type="button" className="btn btn-small" onClick={() => setEntry(e)} aria-label={`Correct ${e.date} ${e.projectCode ?? ''} ${formatHours(e.minutes)} h`}>Correct…</button></td>
          </tr>
        ))}</tbody>
      </table>
      {entry && <CorrectionDialog entry={entry} lockedUntil={lockedUntil} onClose={() => setEntry(null)} />}
    </section>
  );
}

function CorrectionDialog({ entry, lockedUntil, onClose }: { entry: TimeEntry; lockedUntil: string | null; onClose: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [hours, setHours] = useState(formatHours(entry.minutes));
  const [remove, setRemove] = useState(false);
  const [reason, setReason] = useState('');
  const [postingDate, setPostingDate] = useState(todayIso());
  const [localError, setLocalError] = useState('');
  const run = useMutation({
    mutationFn: (minutes: number | null) => ok(api.POST('/api/v1/time-entries/{id}/corrections', { params: { path: { id: entry.id } }, body: { reason, postingDate, ...(minutes === null ? { delete: true } : { minutes }) } })),
    onSuccess: () => { toast('Correction submitted for approval'); void client.invalidateQueries({ queryKey: ['timesheet'] }); void client.invalidateQueries({ queryKey: ['approvals'] }); onClose(); },
  });
  const submit = () => {
    if (remove) return run.mutate(null);
    const parsed = parseHours(hours);
    if ('error' in parsed) return setLocalError(parsed.error);
    if (parsed.minutes <= 0) return setLocalError('Enter the right hours, or remove the entry');
    setLocalError('');
    run.mutate(parsed.minutes);
  };
  return (
    <Dialog open title={`Correct ${formatHours(entry.minutes)} h on ${entry.date}`} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <label className="row"><input type="checkbox" checked={remove} onChange={(e) => setRemove(e.target.checked)} /> Remove the entry (no time was worked)</label>
        {!remove && <Field label="Correct hours" name="minutes" error={run.error}><input inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} required /></Field>}
        <Field label="Reason" name="reason" error={run.error}><textarea value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} /></Field>
        <Field label="Posting date" name="postingDate" error={run.error}><input type="date" value={postingDate} min={lockedUntil ?? undefined} onChange={(e) => setPostingDate(e.target.value)} required /></Field>
        {localError && <div className="form-error" role="alert">{localError}</div>}
        <FormError error={run.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={run.isPending || reason.trim() === ''}>Submit correction</button>
        </div>
      </form>
    </Dialog>
  );
}
