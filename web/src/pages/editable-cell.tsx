/** Inline-editable cell: Enter or double-click edits, Enter/blur saves, Escape cancels. */
import { useEffect, useRef, useState } from 'react';

/** Text/date/number cell; `onSave` gets the new raw string when it changed. */
export function EditableCell({ value, label, type = 'text', editable, onSave, display }: {
  value: string; label: string; type?: 'text' | 'date' | 'number'; editable: boolean; onSave: (v: string) => void; display?: string;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => { if (editing) input.current?.select(); }, [editing]);
  if (!editable) return <span>{display ?? value}</span>;
  if (!editing) {
    return (
      <button type="button" className="inline-input" style={{ background: 'none', border: '1px solid transparent', textAlign: 'left' }}
        onClick={(e) => { e.stopPropagation(); setDraft(value); setEditing(true); }}>
        {display ?? (value || '—')}<span className="sr-only">, edit {label}</span>
      </button>
    );
  }
  const commit = () => { setEditing(false); if (draft !== value) onSave(draft); };
  return (
    <input ref={input} className="inline-input" type={type} aria-label={label} value={draft} autoFocus
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setDraft(e.target.value)} onBlur={commit}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') { setEditing(false); setDraft(value); }
      }} />
  );
}
